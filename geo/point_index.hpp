#pragma once
// Which polygons contain a point: a GEOS STRtree over the polygons' envelopes, then a prepared-geometry test
// (covers: a point on a shared border is in both neighbours, and the caller decides what that means).
#include <vector>

#include "geo/geos_context.hpp"

namespace covermap::geo {

class PointIndex {
 public:
  // `polygons` must outlive the index; `geos` too, and only this thread may use it.
  PointIndex(const GeosContext& geos, const std::vector<const MultiPolygon*>& polygons);
  ~PointIndex();
  PointIndex(const PointIndex&) = delete;
  PointIndex& operator=(const PointIndex&) = delete;

  // Indices of the polygons covering (lon, lat), ascending.
  std::vector<std::size_t> covering(double x, double y) const;

 private:
  const GeosContext& geos_;
  std::vector<GeosGeometryPtr> shapes_;
  mutable std::vector<GeosPreparedPtr> prepared_;  // prepared on first use: most polygons are never hit
  std::vector<std::size_t> ids_;                   // the tree's items point into this
  GeosStrTreePtr tree_;
};

}  // namespace covermap::geo
