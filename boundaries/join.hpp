#pragma once
// Joins data rows to boundary units, and says plainly what did not join.
#include <string>
#include <vector>

#include "boundaries/gazetteer.hpp"
#include "boundaries/unit.hpp"
#include "geo/table.hpp"

namespace covermap::boundaries {

struct DataSpec {
  std::string source;  // path, resolved against the map file
  std::string sheet;   // sheet or layer; empty: the first
  std::string key;     // the column that names the unit
  std::string match = "auto";
  std::string parent;    // column narrowing a name among units of the same name (gazetteer issue)
  std::string encoding;  // text encoding when not UTF-8
};

struct MatchedRow {
  long row;  // from 1 after the header
  std::string input;
  std::size_t unit;
  std::string how;
};
struct UnmatchedRow {
  long row;
  std::string input;
  std::vector<std::string> suggestions;
};
struct AmbiguousRow {
  long row;
  std::string input;
  std::vector<std::size_t> candidates;
};
struct DuplicateRow {
  long row;
  std::string input;
  std::size_t unit;
  long first_row;
};

struct JoinResult {
  std::vector<MatchedRow> matched;
  std::vector<UnmatchedRow> unmatched;
  std::vector<AmbiguousRow> ambiguous;
  std::vector<DuplicateRow> duplicates;
  std::vector<std::size_t> units_without_data;
  // For each unit, the data row joined to it (index into the table's rows), or -1.
  std::vector<long> row_of_unit;

  // No unmatched or ambiguous rows: the map shows every row of the data.
  bool clean() const { return unmatched.empty() && ambiguous.empty(); }
};

JoinResult join(const BoundarySet& boundaries, const geo::Table& table, const DataSpec& spec);

// The key column's index, or an InputError naming the file and listing its columns.
int require_column(const geo::Table& table, const std::string& column, const std::string& role);

}  // namespace covermap::boundaries
