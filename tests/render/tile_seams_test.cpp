// Tiles of the real county layer with every county the same colour and no borders: inside the data nothing
// but that colour may show (no hairline between neighbouring counties, none along tile edges); partly
// transparent pixels only along the data's outline.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "boundaries/boundary_source.hpp"
#include "render/tile_geometry.hpp"
#include "render/tile_renderer.hpp"
#include "tests/render/tile_test_support.hpp"
#include "tests/test_support.hpp"

namespace covermap::render {
namespace {

const styles::Color kColour{0x41, 0xb6, 0xc4};

// Within one level per channel: compositing a colour over itself may round by one; a seam shows far more.
bool same_colour(std::uint32_t a, std::uint32_t b) {
  if ((a >> 24) != (b >> 24)) return false;
  for (int shift : {0, 8, 16}) {
    const int d = static_cast<int>((a >> shift) & 0xff) - static_cast<int>((b >> shift) & 0xff);
    if (d < -1 || d > 1) return false;
  }
  return true;
}

// A hairline: a mostly covered pixel (alpha >= 128; a sliver between two counties takes a small part of a
// pixel) between two opaque ones, across it in some direction. The data's outline has a transparent side
// instead, and a lake or hole in the data a pixel across leaves the pixel mostly transparent.
bool in_hairline(const TileRaster& raster, int x, int y) {
  const auto opaque = [&](int nx, int ny) {
    return nx >= 0 && ny >= 0 && nx <= 255 && ny <= 255 && (test::pixel_at(raster, nx, ny) >> 24) == 255;
  };
  for (const auto& [dx, dy] : {std::pair{1, 0}, std::pair{0, 1}, std::pair{1, 1}, std::pair{1, -1}})
    if (opaque(x + dx, y + dy) && opaque(x - dx, y - dy)) return true;
  return false;
}

// Draws zoom 5 and a sample of zoom 8 of the county layer without borders, county i in colours[i % size],
// and counts the pixels where a seam shows: partly transparent in a hairline, or (with one colour) opaque in
// another colour than that one.
void expect_no_seams(const std::string& gpkg, const std::vector<styles::Color>& colours) {
  std::vector<TileUnit> units;
  {
    const geo::GeosContext geos;
    boundaries::BoundarySet counties = boundaries::load_boundaries({gpkg, "county", "", "", ""}, geos);
    for (auto& unit : counties.units)
      units.push_back({std::move(unit.geometry), colours[units.size() % colours.size()]});
  }
  TileStyle style;
  style.borders.visible = false;
  TileRenderer renderer(std::move(units), style);
  const char* dump = std::getenv("COVERMAP_TILE_PNG_DIR");  // set it to look at the tiles checked
  const std::uint32_t colour = test::premultiplied(colours.front());
  Workspace ws(256);
  for (int z : {5, 8}) {
    renderer.prepare_zoom(z);
    const geo::TileRange range = geo::tiles_covering(renderer.lon_lat_bounds(), z);
    int drawn = 0, index = 0;
    for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
      for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) {
        if (z == 8 && index++ % 5 != 0) continue;  // a sample at zoom 8
        const geo::TileId tile{z, x, y};
        const TileRaster raster = renderer.render(tile, ws);
        if (raster.kind != TileRaster::Kind::image) continue;
        ++drawn;
        if (dump)
          test::write_png(raster, std::string(dump) + "/" + std::to_string(z) + "-" + std::to_string(x) +
                                      "-" + std::to_string(y) + ".png");
        int seams = 0;
        for (int py = 0; py < 256; ++py)
          for (int px = 0; px < 256; ++px) {
            const std::uint32_t p = test::pixel_at(raster, px, py);
            const std::uint32_t alpha = p >> 24;
            const bool ok = alpha == 0 || (alpha == 255 ? colours.size() > 1 || same_colour(p, colour)
                                                        : alpha < 128 || !in_hairline(raster, px, py));
            if (!ok && seams++ < 3) ADD_FAILURE() << std::hex << p << std::dec << " at " << px << "," << py;
          }
        EXPECT_EQ(seams, 0) << "tile " << z << "/" << x << "/" << y;
      }
    EXPECT_GE(drawn, z == 5 ? 20 : 100) << "zoom " << z;
  }
}

TEST(TileSeams, CountiesOfOneColourShowNoSeam) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  expect_no_seams(gpkg, {kColour});
}

// Where counties of different colours meet, each anti-aliased edge lets part of what lies under it show: the
// opaque base under the fills must leave no pixel there to the paper, where two, three or four meet.
TEST(TileSeams, CountiesOfFiveColoursShowNoSeam) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  expect_no_seams(gpkg,
                  {{0xff, 0xff, 0xcc}, {0xa1, 0xda, 0xb4}, kColour, {0x2c, 0x7f, 0xb8}, {0x25, 0x34, 0x94}});
}

TEST(TileGeometry, TwoThreadsPrepareTheSameGeometryAsOne) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  std::vector<WorldShape> world;
  {
    const geo::GeosContext geos;
    boundaries::BoundarySet counties = boundaries::load_boundaries({gpkg, "county", "", "", ""}, geos);
    for (const auto& unit : counties.units) {
      WorldShape shape;
      for (const auto& polygon : unit.geometry) {
        geo::Polygon world_polygon;
        for (const auto& p : polygon.outer)
          world_polygon.outer.push_back(geo::mercator_to_world_pixel(geo::lon_lat_to_mercator(p), 0, 1));
        shape.push_back(std::move(world_polygon));
      }
      world.push_back(std::move(shape));
    }
  }
  const ZoomGeometry one(world, 7, 256, 1.2, 1);
  const ZoomGeometry two(world, 7, 256, 1.2, 2);
  ASSERT_EQ(one.parts().size(), two.parts().size());
  ASSERT_GT(one.parts().size(), 2000u);
  for (std::size_t i = 0; i < one.parts().size(); ++i) {
    ASSERT_EQ(one.parts()[i].unit, two.parts()[i].unit);
    ASSERT_EQ(one.parts()[i].rings.size(), two.parts()[i].rings.size());
    for (std::size_t r = 0; r < one.parts()[i].rings.size(); ++r)
      ASSERT_TRUE(std::ranges::equal(one.parts()[i].rings[r].points, two.parts()[i].rings[r].points))
          << "part " << i;
  }
  EXPECT_EQ(one.touched_tile_count(), two.touched_tile_count());
  for (std::uint32_t x = 90; x < 110; ++x)
    for (std::uint32_t y = 40; y < 60; ++y) {
      const auto a = one.parts_touching({7, x, y});
      const auto b = two.parts_touching({7, x, y});
      EXPECT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << x << "," << y;
    }
}

}  // namespace
}  // namespace covermap::render
