#include "geo/point_index.hpp"

#include <algorithm>

#include "geo/error.hpp"

namespace covermap::geo {

PointIndex::PointIndex(const GeosContext& geos, const std::vector<const MultiPolygon*>& polygons)
    : geos_(geos), prepared_(polygons.size()), ids_(polygons.size()) {
  const GEOSContextHandle_t h = geos.handle();
  tree_ = GeosStrTreePtr(GEOSSTRtree_create_r(h, 10), {h});
  if (!tree_) throw InternalError("geos", "cannot create an STRtree: " + geos.last_error());
  shapes_.reserve(polygons.size());
  for (std::size_t i = 0; i < polygons.size(); ++i) {
    shapes_.push_back(geos.to_geos(*polygons[i]));
    ids_[i] = i;
    if (shapes_.back() && !polygons[i]->empty())
      GEOSSTRtree_insert_r(h, tree_.get(), shapes_.back().get(), &ids_[i]);
  }
}

PointIndex::~PointIndex() = default;

std::vector<std::size_t> PointIndex::covering(double x, double y) const {
  const GEOSContextHandle_t h = geos_.handle();
  const GeosGeometryPtr point = geos_.own(GEOSGeom_createPointFromXY_r(h, x, y));
  if (!point) throw InternalError("geos", "cannot create a point: " + geos_.last_error());
  std::vector<std::size_t> candidates;
  GEOSSTRtree_query_r(
      h, tree_.get(), point.get(),
      [](void* item, void* found) {
        static_cast<std::vector<std::size_t>*>(found)->push_back(*static_cast<std::size_t*>(item));
      },
      &candidates);
  std::sort(candidates.begin(), candidates.end());
  std::vector<std::size_t> out;
  for (std::size_t i : candidates) {
    if (!prepared_[i]) prepared_[i] = GeosPreparedPtr(GEOSPrepare_r(h, shapes_[i].get()), {h});
    if (prepared_[i] && GEOSPreparedCovers_r(h, prepared_[i].get(), point.get()) == 1) out.push_back(i);
  }
  return out;
}

}  // namespace covermap::geo
