#pragma once
// The join report of the user contract (DESIGN.md), as JSON with a fixed key order.
#include <nlohmann/json.hpp>
#include <string>

#include "boundaries/join.hpp"

namespace covermap::boundaries {

nlohmann::ordered_json join_report(const BoundarySet& boundaries, const geo::Table& table,
                                   const JoinResult& result);

// One line for the terminal: "34 rows: 31 matched, 2 unmatched, 1 ambiguous, 0 duplicates; 3 units without
// data".
std::string join_summary(const geo::Table& table, const JoinResult& result);

// The rows that need a human, as an aligned table (row, input, problem, candidates / suggestions), sorted by
// row; "" when there are none.
std::string join_problem_table(const BoundarySet& boundaries, const JoinResult& result);

}  // namespace covermap::boundaries
