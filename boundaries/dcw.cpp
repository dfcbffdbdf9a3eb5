#include "boundaries/dcw.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <memory>
#include <utility>

#include "geo/error.hpp"
#include "geo/geometry_repair.hpp"
#include "geo/netcdf_file.hpp"

namespace covermap::boundaries {
namespace {

struct RawRing {
  geo::Ring points;
  bool hole = false;
  geo::Box box;
  double area = 0;
};

// Closes `points` into a ring: through the pole if its longitudes wound once around the globe (Antarctica),
// straight back to the start otherwise. False for rings with fewer than three distinct points.
bool close_ring(geo::Ring& points, bool wound_around) {
  while (points.size() > 1 && points.back() == points.front()) points.pop_back();
  if (points.size() < 3) return false;
  if (wound_around) {
    double latitude_sum = 0;
    for (const auto& p : points) latitude_sum += p.y;
    const double pole = latitude_sum < 0 ? -90.0 : 90.0;
    const geo::Point first = points.front();
    const geo::Point last = points.back();
    points.push_back({last.x, pole});
    points.push_back({first.x, pole});
  }
  points.push_back(points.front());
  return true;
}

std::vector<RawRing> split_rings(const std::vector<std::uint16_t>& lon, const std::vector<std::uint16_t>& lat,
                                 double lon_min, double lon_scale, double lat_min, double lat_scale) {
  if (lon.size() != lat.size())
    throw InternalError("dcw", "longitude and latitude arrays differ in length (" +
                                   std::to_string(lon.size()) + " and " + std::to_string(lat.size()) + ")");
  if (!(lon_scale > 0) || !(lat_scale > 0)) throw InternalError("dcw", "coordinate scale is not positive");

  std::vector<RawRing> rings;
  RawRing current;   // an array without a leading separator starts with an outer ring
  double turns = 0;  // longitude offset applied so far to keep the ring continuous
  auto finish = [&] {
    if (close_ring(current.points, turns != 0)) {
      current.box = geo::ring_bounds(current.points);
      current.area = std::abs(geo::signed_ring_area(current.points));
      rings.push_back(std::move(current));
    }
    current = RawRing{};
    turns = 0;
  };

  for (std::size_t i = 0; i < lon.size(); ++i) {
    if (lon[i] == kDcwSeparator) {
      finish();
      current.hole = lat[i] == 1;
      continue;
    }
    geo::Point p{lon_min + lon[i] / lon_scale, lat_min + lat[i] / lat_scale};
    if (!current.points.empty()) {
      // A jump of more than half the globe is a crossing of the antimeridian written as -180 -> 180.
      const double step = p.x + turns - current.points.back().x;
      if (step > 180) turns -= 360;
      if (step < -180) turns += 360;
    }
    p.x += turns;
    if (current.points.empty() || !(current.points.back() == p)) current.points.push_back(p);
  }
  finish();
  return rings;
}

bool contains(const geo::Box& outer, const geo::Box& inner) {
  return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
         inner.max_y <= outer.max_y;
}

// How many of up to 16 vertices of `hole` lie inside `outer`: holes may touch their outer ring, so one vertex
// alone could mislead.
int containment_score(const geo::Ring& outer, const geo::Ring& hole) {
  const std::size_t distinct = hole.size() - 1;
  const std::size_t step = std::max<std::size_t>(1, distinct / 16);
  int score = 0;
  for (std::size_t i = 0; i < distinct; i += step) score += geo::ring_contains(outer, hole[i]) ? 1 : 0;
  return score;
}

geo::MultiPolygon shifted(geo::MultiPolygon geometry, double dx) {
  if (dx == 0) return geometry;
  auto move = [dx](geo::Ring& ring) {
    for (auto& p : ring) p.x += dx;
  };
  for (auto& polygon : geometry) {
    move(polygon.outer);
    for (auto& hole : polygon.holes) move(hole);
  }
  return geometry;
}

// Index of the 360-degree window [-180 + 360 k, 180 + 360 k] holding longitude x (x on an edge: the eastern).
double window_of(double x) {
  return std::floor((x + 180) / 360);
}

geo::GeosGeometryPtr window_box(const geo::GeosContext& geos, double k) {
  const double west = -180 + 360 * k;
  const double east = 180 + 360 * k;
  // Latitudes beyond the poles so that the cut never adds edges other than the meridians.
  return geos.to_geos(
      geo::MultiPolygon{geo::Polygon{{{west, -91}, {east, -91}, {east, 91}, {west, 91}, {west, -91}}, {}}});
}

}  // namespace

geo::MultiPolygon decode_dcw_rings(const std::vector<std::uint16_t>& lon,
                                   const std::vector<std::uint16_t>& lat, double lon_min, double lon_scale,
                                   double lat_min, double lat_scale) {
  std::vector<RawRing> rings = split_rings(lon, lat, lon_min, lon_scale, lat_min, lat_scale);

  geo::MultiPolygon out;
  std::vector<const RawRing*> outers;
  for (const auto& ring : rings) {
    if (ring.hole) continue;
    out.push_back(geo::Polygon{ring.points, {}});
    outers.push_back(&ring);
  }
  for (const auto& ring : rings) {
    if (!ring.hole) continue;
    // The outer ring holding most of the hole's vertices; among equals the smallest, so that a pond on an
    // island in a lake goes to the island rather than the mainland.
    std::size_t best = outers.size();
    int best_score = 0;
    for (std::size_t i = 0; i < outers.size(); ++i) {
      if (!contains(outers[i]->box, ring.box)) continue;
      const int score = containment_score(outers[i]->points, ring.points);
      if (score == 0) continue;
      if (best == outers.size() || score > best_score ||
          (score == best_score && outers[i]->area < outers[best]->area)) {
        best = i;
        best_score = score;
      }
    }
    if (best < outers.size()) out[best].holes.push_back(ring.points);
  }
  return out;
}

geo::MultiPolygon wrap_longitudes(const geo::GeosContext& geos, const geo::MultiPolygon& geometry,
                                  const std::string& what) {
  geo::MultiPolygon out;
  geo::MultiPolygon crossing;
  for (const auto& polygon : geometry) {
    const geo::Box box = geo::ring_bounds(polygon.outer);
    if (box.empty()) continue;
    const double k = window_of(box.min_x);
    if (box.max_x <= 180 + 360 * k) {
      geo::MultiPolygon moved = shifted(geo::MultiPolygon{polygon}, -360 * k);
      out.push_back(std::move(moved.front()));
    } else {
      crossing.push_back(polygon);
    }
  }
  if (crossing.empty()) return out;

  // Cut what crosses a +-180 meridian into one piece per window, move each piece home, then dissolve: pieces
  // of one polygon that wraps by more than a full turn (Antarctica closed through the pole) overlap at the
  // seam.
  const GEOSContextHandle_t h = geos.handle();
  const geo::Box extent = geo::bounds(crossing);
  const auto source = geos.to_geos(crossing);
  geo::MultiPolygon pieces;
  for (double k = window_of(extent.min_x); k <= window_of(extent.max_x); ++k) {
    const auto box = window_box(geos, k);
    const auto piece = geos.own(GEOSIntersection_r(h, source.get(), box.get()));
    if (!piece) throw InternalError(what, "cutting at the antimeridian failed: " + geos.last_error());
    for (auto& polygon : shifted(geos.from_geos(piece.get()), -360 * k)) pieces.push_back(std::move(polygon));
  }
  const auto collection = geos.to_geos(pieces);
  const auto dissolved = geos.own(GEOSUnaryUnion_r(h, collection.get()));
  if (!dissolved)
    throw InternalError(what, "joining the pieces cut at the antimeridian failed: " + geos.last_error());
  for (auto& polygon : geos.from_geos(dissolved.get())) out.push_back(std::move(polygon));
  // A piece may meet another part along the antimeridian (an island cut there); dissolve_overlaps checks.
  return geo::dissolve_overlaps(geos, std::move(out), what);
}

geo::MultiPolygon read_dcw_unit(const geo::NetcdfFile& file, const std::string& code,
                                const geo::GeosContext& geos) {
  const std::string lon_array = code + "_lon";
  const std::string lat_array = code + "_lat";
  const auto lon = file.read_uint16(lon_array);
  const auto lat = file.read_uint16(lat_array);
  const geo::MultiPolygon decoded =
      decode_dcw_rings(lon, lat, file.attribute(lon_array, "min"), file.attribute(lon_array, "scale"),
                       file.attribute(lat_array, "min"), file.attribute(lat_array, "scale"));
  const std::string what = file.path() + ":" + code;
  return wrap_longitudes(geos, geo::make_valid(geos, decoded, what), what);
}

}  // namespace covermap::boundaries
