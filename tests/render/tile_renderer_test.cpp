#include "render/tile_renderer.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "render/render_tiles.hpp"
#include "tests/render/tile_test_support.hpp"

namespace covermap::render {
namespace {

using test::pixel_at;
using test::premultiplied;

const styles::Color kSouth{0x2c, 0x7f, 0xb8};
const styles::Color kNorth{0xa1, 0xda, 0xb4};

geo::MultiPolygon box(double lon0, double lat0, double lon1, double lat1) {
  return {{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}, {}}};
}

// Two units sharing the parallel 20 N from 10 E to 30 E, and a unit without data further east.
std::vector<TileUnit> two_units_and_a_gap() {
  return {{box(10, 10, 30, 20), kSouth}, {box(10, 20, 30, 30), kNorth}, {box(60, 10, 80, 30), std::nullopt}};
}

geo::TileId tile_at(double lon, double lat, int z) {
  const geo::TileRange range = geo::tiles_covering({lon, lat, lon, lat}, z);
  return {z, range.min_x, range.min_y};
}

class TileSizes : public ::testing::TestWithParam<int> {};

TEST_P(TileSizes, BorderCrossingATileEdgeContinuesWithoutGapOrDoubling) {
  const int n = GetParam();
  TileStyle style;
  style.tile_size = n;
  TileRenderer renderer(two_units_and_a_gap(), style);
  renderer.prepare_zoom(4);
  // At zoom 4 the meridian 22.5 E is a tile edge; the shared border (20 N) crosses it inside tile row 7.
  const geo::TileId left{4, 8, 7}, right{4, 9, 7};
  Workspace ws(n);
  const TileRaster a = renderer.render(left, ws);
  const TileRaster b = renderer.render(right, ws);
  ASSERT_EQ(a.kind, TileRaster::Kind::image);
  ASSERT_EQ(b.kind, TileRaster::Kind::image);
  ASSERT_EQ(a.size, n);
  int border_rows = 0;
  for (int y = 0; y < n; ++y) {
    // The border is horizontal, so the last column of one tile and the first of the next must match exactly.
    EXPECT_EQ(pixel_at(a, n - 1, y), pixel_at(b, 0, y)) << "row " << y;
    // The top 100/256 of the tile holds the shared border (about row 24/256) and no outer edge.
    const std::uint32_t p = pixel_at(a, n - 1, y);
    if (y <= 100 * n / 256 && p != premultiplied(kSouth) && p != premultiplied(kNorth)) ++border_rows;
  }
  // The white line (0.4 px at 256, 0.8 px at 512) shows, in one or two rows: not zero, not a doubled line.
  EXPECT_GE(border_rows, 1);
  EXPECT_LE(border_rows, 2);
}

INSTANTIATE_TEST_SUITE_P(TileRenderer, TileSizes, ::testing::Values(256, 512));

TEST(TileRenderer, TileInsideOneUnitIsSolidAndMatchesFullRasterization) {
  TileRenderer renderer(two_units_and_a_gap(), {});
  renderer.prepare_zoom(6);
  const geo::TileId tile = tile_at(15, 15, 6);
  Workspace ws(256);
  const TileRaster fast = renderer.render(tile, ws);
  ASSERT_EQ(fast.kind, TileRaster::Kind::solid);
  EXPECT_EQ(fast.color, kSouth);
  const TileRaster full = renderer.rasterize(tile, ws);
  ASSERT_EQ(full.kind, TileRaster::Kind::image);
  for (int y = 0; y < 256; ++y)
    for (int x = 0; x < 256; ++x) ASSERT_EQ(pixel_at(full, x, y), pixel_at(fast, x, y)) << x << "," << y;
}

TEST(TileRenderer, TileOutsideAllUnitsIsEmpty) {
  TileRenderer renderer(two_units_and_a_gap(), {});
  renderer.prepare_zoom(6);
  Workspace ws(256);
  const geo::TileId tile = tile_at(-100, 40, 6);
  EXPECT_EQ(renderer.render(tile, ws).kind, TileRaster::Kind::empty);
  const TileRaster full = renderer.rasterize(tile, ws);
  for (std::uint32_t p : full.pixels) ASSERT_EQ(p, 0u);
}

TEST(TileRenderer, TileInsideAUnitWithoutDataIsHatched) {
  TileRenderer renderer(two_units_and_a_gap(), {});
  renderer.prepare_zoom(6);
  Workspace ws(256);
  const TileRaster raster = renderer.render(tile_at(70, 20, 6), ws);
  ASSERT_EQ(raster.kind, TileRaster::Kind::image);
  int background = 0, lines = 0;
  for (std::uint32_t p : raster.pixels)
    (p == premultiplied(styles::NoDataStyle{}.fill) ? background : lines)++;
  // Grey diagonal lines 0.47 px wide every 2.9 px: anti-aliased, they touch most pixels.
  EXPECT_GT(background, 256 * 256 / 10);
  EXPECT_GT(lines, 256 * 256 / 4);
}

// A unit drawn over another that has no hole for it (China's county layer draws Xinjiang's corps cities over
// their counties): a tile that only the small unit's edges cross still shows the large one around it.
TEST(TileRenderer, AUnitBeneathAnotherWithoutAHoleStillCoversTheTile) {
  TileRenderer renderer({{box(10, 10, 30, 30), kSouth}, {box(15.1, 15.1, 15.12, 15.12), kNorth}}, {});
  renderer.prepare_zoom(8);
  Workspace ws(256);
  const TileRaster raster = renderer.render(tile_at(15.11, 15.11, 8), ws);
  ASSERT_EQ(raster.kind, TileRaster::Kind::image);
  int south = 0, north = 0;
  for (std::uint32_t p : raster.pixels) {
    south += p == premultiplied(kSouth);
    north += p == premultiplied(kNorth);
  }
  EXPECT_GT(south, 256 * 256 * 9 / 10);
  EXPECT_GT(north, 0);
  EXPECT_EQ(pixel_at(raster, 0, 0), premultiplied(kSouth));
}

TEST(TileRenderer, WorkSaysBeforehandWhichTilesAreDrawnAndHowManyVerticesReachThem) {
  TileRenderer renderer(two_units_and_a_gap(), {});
  renderer.prepare_zoom(6);
  Workspace ws(256);
  // Every tile of the area, each kind: work() agrees with what render() then does.
  int drawn = 0, flat = 0;
  for (const geo::TileId& tile : geo::tiles_in_hilbert_order({0, 0, 90, 40}, 6)) {
    const TileWork work = renderer.work(tile);
    const TileRaster raster = renderer.render(tile, ws);
    EXPECT_EQ(work.drawn, raster.kind == TileRaster::Kind::image) << tile.x << "," << tile.y;
    (work.drawn ? drawn : flat)++;
    if (!work.drawn || renderer.zoom_geometry(tile.z).parts_touching(tile).empty()) {
      EXPECT_EQ(work.vertices, 0u);
    }
  }
  EXPECT_GT(drawn, 0);
  EXPECT_GT(flat, drawn) << "most tiles lie inside or outside the units";
  // A tile on the shared border: both units' rings reach it (5 points each, closed).
  EXPECT_EQ(renderer.work(tile_at(15, 20, 6)).vertices, 10u);
  // Inside the unit without data: drawn (hatched) for raster tiles, but a vector tile's single unit.
  EXPECT_TRUE(renderer.work(tile_at(70, 20, 6)).drawn);
  EXPECT_FALSE(renderer.work(tile_at(70, 20, 6), false).drawn);
}

TEST(TileRenderer, BorderWidthFollowsPointsAtNinetySixDpiAndTileSize) {
  EXPECT_DOUBLE_EQ(0.3 * tile_pixels_per_point(256), 0.4);
  EXPECT_DOUBLE_EQ(0.3 * tile_pixels_per_point(512), 0.8);
}

TEST(TileRenderer, RenderingAnotherZoomThanPreparedThrows) {
  TileRenderer renderer(two_units_and_a_gap(), {});
  renderer.prepare_zoom(3);
  Workspace ws(256);
  EXPECT_THROW(renderer.render({4, 0, 0}, ws), Error);
}

TEST(TileRenderer, ZoomsPreparedSideBySideDrawWhatEachDrawsAloneUntilReleased) {
  TileRenderer alone(two_units_and_a_gap(), {});
  TileRenderer both(two_units_and_a_gap(), {});
  both.add_zoom(4);
  both.add_zoom(5);
  Workspace ws(256);
  for (const int z : {4, 5}) {
    alone.prepare_zoom(z);
    const geo::TileId tile = tile_at(20, 20, z);  // on the shared border: drawn, not solid
    const TileRaster expected = alone.render(tile, ws);
    ASSERT_EQ(expected.kind, TileRaster::Kind::image);
    EXPECT_EQ(both.render(tile, ws).pixels, expected.pixels) << "zoom " << z;
  }
  both.release_zoom(4);
  EXPECT_THROW(both.render(tile_at(20, 20, 4), ws), InternalError);
  EXPECT_EQ(both.render(tile_at(20, 20, 5), ws).kind, TileRaster::Kind::image);
  both.prepare_zoom(6);  // releases zoom 5
  EXPECT_THROW(both.render(tile_at(20, 20, 5), ws), InternalError);
}

TEST(TilePipeline, ZoomsAddedOneAfterAnotherComeOutInOrderWithTheBytesOfOneThread) {
  TileRenderer renderer(two_units_and_a_gap(), {});
  std::vector<std::vector<geo::TileId>> zooms;
  for (int z = 2; z <= 6; ++z) {
    renderer.add_zoom(z);
    const geo::TileRange range = geo::tiles_covering(renderer.lon_lat_bounds(), z);
    std::vector<geo::TileId>& tiles = zooms.emplace_back();
    for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
      for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) tiles.push_back({z, x, y});
  }
  const auto make_worker = [&] {
    return raster_tile_maker(renderer, [](const geo::TileId&, const TileRaster& raster) {
      std::string bytes(1, static_cast<char>(raster.kind));
      bytes.append(reinterpret_cast<const char*>(raster.pixels.data()), raster.pixels.size() * 4);
      return bytes;
    });
  };
  const auto collect = [&](int threads) {
    std::vector<std::pair<geo::TileId, std::string>> out;
    TilePipeline pipeline(threads, make_worker, [&](const geo::TileId& tile, std::string&& bytes) {
      out.emplace_back(tile, std::move(bytes));
    });
    std::size_t end_of_previous = 0;
    for (const auto& tiles : zooms) {
      const std::size_t added_before = pipeline.added();
      pipeline.add(tiles);
      pipeline.emit_until(end_of_previous);  // the zoom before, while the workers start on this one
      EXPECT_EQ(out.size(), end_of_previous);
      end_of_previous = added_before + tiles.size();
    }
    pipeline.finish();
    return out;
  };
  const auto one = collect(1);
  const auto two = collect(2);
  std::vector<geo::TileId> expected;
  for (const auto& tiles : zooms) expected.insert(expected.end(), tiles.begin(), tiles.end());
  ASSERT_EQ(one.size(), expected.size());
  ASSERT_GT(expected.size(), 100u);  // several times the workers' window (16 tiles a thread)
  EXPECT_TRUE(one == two);
  for (std::size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(two[i].first, expected[i]);
}

TEST(RenderTiles, TwoThreadsGiveTheSameBytesInTheSameOrderAsOne) {
  TileRenderer renderer(two_units_and_a_gap(), {});
  renderer.prepare_zoom(5);
  const geo::TileRange range = geo::tiles_covering(renderer.lon_lat_bounds(), 5);
  std::vector<geo::TileId> tiles;
  for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
    for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) tiles.push_back({5, x, y});
  ASSERT_GT(tiles.size(), 20u);
  const auto encode = [](const TileRaster& raster) {
    std::string bytes(1, static_cast<char>(raster.kind));
    bytes.append(reinterpret_cast<const char*>(raster.pixels.data()), raster.pixels.size() * 4);
    return bytes;
  };
  const auto collect = [&](int threads) {
    std::vector<std::pair<geo::TileId, std::string>> out;
    render_tiles(renderer, tiles, threads, encode, [&](const geo::TileId& tile, std::string&& bytes) {
      out.emplace_back(tile, std::move(bytes));
    });
    return out;
  };
  const auto one = collect(1);
  const auto two = collect(2);
  ASSERT_EQ(one.size(), tiles.size());
  EXPECT_TRUE(one == two);
  for (std::size_t i = 0; i < tiles.size(); ++i) EXPECT_EQ(two[i].first, tiles[i]);
}

TEST(RenderTiles, AnEncoderFailureReachesTheCaller) {
  TileRenderer renderer(two_units_and_a_gap(), {});
  renderer.prepare_zoom(2);
  const std::vector<geo::TileId> tiles(50, geo::TileId{2, 2, 1});
  int emitted = 0;
  EXPECT_THROW(render_tiles(
                   renderer, tiles, 2,
                   [&](const TileRaster&) -> std::string { throw InputError("tiles", "disk full"); },
                   [&](const geo::TileId&, std::string&&) { ++emitted; }),
               InputError);
  EXPECT_EQ(emitted, 0);
}

}  // namespace
}  // namespace covermap::render
