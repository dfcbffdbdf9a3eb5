#include "boundaries/join.hpp"

#include <algorithm>
#include <optional>

#include "geo/error.hpp"

namespace covermap::boundaries {

int require_column(const geo::Table& table, const std::string& column, const std::string& role) {
  if (column.empty()) throw InputError(table.source, role + " is not set", "name one of the table's columns");
  const int index = table.column_index(column);
  if (index >= 0) return index;
  throw InputError(table.source, "no column '" + column + "' (" + role + ")",
                   "columns: " + comma_list(table.columns));
}

JoinResult join(const BoundarySet& boundaries, const geo::Table& table, const DataSpec& spec,
                const BoundarySet* parents) {
  const auto key_column = static_cast<std::size_t>(require_column(table, spec.key, "data.key"));
  const int parent_column = spec.parent.empty() ? -1 : require_column(table, spec.parent, "data.parent");
  const MatchBy by = parse_match_by(spec.match);
  const Gazetteer gazetteer(boundaries);
  std::optional<ParentResolver> resolver;
  if (parent_column >= 0) resolver.emplace(parents);

  JoinResult result;
  result.row_of_unit.assign(boundaries.units.size(), -1);
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const long row = static_cast<long>(i) + 1;
    const std::string& input = table.rows[i][key_column];
    std::string prefix;
    if (resolver) {
      const std::string& parent = table.rows[i][static_cast<std::size_t>(parent_column)];
      if (!normalise_name(parent).empty()) {
        const auto found = resolver->prefix(parent);
        if (!found) {
          result.unmatched.push_back(
              {row, input, {}, "parent '" + parent + "' names no province or prefecture"});
          continue;
        }
        prefix = *found;
      }
    }
    Lookup lookup = gazetteer.find(input, by, prefix);
    if (lookup.units.empty()) {
      std::string note;
      if (!prefix.empty() && !gazetteer.find(input, by).units.empty())
        note = "no such unit in parent '" + table.rows[i][static_cast<std::size_t>(parent_column)] + "'";
      result.unmatched.push_back({row, input, gazetteer.suggest(input, prefix), note});
    } else if (lookup.units.size() > 1) {
      result.ambiguous.push_back({row, input, lookup.units});
    } else if (const std::size_t unit = lookup.units.front(); result.row_of_unit[unit] >= 0) {
      result.duplicates.push_back({row, input, unit, result.row_of_unit[unit] + 1});
    } else {
      result.row_of_unit[unit] = static_cast<long>(i);
      // The report's "how" is the contract's: code or name (exact, loose and pinyin are all names).
      result.matched.push_back({row, input, unit, lookup.how == "code" ? "code" : "name"});
    }
  }
  for (std::size_t unit = 0; unit < boundaries.units.size(); ++unit)
    if (result.row_of_unit[unit] < 0) result.units_without_data.push_back(unit);
  return result;
}

}  // namespace covermap::boundaries
