#include "app/choropleth.hpp"

#include <algorithm>
#include <iostream>
#include <optional>

#include "boundaries/join_report.hpp"
#include "geo/atomic_output.hpp"
#include "geo/gdal_io.hpp"
#include "geo/warnings.hpp"

namespace covermap::app {

namespace {

bool same_source(const boundaries::BoundarySpec& a, const boundaries::BoundarySpec& b) {
  return a.source == b.source && a.layer == b.layer && a.id == b.id && a.name == b.name &&
         a.encoding == b.encoding;
}

}  // namespace

BoundaryStore::BoundaryStore(const geo::GeosContext& geos, const std::vector<MapSpec>& maps) : geos_(geos) {
  for (const MapSpec& map : maps) ++entry(map.boundaries).uses_left;
}

BoundaryStore::Entry& BoundaryStore::entry(const boundaries::BoundarySpec& spec) {
  for (Entry& entry : entries_)
    if (same_source(entry.spec, spec)) return entry;
  entries_.push_back({spec, 0, std::nullopt});
  return entries_.back();
}

boundaries::BoundarySet BoundaryStore::load(const boundaries::BoundarySpec& spec) {
  Entry& found = entry(spec);
  if (!found.set) {
    ++loads_;
    found.set = boundaries::load_boundaries(spec, geos_);
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
  joined.units = store.load(joined.spec.boundaries);
  joined.table =
      geo::read_table(joined.spec.data.source, {joined.spec.data.sheet, joined.spec.data.encoding});
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
  return joined;
}

JoinedMap load_and_join(const std::string& map_path, const geo::GeosContext& geos) {
  MapSpec spec = load_map_file(map_path);
  BoundaryStore store(geos, {spec});
  return join_map(std::move(spec), store, geos);
}

std::string refused_join_report_path(const std::string& output_path) {
  std::string base = output_path;
  while (base.size() > 1 && base.back() == '/') base.pop_back();  // a tile directory
  return base + ".join.json";
}

int refuse_unclean_join(const JoinedMap& joined, const std::string& map_path, const std::string& output_path,
                        bool allow_unmatched) {
  if (joined.result.clean() || allow_unmatched) return 0;
  const std::string report = refused_join_report_path(output_path);
  geo::write_file_atomically(
      report, boundaries::join_report(joined.units, joined.table, joined.result).dump(2) + "\n");
  const std::size_t rows = joined.result.unmatched.size() + joined.result.ambiguous.size();
  std::cerr << "error: ";
  if (joined.spec.panel.index > 0)
    std::cerr << map_path << ":" << joined.spec.panel.line << ": panel " << joined.spec.panel.index << " ("
              << (joined.spec.panel.title.empty() ? "untitled" : "\"" + joined.spec.panel.title + "\"")
              << "): ";
  std::cerr << joined.table.source << ": " << rows << (rows == 1 ? " row" : " rows") << " did not join ("
            << joined.result.unmatched.size() << " unmatched, " << joined.result.ambiguous.size()
            << " ambiguous); they are listed in " << report << " (fix them, or pass --allow-unmatched)\n";
  return 2;
}

ClassifiedUnits classify_units(const JoinedMap& joined) {
  const int value_column = boundaries::require_column(joined.table, joined.spec.value, "value");
  std::vector<std::size_t> value_units;
  std::vector<styles::DataValue> values;
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
  classified.classification =
      styles::classify(values, joined.spec.classify, joined.spec.palette, joined.table.source);
  classified.class_of_unit.assign(joined.units.units.size(), -1);
  for (std::size_t i = 0; i < value_units.size(); ++i)
    classified.class_of_unit[value_units[i]] = classified.classification.class_of[i];
  classified.any_without_data = std::find(classified.class_of_unit.begin(), classified.class_of_unit.end(),
                                          -1) != classified.class_of_unit.end();
  return classified;
}

}  // namespace covermap::app
