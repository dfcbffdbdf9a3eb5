#include "geo/geometry_repair.hpp"

#include <gtest/gtest.h>

#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

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

// The real counties include a few hundred invalid polygons (self-touching rings, spikes); each must come out
// valid with its area kept, or fills and label points go wrong.
TEST(MakeValid, RealCountiesBecomeValidAndKeepTheirArea) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  const GeosContext geos;
  FeatureLayer counties = read_polygon_layer(gpkg, {"county", ""});
  int invalid_before = 0;
  double area_before = 0, area_after = 0;
  for (auto& feature : counties.features) {
    auto input = geos.to_geos(feature.geometry);
    if (GEOSisValid_r(geos.handle(), input.get()) != 1) ++invalid_before;
    area_before += area(feature.geometry);
    const MultiPolygon valid = make_valid(geos, feature.geometry, "county");
    auto output = geos.to_geos(valid);
    ASSERT_EQ(GEOSisValid_r(geos.handle(), output.get()), 1) << feature.values[0];
    area_after += area(valid);
  }
  EXPECT_GT(invalid_before, 0) << "the data set is known to hold invalid counties";
  EXPECT_NEAR(area_after / area_before, 1.0, 1e-4);
}

}  // namespace
}  // namespace covermap::geo
