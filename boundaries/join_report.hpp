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

// The first problem rows, one line each, for stderr when a join is not clean.
std::vector<std::string> join_problems(const geo::Table& table, const BoundarySet& boundaries,
                                       const JoinResult& result, std::size_t limit);

}  // namespace covermap::boundaries
