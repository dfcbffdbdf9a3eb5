// units_drawn is what an update of a tile set trusts: recolouring a unit may change only the tiles that list
// it, with borders and without, and a tile lists no unit exactly when render() leaves it empty.
#include <gtest/gtest.h>

#include <algorithm>

#include "geo/error.hpp"
#include "render/tile_renderer.hpp"

namespace covermap::render {
namespace {

const styles::Color kRed{0xe4, 0x1a, 0x1c}, kBlue{0x37, 0x7e, 0xb8}, kGreen{0x4d, 0xaf, 0x4a};

geo::MultiPolygon box(double lon0, double lat0, double lon1, double lat1) {
  return {{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}, {}}};
}

// Unit 0 far to the east, alone; units 1 and 2 share the parallel 20 N; unit 3 (no data) borders unit 2.
std::vector<TileUnit> units_with_first(std::optional<styles::Color> first) {
  return {{box(60, 10, 80, 30), first},
          {box(10, 10, 30, 20), kBlue},
          {box(10, 20, 30, 30), kGreen},
          {box(30, 20, 40, 30), std::nullopt}};
}

bool same_raster(const TileRaster& a, const TileRaster& b) {
  return a.kind == b.kind && a.size == b.size && a.color == b.color && a.pixels == b.pixels;
}

class UnitsDrawn : public ::testing::TestWithParam<bool> {};

TEST_P(UnitsDrawn, RecolouringAUnitChangesOnlyTheTilesListingIt) {
  TileStyle style;
  style.borders.visible = GetParam();
  // Red to green: the colour unit 2 has, so a renderer numbering colours by first use would draw the
  // greens before the blues afterwards and change tiles along the 20 N border that unit 0 never touches.
  TileRenderer before(units_with_first(kRed), style), after(units_with_first(kGreen), style);
  Workspace ws(256);
  int changed = 0, listing = 0, tiles = 0;
  for (int z = 2; z <= 6; ++z) {
    before.prepare_zoom(z);
    after.prepare_zoom(z);
    for (const geo::TileId& tile : geo::tiles_in_hilbert_order({0, 0, 90, 40}, z)) {
      const std::vector<std::uint32_t> units = after.units_drawn(tile);
      ASSERT_EQ(units, before.units_drawn(tile)) << "the units drawn depend on the geometry only";
      ASSERT_TRUE(std::is_sorted(units.begin(), units.end()));
      const TileRaster old_raster = before.render(tile, ws), new_raster = after.render(tile, ws);
      ASSERT_EQ(units.empty(), new_raster.kind == TileRaster::Kind::empty)
          << z << "/" << tile.x << "/" << tile.y;
      const bool lists_unit_0 = std::find(units.begin(), units.end(), 0u) != units.end();
      ++tiles;
      listing += lists_unit_0 ? 1 : 0;
      if (same_raster(old_raster, new_raster)) continue;
      ++changed;
      EXPECT_TRUE(lists_unit_0) << "tile " << z << "/" << tile.x << "/" << tile.y
                                << " changed without unit 0";
    }
  }
  EXPECT_GT(changed, 10);
  EXPECT_LT(listing, tiles / 4) << "most tiles do not show unit 0";
}

INSTANTIATE_TEST_SUITE_P(TileRenderer, UnitsDrawn, ::testing::Values(true, false),
                         [](const auto& info) { return info.param ? "WithBorders" : "WithoutBorders"; });

TEST(UnitsDrawn, ListsTheUnitsOfATileOnABorderAndTheUnitUnderAnInsideTile) {
  TileRenderer renderer(units_with_first(kRed), {});
  renderer.prepare_zoom(6);
  const auto tile_at = [](double lon, double lat) {
    const geo::TileRange range = geo::tiles_covering({lon, lat, lon, lat}, 6);
    return geo::TileId{6, range.min_x, range.min_y};
  };
  EXPECT_EQ(renderer.units_drawn(tile_at(20, 20.01)), (std::vector<std::uint32_t>{1, 2}));
  EXPECT_EQ(renderer.units_drawn(tile_at(70, 20)), (std::vector<std::uint32_t>{0}));
  EXPECT_EQ(renderer.units_drawn(tile_at(-100, 40)), std::vector<std::uint32_t>{});
  EXPECT_THROW(renderer.units_drawn({5, 0, 0}), Error);
}

}  // namespace
}  // namespace covermap::render
