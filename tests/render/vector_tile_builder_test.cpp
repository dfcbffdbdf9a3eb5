#include "render/vector_tile_builder.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "geo/geos_context.hpp"

namespace covermap::render {
namespace {

geo::MultiPolygon box(double lon0, double lat0, double lon1, double lat1) {
  return {{{{lon0, lat0}, {lon1, lat0}, {lon1, lat1}, {lon0, lat1}, {lon0, lat0}}, {}}};
}

// A unit drawn over another that has no hole for it (China's county layer draws Xinjiang's corps cities over
// their counties): a tile that only the small unit's edges cross still holds the large one, whole.
TEST(VectorTileBuilder, AUnitBeneathAnotherWithoutAHoleStillCoversTheTile) {
  const geo::GeosContext geos;
  VectorTileBuilder builder({{box(10, 10, 30, 30), styles::Color{1, 2, 3}},
                             {box(15.1, 15.1, 15.12, 15.12), styles::Color{4, 5, 6}}},
                            geos, 1);
  builder.prepare_zoom(8, 1);
  const geo::TileRange range = geo::tiles_covering({15.11, 15.11, 15.11, 15.11}, 8);
  const VectorTile tile = builder.build({8, range.min_x, range.min_y}, geos);
  ASSERT_EQ(tile.kind, VectorTile::Kind::features);
  ASSERT_EQ(tile.units.size(), 2u);
  EXPECT_EQ(tile.units[0].unit, 0u);  // in the units' order: the large one first, beneath
  EXPECT_EQ(tile.units[0].rings, std::vector<GridRing>{box_ring(kVectorTileClipBox)});
  EXPECT_EQ(tile.units[1].unit, 1u);
}

}  // namespace
}  // namespace covermap::render
