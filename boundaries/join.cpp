#include "boundaries/join.hpp"

#include <algorithm>
#include <optional>

#include "geo/error.hpp"
#include "geo/number.hpp"
#include "geo/point_index.hpp"

namespace covermap::boundaries {

int require_column(const geo::Table& table, const std::string& column, const std::string& role) {
  if (column.empty()) throw InputError(table.source, role + " is not set", "name one of the table's columns");
  const std::vector<int> found = table.columns_named(column);
  if (found.size() > 1)
    throw InputError(table.source,
                     "columns " + std::to_string(found[0] + 1) + " and " + std::to_string(found[1] + 1) +
                         " are both named '" + column + "' (" + role + ")",
                     "rename one of them in the header");
  if (!found.empty()) return found.front();
  throw InputError(table.source, "no column '" + column + "' (" + role + ")",
                   "columns: " + comma_list(table.columns));
}

JoinResult join(const BoundarySet& boundaries, const geo::Table& table, const DataSpec& spec,
                const BoundarySet* parents) {
  const auto key_column = static_cast<std::size_t>(require_column(table, spec.key, "data.key"));
  const MatchBy by = parse_match_by(spec.match);
  const Gazetteer gazetteer(boundaries);
  const RowParents row_parents(table, spec.parent, parents);

  JoinResult result;
  result.row_of_unit.assign(boundaries.units.size(), -1);
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const long row = static_cast<long>(i) + 1;
    const std::string& input = table.rows[i][key_column];
    const std::optional<std::string> parent_prefix = row_parents.prefix(i);
    if (!parent_prefix) {
      result.unmatched.push_back({row, input, {}, row_parents.unknown_note(i)});
      continue;
    }
    const std::string& prefix = *parent_prefix;
    Lookup lookup = gazetteer.find(input, by, prefix);
    if (lookup.units.empty()) {
      std::string note;
      if (!prefix.empty() && !gazetteer.find(input, by).units.empty())
        note = "no such unit in parent '" + row_parents.text(i) + "'";
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

namespace {

double coordinate(const geo::Table& table, long row, const std::string& text, const std::string& column) {
  if (const auto value = geo::parse_number(normalise_name(text))) return *value;
  throw geo::not_a_number_error(table.source, row, column, text,
                                "data.lon and data.lat take decimal degrees (WGS 84)");
}

}  // namespace

JoinResult join_points(const BoundarySet& boundaries, const geo::Table& table, const DataSpec& spec,
                       const geo::GeosContext& geos, bool many_per_unit) {
  const auto lon_column = static_cast<std::size_t>(require_column(table, spec.lon, "data.lon"));
  const auto lat_column = static_cast<std::size_t>(require_column(table, spec.lat, "data.lat"));
  const int key_column = spec.key.empty() ? -1 : require_column(table, spec.key, "data.key");
  std::vector<const geo::MultiPolygon*> polygons;
  for (const auto& unit : boundaries.units) polygons.push_back(&unit.geometry);
  const geo::PointIndex index(geos, polygons);

  JoinResult result;
  result.row_of_unit.assign(boundaries.units.size(), -1);
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const long row = static_cast<long>(i) + 1;
    const auto& cells = table.rows[i];
    const std::string where = cells[lon_column] + ", " + cells[lat_column];
    const std::string input = key_column >= 0 ? cells[static_cast<std::size_t>(key_column)] : where;
    if (normalise_name(cells[lon_column]).empty() || normalise_name(cells[lat_column]).empty()) {
      result.unmatched.push_back({row, input, {}, "no coordinates"});
      continue;
    }
    const double lon = coordinate(table, row, cells[lon_column], spec.lon);
    const double lat = coordinate(table, row, cells[lat_column], spec.lat);
    const std::vector<std::size_t> units = index.covering(lon, lat);
    if (units.empty()) {
      std::string note = "the point (" + where + ") lies in no unit";
      if (const auto swapped = index.covering(lat, lon); !swapped.empty()) {
        const Unit& unit = boundaries.units[swapped.front()];
        note += "; lon/lat swapped? (" + cells[lat_column] + ", " + cells[lon_column] + ") is in " + unit.id +
                " " + unit.name;
        ++result.placed_if_swapped;
      }
      result.unmatched.push_back({row, input, {}, note});
    } else if (units.size() > 1) {
      result.ambiguous.push_back({row, input, units});
    } else if (const std::size_t unit = units.front(); result.row_of_unit[unit] >= 0 && !many_per_unit) {
      result.duplicates.push_back({row, input, unit, result.row_of_unit[unit] + 1});
    } else {
      if (result.row_of_unit[unit] < 0) result.row_of_unit[unit] = static_cast<long>(i);
      result.matched.push_back({row, input, unit, "point"});
    }
  }
  for (std::size_t unit = 0; unit < boundaries.units.size(); ++unit)
    if (result.row_of_unit[unit] < 0) result.units_without_data.push_back(unit);
  return result;
}

}  // namespace covermap::boundaries
