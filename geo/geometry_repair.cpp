#include "geo/geometry_repair.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "geo/error.hpp"

namespace covermap::geo {
namespace {

MultiPolygon make_valid_exact(const GeosContext& geos, const MultiPolygon& geometry,
                              const std::string& what) {
  auto input = geos.to_geos(geometry, what);
  auto repaired = geos.own(GEOSMakeValid_r(geos.handle(), input.get()));
  if (!repaired) throw InputError(what, "geometry could not be made valid: " + geos.last_error());
  return geos.from_geos(repaired.get());
}

// Repairs one polygon. buffer(0) is fast but would drop one lobe of a figure eight; the area tells: when it
// equals the polygon's own planar area nothing was lost, else GEOS MakeValid does it (exact, but it takes a
// minute on a ring of 300,000 points such as Alaska's).
MultiPolygon repair_part(const GeosContext& geos, const Polygon& polygon, const std::string& what) {
  MultiPolygon single{polygon};
  const auto input = geos.to_geos(single, what);
  if (GEOSisValid_r(geos.handle(), input.get()) == 1) return single;
  const auto buffered = geos.own(GEOSBuffer_r(geos.handle(), input.get(), 0, 8));
  double repaired_area = 0;
  if (buffered && GEOSArea_r(geos.handle(), buffered.get(), &repaired_area) == 1) {
    const double planar_area = area(single);
    if (std::abs(repaired_area - planar_area) <= 1e-6 * planar_area) return geos.from_geos(buffered.get());
  }
  return make_valid_exact(geos, single, what);
}

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) i = parent[i] = parent[parent[i]];
  return i;
}

}  // namespace

// Valid parts may still overlap or share an edge (an island drawn against the coast), which a multipolygon
// must not. Parts that meet are dissolved cluster by cluster: one union of all of Canada's parts takes half a
// minute.
MultiPolygon dissolve_overlaps(const GeosContext& geos, MultiPolygon parts, const std::string& what) {
  const GEOSContextHandle_t h = geos.handle();
  {
    const auto whole = geos.to_geos(parts, what);
    if (GEOSisValid_r(h, whole.get()) == 1) return parts;
  }
  std::vector<Box> boxes;
  std::vector<std::size_t> sizes;
  std::vector<GeosGeometryPtr> shapes;
  std::vector<GeosPreparedPtr> prepared(parts.size());
  std::vector<std::size_t> order(parts.size());
  std::vector<std::size_t> parent(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) {
    boxes.push_back(ring_bounds(parts[i].outer));
    sizes.push_back(parts[i].outer.size());
    shapes.push_back(geos.to_geos(MultiPolygon{parts[i]}, what));
    order[i] = parent[i] = i;
  }
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return boxes[a].min_x < boxes[b].min_x; });
  // Sweep along x: only parts whose boxes overlap can meet; the test runs on the prepared larger part.
  for (std::size_t a = 0; a < order.size(); ++a) {
    const std::size_t i = order[a];
    for (std::size_t b = a + 1; b < order.size() && boxes[order[b]].min_x <= boxes[i].max_x; ++b) {
      std::size_t big = i;
      std::size_t small = order[b];
      if (!boxes[big].intersects(boxes[small]) || find_root(parent, big) == find_root(parent, small))
        continue;
      if (sizes[big] < sizes[small]) std::swap(big, small);
      if (!prepared[big]) prepared[big] = GeosPreparedPtr(GEOSPrepare_r(h, shapes[big].get()), {h});
      if (!prepared[big]) throw InternalError(what, "preparing a geometry failed: " + geos.last_error());
      if (GEOSPreparedIntersects_r(h, prepared[big].get(), shapes[small].get()) == 1)
        parent[find_root(parent, small)] = find_root(parent, big);
    }
  }
  std::vector<std::vector<std::size_t>> clusters(parts.size());
  for (std::size_t i = 0; i < parts.size(); ++i) clusters[find_root(parent, i)].push_back(i);
  MultiPolygon out;
  for (auto& cluster : clusters) {
    if (cluster.size() == 1) out.push_back(std::move(parts[cluster.front()]));
    if (cluster.size() < 2) continue;
    // The largest part joins last, in one union: a cascaded union places every hole of its result anew at
    // each step, and a mainland repaired from a self-touching coast has thousands (Alaska: 40 s against 3 s).
    const auto largest = std::max_element(cluster.begin(), cluster.end(),
                                          [&](std::size_t a, std::size_t b) { return sizes[a] < sizes[b]; });
    std::iter_swap(largest, cluster.end() - 1);
    MultiPolygon others;
    for (auto i = cluster.begin(); i + 1 != cluster.end(); ++i) others.push_back(std::move(parts[*i]));
    const auto others_geometry = geos.to_geos(others, what);
    const auto others_union = geos.own(GEOSUnaryUnion_r(h, others_geometry.get()));
    const auto dissolved =
        others_union ? geos.own(GEOSUnion_r(h, shapes[cluster.back()].get(), others_union.get())) : nullptr;
    if (!dissolved) throw InternalError(what, "dissolving overlapping parts failed: " + geos.last_error());
    for (auto& polygon : geos.from_geos(dissolved.get())) out.push_back(std::move(polygon));
  }
  return out;
}

MultiPolygon make_valid(const GeosContext& geos, MultiPolygon geometry, const std::string& what) {
  close_rings(geometry);
  {
    const auto whole = geos.to_geos(geometry, what);
    if (GEOSisValid_r(geos.handle(), whole.get()) == 1) return geometry;
  }
  MultiPolygon parts;
  for (const auto& polygon : geometry)
    for (auto& part : repair_part(geos, polygon, what)) parts.push_back(std::move(part));
  return dissolve_overlaps(geos, std::move(parts), what);
}

bool is_valid(const GeosContext& geos, const MultiPolygon& geometry) {
  const auto input = geos.to_geos(geometry);
  return GEOSisValid_r(geos.handle(), input.get()) == 1;
}

MultiPolygon make_valid_on_unit_grid(const GeosContext& geos, const MultiPolygon& geometry) {
  const auto input = geos.to_geos(geometry);
  // Snap-rounding nodes the rings (OverlayNG), which mends most crossings by itself and is far cheaper than
  // MakeValid; MakeValid first only where that fails.
  if (auto snapped = geos.own(GEOSGeom_setPrecision_r(geos.handle(), input.get(), 1.0, 0));
      snapped && GEOSisValid_r(geos.handle(), snapped.get()) == 1)
    return geos.from_geos(snapped.get());
  const auto repaired = geos.own(GEOSMakeValid_r(geos.handle(), input.get()));
  if (!repaired) throw InternalError("geos", "could not make a tile's polygons valid: " + geos.last_error());
  const auto snapped = geos.own(GEOSGeom_setPrecision_r(geos.handle(), repaired.get(), 1.0, 0));
  if (!snapped)
    throw InternalError("geos", "could not snap a tile's polygons to its grid: " + geos.last_error());
  return geos.from_geos(snapped.get());
}

}  // namespace covermap::geo
