#include "geo/projection.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "geo/error.hpp"
#include "geo/warnings.hpp"

namespace covermap::geo {
namespace {

TEST(Projector, ChinaAlbersIsEqualArea) {
  const Projector albers("china-albers");
  // One degree cells at 20°N and 45°N: equal-area means their projected areas follow the sphere's.
  auto cell_area = [&](double lat) {
    const MultiPolygon cell{{{{105, lat}, {106, lat}, {106, lat + 1}, {105, lat + 1}, {105, lat}}, {}}};
    return area(albers.forward(cell));
  };
  const double ratio = cell_area(45) / cell_area(20);
  EXPECT_NEAR(ratio, std::cos(45.5 * std::numbers::pi / 180) / std::cos(20.5 * std::numbers::pi / 180), 0.01);
  EXPECT_NEAR(cell_area(20) / 1e6, 111.3 * 111.3 * std::cos(20.5 * std::numbers::pi / 180),
              300);  // km², ellipsoid vs sphere
}

TEST(Projector, CentralMeridianIsVerticalAndLongitudeComesFirst) {
  const Projector albers("china-albers");
  const Point north = albers.forward({105, 40});
  const Point south = albers.forward({105, 30});
  EXPECT_NEAR(north.x, 0, 1e-6);
  EXPECT_GT(north.y, south.y);
  // EPSG:4326 lists latitude first; the projector must still take lon/lat.
  const Point mercator = Projector("EPSG:3857").forward({116.4, 39.9});
  EXPECT_NEAR(mercator.x, 12958034, 1000);
}

TEST(Projector, GroundDistanceAccountsForTheScaleFactor) {
  // Albers is true to scale on its standard parallels; Web Mercator stretches by 1/cos(latitude).
  EXPECT_NEAR(Projector("china-albers").ground_metres_per_unit({105, 25}), 1.0, 0.002);
  EXPECT_NEAR(Projector("EPSG:3857").ground_metres_per_unit({105, 60}), 0.5, 0.01);
  EXPECT_EQ(Projector("EPSG:4326").ground_metres_per_unit({105, 35}), 0) << "degrees: no scale bar";
  const Projector albers("china-albers");
  const Point beijing = albers.inverse(albers.forward({116.4, 39.9}));
  EXPECT_NEAR(beijing.x, 116.4, 1e-9);
  EXPECT_NEAR(beijing.y, 39.9, 1e-9);
}

TEST(Projector, UnknownCrsIsAnInputError) {
  EXPECT_THROW(Projector("EPSG:999999"), InputError);
  EXPECT_THROW(Projector("china-albers-typo"), InputError);
}

// An orthographic view of Asia cannot show the far side of the globe: vertices there are left out, and one
// warning counts them instead of none.
TEST(Projector, VerticesOutsideTheCrsDomainAreCountedInOneWarning) {
  const Projector ortho("+proj=ortho +lat_0=35 +lon_0=105 +datum=WGS84");
  const MultiPolygon near_side{{{{100, 30}, {110, 30}, {110, 40}, {100, 30}}, {}}};
  const MultiPolygon straddling{{{{100, 30}, {110, 30}, {-70, -30}, {-80, -35}, {100, 30}}, {}}};
  std::vector<std::string> warnings;
  const WarningSink previous = set_warning_sink([&](const std::string& line) { warnings.push_back(line); });
  EXPECT_EQ(vertex_count(ortho.forward(near_side)), 4u);
  EXPECT_EQ(vertex_count(ortho.forward(straddling)), 3u);
  EXPECT_EQ(vertex_count(ortho.forward(straddling)), 3u);
  ortho.warn_dropped("units");
  ortho.warn_dropped("units");  // nothing new: no second line
  set_warning_sink(previous);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(
      warnings[0],
      "projection '+proj=ortho +lat_0=35 +lon_0=105 +datum=WGS84': 4 vertices of 2 units are outside what it "
      "can project and were left out (choose a projection that covers the whole map)");
}

}  // namespace
}  // namespace covermap::geo
