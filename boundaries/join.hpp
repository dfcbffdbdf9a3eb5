#pragma once
// Joins data rows to boundary units, and says plainly what did not join.
#include <string>
#include <vector>

#include "boundaries/gazetteer.hpp"
#include "boundaries/parent.hpp"
#include "boundaries/unit.hpp"
#include "geo/geos_context.hpp"
#include "geo/table.hpp"

namespace covermap::boundaries {

struct DataSpec {
  std::string source;  // path, resolved against the map file
  std::string sheet;   // sheet or layer; empty: the first
  std::string key;     // the column that names the unit
  std::string match = "auto";
  // Column naming each row's province or prefecture (name or code); narrows names by adcode prefix.
  std::string parent;
  // Text encoding when not UTF-8; empty: UTF-8, or GB18030 when the bytes are not valid UTF-8.
  std::string encoding;
  // sum | mean | max | count | any: many rows (counties) to one unit; empty: one row per unit.
  std::string aggregate;
  // Columns of a point per row (WGS 84 degrees): rows go to the unit containing the point.
  std::string lon, lat;
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
  std::string
      note;  // why, when it is not simply an unknown name ("parent 'X' names no province or prefecture")
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
  // join_points: unmatched points that would fall in a unit with longitude and latitude exchanged.
  std::size_t placed_if_swapped = 0;

  // No unmatched or ambiguous rows: the map shows every row of the data.
  bool clean() const { return unmatched.empty() && ambiguous.empty(); }
};

// `parents`: units whose names data.parent may use besides the 34 provinces (e.g. prefectures); may be null.
JoinResult join(const BoundarySet& boundaries, const geo::Table& table, const DataSpec& spec,
                const BoundarySet* parents = nullptr);

// data.lon / data.lat: each row to the unit covering its point (GEOS STRtree). A point on a border shared by
// two units is ambiguous; outside every unit, unmatched (noting "lon/lat swapped?" when the exchanged
// coordinates fall in a unit). A second row in a unit is a duplicate unless
// `many_per_unit` (data.aggregate), when every row is matched. The key column, when set, only labels the
// rows.
JoinResult join_points(const BoundarySet& boundaries, const geo::Table& table, const DataSpec& spec,
                       const geo::GeosContext& geos, bool many_per_unit);

// The key column's index, or an InputError naming the file and listing its columns.
int require_column(const geo::Table& table, const std::string& column, const std::string& role);

}  // namespace covermap::boundaries
