#pragma once
// The pipeline every output shares (figures, tiles, build, serve): load the boundaries and the table a map
// names, join them, refuse an unclean join, and classify one value per unit.
#include <optional>
#include <string>
#include <vector>

#include "boundaries/aggregate.hpp"
#include "boundaries/join.hpp"
#include "geo/geos_context.hpp"
#include "styles/classify.hpp"
#include "styles/map_spec.hpp"

namespace covermap::styles {

struct JoinedMap {
  MapSpec spec;
  boundaries::BoundarySet units;
  boundaries::BoundarySet parents;
  geo::Table table;
  boundaries::JoinResult result;
  std::optional<boundaries::Aggregate> aggregate;
};

// The boundary sets a run has loaded, kept in memory so that panels naming the same source load it once
// (boundaries::load_boundaries reads the disk cache; this saves even that).
class BoundaryStore {
 public:
  // `threads`: how many a load may use (boundaries::load_boundaries), and whether join_map may read the table
  // on a thread of its own while the boundaries load.
  explicit BoundaryStore(const geo::GeosContext& geos, int threads = 1) : geos_(geos), threads_(threads) {}
  // Every map that will ask, so that the last one to ask for a set is given it, not a copy (1.9 M county
  // vertices copied for nothing cost 30 MB and a tenth of a second). `geometry`: deferred for a caller that
  // draws raster tiles (outputs/tile_job.hpp), which then draws from a deferred set whenever one comes.
  BoundaryStore(const geo::GeosContext& geos, const std::vector<MapSpec>& maps, int threads = 1,
                boundaries::GeometryLoad geometry = boundaries::GeometryLoad::decoded);

  // The set `spec` names, for the caller to own: each map's units are projected in place when drawn.
  // `join_uses_geometry`: the join reads coordinates (points placed in units, units completed from a coarser
  // set), so the set is decoded whatever the store allows.
  boundaries::BoundarySet load(const boundaries::BoundarySpec& spec, bool join_uses_geometry = true);
  int loads() const { return loads_; }  // sets read through load_boundaries so far
  int threads() const { return threads_; }

 private:
  struct Entry {
    boundaries::BoundarySpec spec;
    int uses_left = 0;  // maps still to ask; 0: unknown, keep it
    std::optional<boundaries::BoundarySet> set;
  };
  Entry& entry(const boundaries::BoundarySpec& spec);

  const geo::GeosContext& geos_;
  int threads_;
  boundaries::GeometryLoad geometry_ = boundaries::GeometryLoad::decoded;
  std::vector<Entry> entries_;
  int loads_ = 0;
};

// Loads the boundaries and the table `spec` names and joins them.
JoinedMap join_map(MapSpec spec, BoundaryStore& store, const geo::GeosContext& geos);

// Nothing when the join is clean (or `allow_unmatched`). Else writes the join report beside the output that
// was asked for (`OUTPUT.join.json`) and throws an InputError saying how many rows did not join (naming the
// panel, for a panel) and where the report is; the output itself is not touched.
void require_clean_join(const JoinedMap& joined, const std::string& output_path, bool allow_unmatched);

// Where that report goes.
std::string refused_join_report_path(const std::string& output_path);

// The join's one-line summary ("31 rows: 31 matched, ..."), or "base map, no data".
std::string join_summary(const JoinedMap& joined);

struct ClassifiedUnits {
  Classification classification;
  std::vector<int> class_of_unit;          // per unit: its class, or -1 for no data
  std::vector<std::string> value_of_unit;  // per unit: the value classified, as the table has it; "" for none
  bool any_without_data = false;
};

// One value per unit (the matched row's, or the aggregate of the unit's rows), classified; a base map has no
// classes and every unit without data.
ClassifiedUnits classify_units(const JoinedMap& joined);

}  // namespace covermap::styles
