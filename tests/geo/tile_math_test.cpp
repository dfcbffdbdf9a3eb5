#include "geo/tile_math.hpp"

#include <gtest/gtest.h>

#include "geo/projection.hpp"

namespace covermap::geo {
namespace {

TEST(TileMath, MercatorAgreesWithProj) {
  const Projector proj("EPSG:3857");
  const Point beijing = lon_lat_to_mercator({116.3975, 39.9087});
  const Point expected = proj.forward(Point{116.3975, 39.9087});
  EXPECT_NEAR(beijing.x, expected.x, 1e-6);
  EXPECT_NEAR(beijing.y, expected.y, 1e-6);
  const Point back = mercator_to_lon_lat(beijing);
  EXPECT_NEAR(back.x, 116.3975, 1e-9);
  EXPECT_NEAR(back.y, 39.9087, 1e-9);
  EXPECT_NEAR(lon_lat_to_mercator({180, kWebMercatorMaxLatitude}).y, kWebMercatorHalfWorld, 1e-3);
}

TEST(TileMath, BeijingTileAtZoom10IsTheOneWebMapsUse) {
  // OpenStreetMap's tile for Tiananmen at z10 is 10/843/388.
  const TileRange range = tiles_covering({116.3975, 39.9087, 116.3975, 39.9087}, 10);
  EXPECT_EQ(range.min_x, 843u);
  EXPECT_EQ(range.min_y, 388u);
  EXPECT_EQ(range.count(), 1u);
  const Box box = tile_bounds_lon_lat({10, 843, 388});
  EXPECT_LE(box.min_x, 116.3975);
  EXPECT_GE(box.max_x, 116.3975);
  EXPECT_LE(box.min_y, 39.9087);
  EXPECT_GE(box.max_y, 39.9087);
}

TEST(TileMath, ChinaCoversAKnownNumberOfTiles) {
  const Box china{73.5, 18.0, 135.1, 53.6};
  const TileRange z0 = tiles_covering(china, 0);
  EXPECT_EQ(z0.count(), 1u);
  const TileRange z4 = tiles_covering(china, 4);
  EXPECT_EQ(z4.min_x, 11u);  // 73.5 E: 16 * (253.5 / 360) = 11.27
  EXPECT_EQ(z4.max_x, 14u);  // 135.1 E: 14.0
  EXPECT_EQ(z4.min_y, 5u);
  EXPECT_EQ(z4.max_y, 7u);
}

TEST(TileMath, BoxEndingOnATileEdgeStaysInItsTile) {
  const TileRange range = tiles_covering({0, 0, 180, kWebMercatorMaxLatitude}, 1);
  EXPECT_EQ(range.min_x, 1u);
  EXPECT_EQ(range.max_x, 1u);
  EXPECT_EQ(range.min_y, 0u);
  EXPECT_EQ(range.max_y, 0u);
}

TEST(TileMath, TmsRowCountsFromTheSouth) {
  EXPECT_EQ(tms_row({0, 0, 0}), 0u);
  EXPECT_EQ(tms_row({3, 1, 0}), 7u);
  EXPECT_EQ(tms_row({10, 843, 388}), 635u);
}

TEST(TileMath, PmtilesIdsMatchTheSpecification) {
  // Values from the PMTiles reference implementations' tests.
  EXPECT_EQ(pmtiles_tile_id({0, 0, 0}), 0u);
  EXPECT_EQ(pmtiles_tile_id({1, 0, 0}), 1u);
  EXPECT_EQ(pmtiles_tile_id({1, 0, 1}), 2u);
  EXPECT_EQ(pmtiles_tile_id({1, 1, 1}), 3u);
  EXPECT_EQ(pmtiles_tile_id({1, 1, 0}), 4u);
  EXPECT_EQ(pmtiles_tile_id({2, 0, 0}), 5u);
  EXPECT_EQ(pmtiles_tile_id({3, 0, 0}), 21u);
  EXPECT_EQ(pmtiles_tile_id({12, 3423, 1763}), 19078479u);
}

TEST(TileMath, PmtilesIdsRoundTripAtEveryZoom) {
  for (int z = 0; z <= 12; ++z) {
    const std::uint32_t last = (std::uint32_t{1} << z) - 1;
    for (const TileId tile :
         {TileId{z, 0, 0}, TileId{z, last, last}, TileId{z, last / 3, last / 2}, TileId{z, last, 0}}) {
      EXPECT_EQ(tile_from_pmtiles_id(pmtiles_tile_id(tile)), tile) << z << "/" << tile.x << "/" << tile.y;
    }
  }
}

TEST(TileMath, PmtilesIdEndIsJustPastTheDeepestZoom) {
  const TileId last = tile_from_pmtiles_id(kPmtilesTileIdEnd - 1);
  EXPECT_EQ(last.z, kMaxTileZoom);
  EXPECT_EQ(pmtiles_tile_id(last), kPmtilesTileIdEnd - 1);
  EXPECT_EQ(pmtiles_tile_id({kMaxTileZoom, 0, 0}),
            kPmtilesTileIdEnd - (std::uint64_t{1} << (2 * kMaxTileZoom)));
}

}  // namespace
}  // namespace covermap::geo

namespace covermap::geo {
namespace {

TEST(TileMath, TilesComeAlongTheHilbertCurveAsPmtilesStoresThem) {
  const std::vector<TileId> tiles = tiles_in_hilbert_order({-180, -85, 180, 85}, 1);
  // The spec's z1 order: the curve starts at the north-west tile and turns south first.
  const std::vector<TileId> expected{{1, 0, 0}, {1, 0, 1}, {1, 1, 1}, {1, 1, 0}};
  EXPECT_EQ(tiles, expected);
  const std::vector<TileId> china = tiles_in_hilbert_order({73.5, 18.1, 134.8, 53.6}, 6);
  EXPECT_EQ(china.size(), tiles_covering({73.5, 18.1, 134.8, 53.6}, 6).count());
  for (std::size_t i = 1; i < china.size(); ++i)
    EXPECT_LT(pmtiles_tile_id(china[i - 1]), pmtiles_tile_id(china[i]));
}

}  // namespace
}  // namespace covermap::geo
