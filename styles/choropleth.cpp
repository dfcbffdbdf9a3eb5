#include "styles/choropleth.hpp"

#include <algorithm>
#include <future>
#include <optional>

#include "boundaries/complete.hpp"
#include "boundaries/join_report.hpp"
#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/warnings.hpp"

namespace covermap::styles {

namespace {

bool same_source(const boundaries::BoundarySpec& a, const boundaries::BoundarySpec& b) {
  return a.source == b.source && a.layer == b.layer && a.id == b.id && a.name == b.name &&
         a.encoding == b.encoding && a.crs == b.crs;
}

// Points outside every unit that land in one with lon and lat exchanged: the columns are swapped.
std::string swapped_hint(const boundaries::JoinResult& result) {
  if (result.placed_if_swapped == 0) return {};
  return "lon/lat swapped? " + std::to_string(result.placed_if_swapped) +
         (result.placed_if_swapped == 1 ? " of them falls" : " of them fall") +
         " in a unit with data.lon and data.lat exchanged; else ";
}

// labels.column: the value of the first row joined to each unit, kept as an attribute of the unit that
// labels.field then names (the column's name behind a prefix no boundary field has).
void label_units_from_data(JoinedMap& joined) {
  LabelStyle& labels = joined.spec.style.labels;
  if (labels.column.empty()) return;
  const int column = boundaries::require_column(joined.table, labels.column, "labels.column");
  labels.field = "data:" + labels.column;
  joined.units.fields.push_back(labels.field);
  for (const auto& matched : joined.result.matched) {
    auto& attributes = joined.units.units[matched.unit].attributes;
    const std::string& text =
        joined.table.rows[static_cast<std::size_t>(matched.row - 1)][static_cast<std::size_t>(column)];
    attributes.emplace(labels.field, text);
  }
}

// boundaries.complete_from: the coarser set's units the boundaries leave out, added after the join (no row
// can join them) as units without data, and named in a warning.
void complete_units(JoinedMap& joined, BoundaryStore& store, const geo::GeosContext& geos) {
  const boundaries::BoundarySpec& from = joined.spec.complete_from;
  if (from.source.empty()) return;
  boundaries::BoundarySet coarse = store.load(from);
  const std::vector<std::size_t> missing = boundaries::uncovered_units(joined.units, coarse, geos);
  if (missing.empty()) return;
  std::vector<std::string> names;
  names.reserve(missing.size());
  for (const std::size_t i : missing) names.push_back(coarse.units[i].name + " (" + coarse.units[i].id + ")");
  const std::string layer = from.layer.empty() ? from.source : from.source + " layer " + from.layer;
  warn(joined.spec.path + ": boundaries.complete_from: " + std::to_string(missing.size()) +
       (missing.size() == 1 ? " unit" : " units") + " of " + layer +
       " not covered by the boundaries, drawn as " + "no data: " + comma_list(names));
  const std::size_t first = joined.units.units.size();
  boundaries::add_units(joined.units, std::move(coarse), missing);
  for (std::size_t i = first; i < joined.units.units.size(); ++i) {
    joined.result.row_of_unit.push_back(-1);
    joined.result.units_without_data.push_back(i);
  }
}

}  // namespace

BoundaryStore::BoundaryStore(const geo::GeosContext& geos, const std::vector<MapSpec>& maps, int threads,
                             boundaries::GeometryLoad geometry)
    : geos_(geos), threads_(threads), geometry_(geometry) {
  for (const MapSpec& map : maps) ++entry(map.boundaries).uses_left;
}

BoundaryStore::Entry& BoundaryStore::entry(const boundaries::BoundarySpec& spec) {
  for (Entry& entry : entries_)
    if (same_source(entry.spec, spec)) return entry;
  entries_.push_back({spec, 0, std::nullopt});
  return entries_.back();
}

boundaries::BoundarySet BoundaryStore::load(const boundaries::BoundarySpec& spec, bool join_uses_geometry) {
  Entry& found = entry(spec);
  if (!found.set || (join_uses_geometry && found.set->deferred)) {
    ++loads_;
    found.set = boundaries::load_boundaries(
        spec, geos_, threads_, join_uses_geometry ? boundaries::GeometryLoad::decoded : geometry_);
  }
  if (found.uses_left == 1) {  // the last map to ask: hand it over
    found.uses_left = 0;
    boundaries::BoundarySet set = std::move(*found.set);
    found.set.reset();
    return set;
  }
  if (found.uses_left > 1) --found.uses_left;
  return *found.set;
}

JoinedMap join_map(MapSpec spec, BoundaryStore& store, const geo::GeosContext& geos) {
  JoinedMap joined{std::move(spec), {}, {}, {}, {}, {}};
  joined.aggregate = boundaries::parse_aggregate(joined.spec.data.aggregate);
  for (const auto& warning : joined.spec.warnings) warn(warning);
  // Points are placed in units by their coordinates, and completing units finds the missing by theirs.
  const bool join_uses_geometry = !joined.spec.data.lon.empty() || !joined.spec.complete_from.source.empty();
  if (joined.spec.base_map()) {
    joined.units = store.load(joined.spec.boundaries, join_uses_geometry);
    joined.result.row_of_unit.assign(joined.units.units.size(), -1);
    for (std::size_t i = 0; i < joined.units.units.size(); ++i) joined.result.units_without_data.push_back(i);
    return joined;
  }
  // The table and the boundaries are read side by side when there are threads to spare. The boundaries'
  // errors come first either way: the table's wait until they have loaded.
  const geo::ReadOptions table_options{joined.spec.data.sheet, joined.spec.data.encoding};
  std::future<geo::Table> table;
  if (store.threads() > 1)
    table = std::async(std::launch::async, geo::read_table, joined.spec.data.source, table_options);
  joined.units = store.load(joined.spec.boundaries, join_uses_geometry);
  joined.table = table.valid() ? table.get() : geo::read_table(joined.spec.data.source, table_options);
  const boundaries::ParentSpec& parent_spec = joined.spec.parents;
  if (!parent_spec.source.empty()) joined.parents = boundaries::load_parent_units(parent_spec);
  const boundaries::BoundarySet* parents = parent_spec.source.empty() ? nullptr : &joined.parents;
  if (!joined.spec.data.lon.empty()) {
    joined.result = boundaries::join_points(joined.units, joined.table, joined.spec.data, geos,
                                            joined.aggregate.has_value());
  } else if (joined.aggregate) {
    boundaries::BoundarySet counties;
    if (!joined.spec.counties.source.empty()) counties = boundaries::load_parent_units(joined.spec.counties);
    joined.result = boundaries::join_aggregated(joined.units, joined.table, joined.spec.data,
                                                counties.units.empty() ? nullptr : &counties, parents);
  } else {
    joined.result = boundaries::join(joined.units, joined.table, joined.spec.data, parents);
  }
  label_units_from_data(joined);
  complete_units(joined, store, geos);
  return joined;
}

std::string refused_join_report_path(const std::string& output_path) {
  std::string base = output_path;
  while (base.size() > 1 && base.back() == '/') base.pop_back();  // a tile directory
  return base + ".join.json";
}

void require_clean_join(const JoinedMap& joined, const std::string& output_path, bool allow_unmatched) {
  if (joined.result.clean() || allow_unmatched) return;
  const std::string report = refused_join_report_path(output_path);
  geo::write_file_atomically(
      report, boundaries::join_report(joined.units, joined.table, joined.result).dump(2) + "\n");
  const std::size_t rows = joined.result.unmatched.size() + joined.result.ambiguous.size();
  std::string where = joined.table.source;
  if (joined.spec.panel.index > 0)
    where = joined.spec.path + ":" + std::to_string(joined.spec.panel.line) + ": panel " +
            std::to_string(joined.spec.panel.index) + " (" +
            (joined.spec.panel.title.empty() ? "untitled" : "\"" + joined.spec.panel.title + "\"") +
            "): " + where;
  throw InputError(
      where,
      std::to_string(rows) + (rows == 1 ? " row" : " rows") + " did not join (" +
          std::to_string(joined.result.unmatched.size()) + " unmatched, " +
          std::to_string(joined.result.ambiguous.size()) + " ambiguous); they are listed in " + report,
      swapped_hint(joined.result) +
          "fix them, or allow them: --allow-unmatched, or allow_unmatched: true in a project file");
}

std::string join_summary(const JoinedMap& joined) {
  if (joined.spec.base_map()) return "base map, no data";
  return boundaries::join_summary(joined.table, joined.result);
}

ClassifiedUnits classify_units(const JoinedMap& joined) {
  if (joined.spec.base_map()) {
    ClassifiedUnits base;
    base.class_of_unit.assign(joined.units.units.size(), -1);
    base.any_without_data = !base.class_of_unit.empty();
    return base;
  }
  const int value_column = boundaries::require_column(joined.table, joined.spec.value, "value");
  std::vector<std::size_t> value_units;
  std::vector<DataValue> values;
  if (joined.aggregate) {
    for (const auto& unit_value :
         boundaries::aggregate_values(joined.table, joined.result, value_column, *joined.aggregate)) {
      value_units.push_back(unit_value.unit);
      values.push_back({unit_value.value, unit_value.first_row});
    }
  } else {
    for (const auto& matched : joined.result.matched) {
      value_units.push_back(matched.unit);
      values.push_back({joined.table.rows[static_cast<std::size_t>(matched.row - 1)]
                                         [static_cast<std::size_t>(value_column)],
                        matched.row});
    }
  }
  ClassifiedUnits classified;
  classified.classification = classify(values, joined.spec.classify, joined.spec.palette, joined.table.source,
                                       joined.table.columns[static_cast<std::size_t>(value_column)]);
  classified.class_of_unit.assign(joined.units.units.size(), -1);
  classified.value_of_unit.assign(joined.units.units.size(), "");
  for (std::size_t i = 0; i < value_units.size(); ++i) {
    classified.class_of_unit[value_units[i]] = classified.classification.class_of[i];
    classified.value_of_unit[value_units[i]] = values[i].text;
  }
  classified.any_without_data = std::find(classified.class_of_unit.begin(), classified.class_of_unit.end(),
                                          -1) != classified.class_of_unit.end();
  return classified;
}

}  // namespace covermap::styles
