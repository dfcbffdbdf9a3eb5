#include "geo/geos_context.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "geo/error.hpp"

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

// A ring GEOS cannot build (here: a coordinate that is not a number) used to vanish without a word, taking
// its part of the unit with it.
TEST(ToGeos, ARingGeosRefusesIsAnErrorNamingTheFeatureNotADroppedPart) {
  GeosContext geos;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const MultiPolygon shape{{{{0, 0}, {1, 0}, {1, 1}, {0, 0}}, {}},
                           {{{nan, 5}, {6, 5}, {6, 6}, {nan, 5}}, {}}};
  try {
    geos.to_geos(shape, "counties.gpkg: feature 7 (110101)");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(
        std::string(e.what()).rfind("counties.gpkg: feature 7 (110101): part 2: GEOS cannot build ring 1", 0),
        0u)
        << e.what();
  }
}

}  // namespace
}  // namespace covermap::geo
