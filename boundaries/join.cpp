#include "boundaries/join.hpp"

#include <algorithm>

#include "geo/error.hpp"

namespace covermap::boundaries {

int require_column(const geo::Table& table, const std::string& column, const std::string& role) {
  if (column.empty()) throw InputError(table.source, role + " is not set", "name one of the table's columns");
  const int index = table.column_index(column);
  if (index >= 0) return index;
  throw InputError(table.source, "no column '" + column + "' (" + role + ")",
                   "columns: " + comma_list(table.columns));
}

JoinResult join(const BoundarySet& boundaries, const geo::Table& table, const DataSpec& spec) {
  const auto key_column = static_cast<std::size_t>(require_column(table, spec.key, "data.key"));
  const MatchBy by = parse_match_by(spec.match);
  const Gazetteer gazetteer(boundaries);

  JoinResult result;
  result.row_of_unit.assign(boundaries.units.size(), -1);
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const long row = static_cast<long>(i) + 1;
    const std::string& input = table.rows[i][key_column];
    Lookup lookup = gazetteer.find(input, by);
    if (lookup.units.empty()) {
      result.unmatched.push_back({row, input, gazetteer.suggest(input)});
    } else if (lookup.units.size() > 1) {
      std::sort(lookup.units.begin(), lookup.units.end());
      result.ambiguous.push_back({row, input, lookup.units});
    } else if (const std::size_t unit = lookup.units.front(); result.row_of_unit[unit] >= 0) {
      result.duplicates.push_back({row, input, unit, result.row_of_unit[unit] + 1});
    } else {
      result.row_of_unit[unit] = static_cast<long>(i);
      result.matched.push_back({row, input, unit, lookup.how});
    }
  }
  for (std::size_t unit = 0; unit < boundaries.units.size(); ++unit)
    if (result.row_of_unit[unit] < 0) result.units_without_data.push_back(unit);
  return result;
}

}  // namespace covermap::boundaries
