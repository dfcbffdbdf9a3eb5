#pragma once
// What every output verb (render, tiles) does first: read the map file, load and join, refuse an unclean
// join, and classify one value per unit.
#include <optional>
#include <string>
#include <vector>

#include "app/map_file.hpp"
#include "boundaries/aggregate.hpp"
#include "boundaries/join.hpp"
#include "geo/geos_context.hpp"
#include "styles/classify.hpp"

namespace covermap::app {

struct JoinedMap {
  MapSpec spec;
  boundaries::BoundarySet units;
  boundaries::BoundarySet parents;
  geo::Table table;
  boundaries::JoinResult result;
  std::optional<boundaries::Aggregate> aggregate;
};

JoinedMap load_and_join(const std::string& map_path, const geo::GeosContext& geos);

// 0 when the join is clean (or `allow_unmatched`). Else writes the join report beside the output that was
// asked for (`OUTPUT.join.json`), prints one line saying how many rows did not join and where the report is,
// and returns exit code 2; the output itself is not touched.
int refuse_unclean_join(const JoinedMap& joined, const std::string& output_path, bool allow_unmatched);

// Where that report goes.
std::string refused_join_report_path(const std::string& output_path);

struct ClassifiedUnits {
  styles::Classification classification;
  std::vector<int> class_of_unit;  // per unit: its class, or -1 for no data
  bool any_without_data = false;
};

// One value per unit (the matched row's, or the aggregate of the unit's rows), classified.
ClassifiedUnits classify_units(const JoinedMap& joined);

}  // namespace covermap::app
