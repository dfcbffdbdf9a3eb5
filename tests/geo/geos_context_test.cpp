#include "geo/geos_context.hpp"

#include <gtest/gtest.h>

namespace covermap::geo {
namespace {

TEST(MakeValid, BowTieBecomesTwoTrianglesWithTheSameArea) {
  GeosContext geos;
  // A figure-eight ring: invalid, and a renderer's even-odd fill would be wrong with it.
  const MultiPolygon bow_tie{{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}, {}}};
  const MultiPolygon valid = make_valid(geos, bow_tie, "test");
  EXPECT_EQ(valid.size(), 2u);
  EXPECT_NEAR(area(valid), 2.0, 1e-9);
  auto check = geos.to_geos(valid);
  EXPECT_EQ(GEOSisValid_r(geos.handle(), check.get()), 1);
}

TEST(MakeValid, UnclosedRingIsClosed) {
  GeosContext geos;
  const MultiPolygon open{{{{0, 0}, {1, 0}, {1, 1}, {0, 1}}, {}}};
  const MultiPolygon valid = make_valid(geos, open, "test");
  ASSERT_EQ(valid.size(), 1u);
  EXPECT_EQ(valid[0].outer.front(), valid[0].outer.back());
  EXPECT_NEAR(area(valid), 1.0, 1e-9);
}

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
