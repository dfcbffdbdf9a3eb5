// The GSHHG land of Debian's gmt-gshhg-full, assembled from its 1° bins, checked against known land.
#include "boundaries/gshhg.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

#include "geo/error.hpp"
#include "tests/test_support.hpp"

namespace covermap::boundaries {
namespace {

#define REQUIRE_GSHHG()                               \
  if (!std::filesystem::exists(default_gshhg_path())) \
  GTEST_SKIP() << default_gshhg_path() << " not found (scripts/install-deps.sh installs gmt-gshhg-full)"

// Signed area in km², near enough on small pieces: degrees² scaled by the cosine of each piece's latitude.
double area_km2(const geo::Ring& ring) {
  double twice = 0, latitude = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
    twice += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
    latitude += ring[i].y;
  }
  latitude /= static_cast<double>(ring.size() - 1);
  constexpr double kKmPerDegree = 111.32;
  return twice / 2 * kKmPerDegree * kKmPerDegree * std::cos(latitude * M_PI / 180);
}

double land_km2(const Land& land, const geo::Box& within) {
  double total = 0;
  for (const auto& piece : land.pieces) {
    const geo::Box box = geo::bounds(geo::MultiPolygon{piece});
    if (box.min_x >= within.min_x && box.max_x <= within.max_x && box.min_y >= within.min_y &&
        box.max_y <= within.max_y)
      total += area_km2(piece.outer);
  }
  return total;
}

TEST(Gshhg, HainanAcrossItsBinsHasItsArea) {
  REQUIRE_GSHHG();
  // Hainan spans nine bins: its pieces must add up to the island (about 33,900 km²), so every bin's shores
  // and edges were joined the right way round.
  const Land land = read_gshhg_land(default_gshhg_path(), {108, 18, 111, 21});
  const double hainan = land_km2(land, {108.5, 18.0, 111.2, 20.2});
  EXPECT_NEAR(hainan, 33900, 1500);
}

TEST(Gshhg, PiecesAreClosedCounterClockwiseRings) {
  REQUIRE_GSHHG();
  const Land land = read_gshhg_land(default_gshhg_path(), {106, 2.5, 123.5, 25});
  ASSERT_GT(land.pieces.size(), 1000u);
  for (const auto& piece : land.pieces) {
    ASSERT_GE(piece.outer.size(), 4u);
    EXPECT_EQ(piece.outer.front(), piece.outer.back());
    EXPECT_GT(area_km2(piece.outer), 0) << "land on the left of every ring";
  }
}

TEST(Gshhg, InlandBinIsOneSquareAndOpenSeaIsEmpty) {
  REQUIRE_GSHHG();
  const Land inland = read_gshhg_land(default_gshhg_path(), {106.2, 26.2, 106.8, 26.8});  // Guizhou
  ASSERT_EQ(inland.pieces.size(), 1u);
  EXPECT_EQ(geo::bounds(geo::MultiPolygon{inland.pieces.front()}).min_x, 106);
  EXPECT_NEAR(area_km2(inland.pieces.front().outer), 111.32 * 111.32 * std::cos(26.5 * M_PI / 180), 300);
  const Land sea = read_gshhg_land(default_gshhg_path(), {116.2, 15.2, 116.8, 15.8});
  EXPECT_TRUE(sea.pieces.empty());
}

TEST(Gshhg, FindsTheSmallIslandsOfTheSouthChinaSea) {
  REQUIRE_GSHHG();
  const Land land = read_gshhg_land(default_gshhg_path(), {110, 7, 118, 21});
  const auto island_at = [&](double lon, double lat) {
    for (const auto& island : land.islands) {
      const geo::Box box = geo::bounds(geo::MultiPolygon{{island, {}}});
      if (box.min_x <= lon && lon <= box.max_x && box.min_y <= lat && lat <= box.max_y) return true;
    }
    return false;
  };
  EXPECT_TRUE(island_at(112.335, 16.834)) << "Woody Island (永兴岛), Paracels";
  EXPECT_TRUE(island_at(116.71, 20.71)) << "Pratas (东沙岛)";
  EXPECT_TRUE(island_at(114.36, 10.38)) << "Itu Aba (太平岛), Spratlys";
}

TEST(Gshhg, AMissingFileSaysWhatToInstall) {
  const std::string message = test::input_error_of([] {
    read_gshhg_land("/nonexistent/binned_GSHHS_f.nc", {0, 0, 1, 1});
  });
  EXPECT_NE(message.find("/nonexistent/binned_GSHHS_f.nc"), std::string::npos) << message;
  EXPECT_NE(message.find("COVERMAP_GSHHG"), std::string::npos) << message;
}

TEST(Gshhg, AFileThatIsNotGshhgIsAnInputError) {
  // The DCW netCDF is a netCDF file, but not a binned shoreline file.
  if (!std::filesystem::exists("/usr/share/gmt-dcw/dcw-gmt.nc")) GTEST_SKIP() << "gmt-dcw not installed";
  const std::string message = test::input_error_of([] {
    read_gshhg_land("/usr/share/gmt-dcw/dcw-gmt.nc", {0, 0, 1, 1});
  });
  EXPECT_NE(message.find("not a GSHHG binned shoreline file"), std::string::npos) << message;
}

}  // namespace
}  // namespace covermap::boundaries
