#include "geo/geos_context.hpp"

#include <gtest/gtest.h>

namespace covermap::geo {
namespace {

TEST(LabelPoint, LandsInsideAConcaveShapeWhereTheCentroidDoesNot) {
  GeosContext geos;
  // A "C" shape: its centroid is in the empty bite.
  const MultiPolygon c_shape{
      {{{0, 0}, {10, 0}, {10, 2}, {2, 2}, {2, 8}, {10, 8}, {10, 10}, {0, 10}, {0, 0}}, {}}};
  const Point p = label_point(geos, c_shape, 0.01);
  auto polygon = geos.to_geos(c_shape);
  GeosCoordSeqPtr sequence(GEOSCoordSeq_create_r(geos.handle(), 1, 2), {geos.handle()});
  GEOSCoordSeq_setXY_r(geos.handle(), sequence.get(), 0, p.x, p.y);
  auto point = geos.own(GEOSGeom_createPoint_r(geos.handle(), sequence.release()));
  EXPECT_EQ(GEOSContains_r(geos.handle(), polygon.get(), point.get()), 1) << p.x << "," << p.y;
}

}  // namespace
}  // namespace covermap::geo
