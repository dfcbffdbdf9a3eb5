#include "boundaries/boundary_source.hpp"

#include <algorithm>
#include <exception>
#include <thread>

#include "boundaries/boundary_cache.hpp"
#include "boundaries/builtin.hpp"
#include "boundaries/shared_nodes.hpp"
#include "geo/border_slivers.hpp"
#include "geo/border_snap.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/geometry_repair.hpp"
#include "geo/parallel_for.hpp"
#include "geo/warnings.hpp"

namespace covermap::boundaries {
namespace {

// The field the user named, or the first of `guesses` the layer has.
int pick_field(const geo::FeatureLayer& layer, const std::string& wanted,
               std::initializer_list<const char*> guesses, const char* role) {
  if (!wanted.empty()) {
    const int index = layer.field_index(wanted);
    if (index < 0)
      throw InputError(layer.source, "no field '" + wanted + "' for boundaries." + role,
                       "fields: " + comma_list(layer.fields));
    return index;
  }
  for (const char* guess : guesses)
    if (const int index = layer.field_index(guess); index >= 0) return index;
  throw InputError(layer.source, std::string("no ") + role + " field found",
                   std::string("set boundaries.") + role + " to one of: " + comma_list(layer.fields));
}

// Makes the geometry of every unit `selected` (all when empty) valid: the caller's thread and up to three
// more, each with its own GEOS context (checking validity of 1.9 M county vertices is most of a load). The
// first failure, in unit order, is thrown. Returns which units the repair rewrote.
std::vector<char> make_all_valid(BoundarySet& set, const geo::GeosContext& geos,
                                 const std::vector<char>& selected = {}) {
  const std::size_t count = set.units.size();
  std::vector<char> changed(count, 0);
  const std::size_t workers =
      std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4) - 1;  // besides this thread
  std::vector<std::exception_ptr> errors(count);
  const auto repair = [&](const geo::GeosContext& context, std::size_t first, std::size_t step) {
    for (std::size_t i = first; i < count; i += step) {
      Unit& unit = set.units[i];
      if (!selected.empty() && !selected[i]) continue;
      try {
        const std::string where = set.source + ": feature " + std::to_string(i + 1) + " (" + unit.id + ")";
        geo::MultiPolygon valid = geo::make_valid(context, unit.geometry, where);
        changed[i] = valid != unit.geometry ? 1 : 0;
        unit.geometry = std::move(valid);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t step = count < 64 ? 1 : workers + 1;  // a few units are not worth a thread
  std::vector<std::jthread> threads;
  for (std::size_t w = 1; w < step; ++w)
    threads.emplace_back([&, w] {
      const geo::GeosContext context;
      repair(context, w, step);
    });
  repair(geos, 0, step);
  threads.clear();  // joins
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
  return changed;
}

// A unit without area (no geometry, or a ring that encloses nothing) would take its data row off the map
// without a word: said on every load, cached or not.
void warn_units_without_area(const BoundarySet& set, int threads) {
  std::vector<char> without_area(set.units.size(), 0);
  geo::parallel_for(set.units.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i)
      without_area[i] =
          (set.deferred ? set.deferred->outline(i).has_area : geo::area(set.units[i].geometry) > 0) ? 0 : 1;
  });
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < set.units.size(); ++i)
    if (without_area[i]) ids.push_back(set.units[i].id);
  if (ids.empty()) return;
  constexpr std::size_t kListed = 10;
  const std::size_t count = ids.size();
  if (count > kListed) ids.resize(kListed);
  warn(set.source + ": " + std::to_string(count) + (count == 1 ? " unit has" : " units have") +
       " no area and " + (count == 1 ? "is" : "are") + " not drawn: " + comma_list(ids) +
       (count > kListed ? ", ..." : "") + " (check their geometry)");
}

// Glues borders that the source repeats on both sides with slightly different coordinates, and corners one
// side runs straight past (geo/border_snap.hpp), before repair, which mends any ring a snap pinched. 2e-4
// degrees, about 20 m: below a pixel at zoom 12, and the gap between neighbours' versions of one border in
// the county layer (most within a metre, the corners a few tens of metres apart). A ring narrower than that
// everywhere (an islet of a few metres) is dropped with it.
constexpr double kBorderSnapDegrees = 2e-4;
// Then where the two versions of a border part by more (geo/border_slivers.hpp), one side takes the other's
// line if it stays within 7e-3 degrees of its own (780 m of longitude at the equator, 550 m at 45 degrees
// north). In the county layer that closes the slivers that opened gaps between neighbours at zooms 5-7 (at
// zoom 5, 37 neighbouring pairs before, none after; zoom 7, 336 before; bench/mvt_gaps.py) and moves no
// county's area by 0.1%; 5e-3 left a 640 m sliver open. Each border keeps a line one of its sides drew.
constexpr double kBorderSliverDegrees = 7e-3;

// Glues the borders of the units `selected` (all when empty) to each other's.
void glue_borders(BoundarySet& set, const std::vector<char>& selected = {}) {
  std::vector<geo::Ring*> rings;
  for (std::size_t i = 0; i < set.units.size(); ++i)
    if (selected.empty() || selected[i])
      geo::for_each_ring(set.units[i].geometry, [&](geo::Ring& r) { rings.push_back(&r); });
  const int threads = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
  const bool collapsed = geo::snap_borders(rings, kBorderSnapDegrees, threads).rings_collapsed > 0;
  geo::close_border_slivers(rings, kBorderSliverDegrees, threads);
  if (!collapsed) return;
  for (Unit& unit : set.units) {
    std::erase_if(unit.geometry, [](const geo::Polygon& part) { return part.outer.empty(); });
    for (geo::Polygon& part : unit.geometry)
      std::erase_if(part.holes, [](const geo::Ring& hole) { return hole.empty(); });
  }
}

// Glued borders, then valid units. Where gluing pinched a ring, its repair renodes it and may move a
// corner its neighbours share (a new vertex where the ring crossed itself): those units and their
// neighbours are glued once more, and those this changed (with the repaired ones) checked and repaired again.
void glue_and_repair(BoundarySet& set, const geo::GeosContext& geos) {
  glue_borders(set);
  const std::vector<char> repaired = make_all_valid(set, geos);
  std::vector<geo::Box> boxes;
  for (std::size_t i = 0; i < set.units.size(); ++i)
    if (repaired[i]) {
      geo::Box box = geo::bounds(set.units[i].geometry);
      box.expand(geo::Point{box.min_x - kBorderSliverDegrees, box.min_y - kBorderSliverDegrees});
      box.expand(geo::Point{box.max_x + kBorderSliverDegrees, box.max_y + kBorderSliverDegrees});
      boxes.push_back(box);
    }
  if (boxes.empty()) return;
  std::vector<char> near(set.units.size(), 0);
  for (std::size_t i = 0; i < set.units.size(); ++i) {
    const geo::Box box = geo::bounds(set.units[i].geometry);
    near[i] =
        std::any_of(boxes.begin(), boxes.end(), [&](const geo::Box& b) { return b.intersects(box); }) ? 1 : 0;
  }
  std::vector<geo::MultiPolygon> before;
  for (std::size_t i = 0; i < set.units.size(); ++i)
    if (near[i]) before.push_back(set.units[i].geometry);
  glue_borders(set, near);
  // A unit that GEOS found valid the first time round, and that this gluing left as it was, is valid still:
  // only the others are checked again.
  std::vector<char> check(set.units.size(), 0);
  for (std::size_t i = 0, k = 0; i < set.units.size(); ++i)
    if (near[i]) {
      const bool glued = set.units[i].geometry != before[k++];
      check[i] = glued || repaired[i] ? 1 : 0;
    }
  make_all_valid(set, geos, check);
}

BoundarySet load_cached_or_source(const BoundarySpec& spec, const geo::GeosContext& geos, int threads,
                                  GeometryLoad geometry) {
  const std::string directory = cache_directory();
  if (directory.empty()) return load_boundaries_uncached(spec, geos);
  const std::string key = boundary_cache_key(spec);
  if (auto cached = read_cached_boundaries(directory, key, threads, geometry)) return std::move(*cached);
  BoundarySet set = load_boundaries_uncached(spec, geos);
  find_shared_nodes(set);  // once, for every figure made from the cached set
  write_cached_boundaries(directory, key, set);
  return set;
}

}  // namespace

BoundarySet load_boundaries(const BoundarySpec& spec, const geo::GeosContext& geos, int threads,
                            GeometryLoad geometry) {
  BoundarySet set = load_cached_or_source(spec, geos, threads, geometry);
  warn_units_without_area(set, threads);
  return set;
}

BoundarySet load_boundaries_uncached(const BoundarySpec& spec, const geo::GeosContext& geos) {
  const std::string prefix = kBuiltinPrefix;
  if (spec.source.rfind(prefix, 0) == 0) return load_builtin(spec.source.substr(prefix.size()), geos);

  geo::FeatureLayer layer = geo::read_polygon_layer(spec.source, {spec.layer, spec.encoding, spec.crs});
  const int id_field = pick_field(layer, spec.id, {"adcode", "code", "id", "iso"}, "id");
  const int name_field = pick_field(layer, spec.name, {"name", "name_zh", "name_en", "NAME"}, "name");

  BoundarySet set;
  set.source = spec.source;
  set.fields = layer.fields;
  set.units.reserve(layer.features.size());
  for (std::size_t i = 0; i < layer.features.size(); ++i) {
    geo::Feature& feature = layer.features[i];
    Unit unit;
    unit.id = feature.values[static_cast<std::size_t>(id_field)];
    unit.name = feature.values[static_cast<std::size_t>(name_field)];
    for (std::size_t f = 0; f < layer.fields.size(); ++f)
      unit.attributes[layer.fields[f]] = feature.values[f];
    unit.geometry = std::move(feature.geometry);
    set.units.push_back(std::move(unit));
  }
  glue_and_repair(set, geos);
  return set;
}

}  // namespace covermap::boundaries
