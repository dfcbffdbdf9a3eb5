#pragma once
// Reprojection from WGS 84 longitude/latitude to a map CRS through PROJ. One Projector per thread: it owns
// its PROJ context.
#include <optional>
#include <string>

#include "geo/geometry.hpp"
#include "geo/handles.hpp"

namespace covermap::geo {

// The PROJ definition of a CRS name a map file may use: "china-albers", "EPSG:nnnn" or a PROJ string.
std::string resolve_crs(const std::string& name);

class Projector {
 public:
  // Throws InputError naming `crs` if PROJ does not know it.
  explicit Projector(const std::string& crs);

  Point forward(Point lon_lat) const;
  // Projects every vertex; vertices PROJ cannot project (outside the CRS's domain) are left out and
  // counted, for warn_dropped. Polygons across the meridian opposite the projection's central meridian are
  // cut there first (geo/antimeridian), so that each piece stays on its own side of the map. By value: pass
  // an rvalue and the geometry is projected in place, without a second copy.
  MultiPolygon forward(MultiPolygon lon_lat) const;
  LineString forward(LineString lon_lat) const;

  Point inverse(Point projected) const;

  // One warning counting the vertices forward() left out since the last call, and the shapes (`what`:
  // "units") they were in; nothing when none were.
  void warn_dropped(const std::string& what) const;

  // Metres on the ground per projected unit along the parallel through `lon_lat` (the CRS's unit, divided by
  // its scale factor there: Web Mercator doubles distances at 60°N), or 0 when the CRS is not in linear
  // units.
  double ground_metres_per_unit(Point lon_lat) const;

 private:
  std::size_t forward_ring(Ring& ring) const;  // returns the vertices left out
  std::string crs_;
  ProjContextPtr context_;
  ProjPtr transform_;
  ProjPtr target_crs_;
  double metres_per_unit_ = 0;
  std::optional<double> central_meridian_;    // degrees; none: a geographic CRS, or PROJ does not say
  mutable std::size_t dropped_vertices_ = 0;  // one Projector per thread: no lock
  mutable std::size_t dropped_shapes_ = 0;
};

}  // namespace covermap::geo
