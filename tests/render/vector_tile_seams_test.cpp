// Vector tiles of the real county layer filled as a client fills them (each feature by its rings, pixel
// centres inside): no pixel the counties cover may be left to none of them, which would show as daylight
// between neighbours. The grid of 4096 units a tile, and what the tiles do where units meet on it (two parts
// of one county pushed together and mended, a corner three counties share), must not open any.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "boundaries/boundary_source.hpp"
#include "geo/tile_math.hpp"
#include "render/vector_tile_builder.hpp"
#include "tests/test_support.hpp"

namespace covermap::render {
namespace {

// 500 pixels a tile, as bench/mvt_gaps.py. A centre on a vertex (rows 62, 187, 312 and 437 lie on whole
// numbers) counts the edge below it, not both: [first, last) rows and columns.
constexpr int kPixels = 500;
constexpr double kPixelUnits = static_cast<double>(kVectorTileExtent) / kPixels;

using Coverage = std::vector<char>;  // kPixels x kPixels, row by row

// Marks the pixels whose centre lies inside the rings (in tile units; even-odd).
void fill(const std::vector<std::vector<geo::Point>>& rings, Coverage& covered) {
  std::vector<std::vector<double>> crossings(kPixels);
  for (const auto& ring : rings)
    for (std::size_t i = 0; i < ring.size(); ++i) {
      const geo::Point& a = ring[i];
      const geo::Point& b = ring[(i + 1) % ring.size()];
      if (a.y == b.y) continue;
      const int first = std::max(0, static_cast<int>(std::ceil(std::min(a.y, b.y) / kPixelUnits - 0.5)));
      const int last =
          std::min(kPixels - 1, static_cast<int>(std::ceil(std::max(a.y, b.y) / kPixelUnits - 0.5)) - 1);
      for (int row = first; row <= last; ++row) {
        const double y = (row + 0.5) * kPixelUnits;
        crossings[static_cast<std::size_t>(row)].push_back(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y));
      }
    }
  for (int row = 0; row < kPixels; ++row) {
    std::vector<double>& xs = crossings[static_cast<std::size_t>(row)];
    std::sort(xs.begin(), xs.end());
    for (std::size_t k = 0; k + 1 < xs.size(); k += 2) {
      const int from = std::max(0, static_cast<int>(std::ceil(xs[k] / kPixelUnits - 0.5)));
      const int to = std::min(kPixels - 1, static_cast<int>(std::ceil(xs[k + 1] / kPixelUnits - 0.5)) - 1);
      for (int column = from; column <= to; ++column)
        covered[static_cast<std::size_t>(row) * kPixels + static_cast<std::size_t>(column)] = 1;
    }
  }
}

// What the tile's features cover.
Coverage tile_coverage(const VectorTile& tile) {
  Coverage covered(static_cast<std::size_t>(kPixels) * kPixels, 0);
  for (const VectorTileFeature& feature : tile.units) {
    std::vector<std::vector<geo::Point>> rings;
    for (const GridRing& ring : feature.rings) {
      rings.emplace_back();
      for (const GridPoint& p : ring)
        rings.back().push_back({static_cast<double>(p.x), static_cast<double>(p.y)});
    }
    fill(rings, covered);
  }
  return covered;
}

// A county's part in normalized Web Mercator (0 to 1 across the world, y down), outer ring first.
struct WorldPart {
  std::vector<std::vector<geo::Point>> rings;
  geo::Box box;
};

std::vector<WorldPart> to_world(const std::vector<geo::MultiPolygon>& counties) {
  std::vector<WorldPart> parts;
  const auto convert = [](const geo::Ring& ring, WorldPart& part) {
    auto& out = part.rings.emplace_back();
    for (const geo::Point& p : ring) {
      const geo::Point m = geo::lon_lat_to_mercator(p);
      part.box.expand(out.emplace_back(
          geo::Point{(m.x + geo::kWebMercatorHalfWorld) / (2 * geo::kWebMercatorHalfWorld),
                     (geo::kWebMercatorHalfWorld - m.y) / (2 * geo::kWebMercatorHalfWorld)}));
    }
  };
  for (const geo::MultiPolygon& county : counties)
    for (const geo::Polygon& polygon : county) {
      WorldPart& part = parts.emplace_back();
      convert(polygon.outer, part);
      for (const geo::Ring& hole : polygon.holes) convert(hole, part);
    }
  return parts;
}

// What the counties themselves cover, unsimplified, in the tile.
Coverage source_coverage(const std::vector<WorldPart>& parts, const geo::TileId& tile) {
  Coverage covered(static_cast<std::size_t>(kPixels) * kPixels, 0);
  const double tiles = std::ldexp(1.0, tile.z);
  const geo::Box box{tile.x / tiles, tile.y / tiles, (tile.x + 1) / tiles, (tile.y + 1) / tiles};
  const double scale = tiles * kVectorTileExtent;
  for (const WorldPart& part : parts) {
    if (!part.box.intersects(box)) continue;
    std::vector<std::vector<geo::Point>> rings;
    for (const auto& ring : part.rings) {
      auto& out = rings.emplace_back();
      for (const geo::Point& p : ring)
        out.push_back({p.x * scale - tile.x * double{kVectorTileExtent},
                       p.y * scale - tile.y * double{kVectorTileExtent}});
    }
    fill(rings, covered);
  }
  return covered;
}

// Pixels the tile leaves empty although the counties cover them and all around them (so not a coast or a
// strait, which the grid may move by a fraction of a pixel).
int gap_pixels(const Coverage& drawn, const Coverage& source) {
  const auto at = [](const Coverage& c, int x, int y) {
    return c[static_cast<std::size_t>(y) * kPixels + static_cast<std::size_t>(x)] != 0;
  };
  int gaps = 0;
  for (int y = 1; y + 1 < kPixels; ++y)
    for (int x = 1; x + 1 < kPixels; ++x) {
      if (at(drawn, x, y)) continue;
      bool inside = true;
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) inside = inside && at(source, x + dx, y + dy);
      gaps += inside;
    }
  return gaps;
}

TEST(VectorTileSeams, CountiesLeaveNoDaylightBetweenThemAtZooms3To7) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  const geo::GeosContext geos;
  std::vector<TileUnit> units;
  std::vector<geo::MultiPolygon> counties;
  for (auto& unit : boundaries::load_boundaries({gpkg, "county", "", "", ""}, geos).units) {
    counties.push_back(unit.geometry);
    units.push_back({std::move(unit.geometry), styles::Color{0x41, 0xb6, 0xc4}});
  }
  const std::vector<WorldPart> world = to_world(counties);
  VectorTileBuilder builder(std::move(units), geos, 2);
  for (int z : {3, 4, 5, 6, 7}) {
    builder.prepare_zoom(z, 2);
    const geo::TileRange range = geo::tiles_covering(builder.lon_lat_bounds(), z);
    int tiles = 0;
    std::string gaps;
    for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
      for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) {
        const VectorTile tile = builder.build({z, x, y}, geos);
        if (tile.kind != VectorTile::Kind::features) continue;
        ++tiles;
        if (const int pixels = gap_pixels(tile_coverage(tile), source_coverage(world, {z, x, y})))
          gaps += " " + std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y) + " (" +
                  std::to_string(pixels) + " px)";
      }
    EXPECT_GT(tiles, 0) << "zoom " << z;
    EXPECT_EQ(gaps, "") << "zoom " << z << ": daylight between counties in" << gaps;
  }
}

}  // namespace
}  // namespace covermap::render
