// Each zoom's tile geometry is prepared once and kept in the cache: a renderer reading it draws the same
// tiles, byte for byte, as one that prepared every zoom itself; a damaged entry is never trusted.
#include "render/zoom_cache.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <vector>

#include "boundaries/builtin.hpp"
#include "render/tile_renderer.hpp"
#include "tests/test_support.hpp"

namespace covermap::render {
namespace {

namespace fs = std::filesystem;

// The provinces with a colour each: enough shapes that every zoom has parts, holes and shared borders.
std::vector<TileUnit> provinces() {
  const geo::GeosContext geos;
  const boundaries::BoundarySet set = boundaries::load_builtin("china-provinces", geos);
  std::vector<TileUnit> units;
  for (std::size_t i = 0; i < set.units.size(); ++i)
    units.push_back({set.units[i].geometry, styles::Color{static_cast<std::uint8_t>(40 + i * 6), 120, 200}});
  return units;
}

// Every tile of zooms 0-6 over China, drawn by a renderer made with COVERMAP_CACHE_DIR set to `cache`.
std::vector<std::vector<std::uint32_t>> draw_pyramid(const std::vector<TileUnit>& units,
                                                     const std::string& cache) {
  ::setenv("COVERMAP_CACHE_DIR", cache.c_str(), 1);
  TileRenderer renderer(units, {});
  Workspace ws(256);
  std::vector<std::vector<std::uint32_t>> tiles;
  for (int z = 0; z <= 6; ++z) {
    renderer.prepare_zoom(z, 2);
    const geo::TileRange range = geo::tiles_covering(renderer.lon_lat_bounds(), z);
    for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
      for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) {
        const TileRaster raster = renderer.render({z, x, y}, ws);
        tiles.push_back(raster.pixels);
        tiles.back().push_back(static_cast<std::uint32_t>(raster.kind));
        tiles.back().push_back(raster.color.r << 16 | raster.color.g << 8 | raster.color.b);
      }
  }
  return tiles;
}

std::vector<fs::path> zoom_entries(const fs::path& folder) {
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(folder))
    if (entry.path().filename().string().rfind("zoom-", 0) == 0) entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  return entries;
}

// Where the entry's first point lies: after the format line (24 bytes with its zeros), the zoom, tile size
// and margin (16), then the parts and the rings, each array a count, zeros to a multiple of 8, and its items
// (48 and 40 bytes; render/tile_geometry.hpp), then the points' count and zeros.
std::size_t first_point_offset(const std::string& entry) {
  const auto align = [](std::size_t at) { return (at + 7) / 8 * 8; };
  const auto count_at = [&](std::size_t at) {
    std::uint32_t count = 0;
    std::memcpy(&count, entry.data() + at, sizeof count);
    return std::size_t{count};
  };
  std::size_t at = 24 + 16;
  at = align(at + 4) + count_at(at) * 48;  // the parts
  at = align(at + 4) + count_at(at) * 40;  // the rings
  return align(at + 4);
}

class ZoomCacheTest : public ::testing::Test {
 protected:
  void TearDown() override {
    if (previous_)
      ::setenv("COVERMAP_CACHE_DIR", previous_->c_str(), 1);
    else
      ::unsetenv("COVERMAP_CACHE_DIR");
  }
  std::optional<std::string> previous_ = [] {
    const char* value = std::getenv("COVERMAP_CACHE_DIR");
    return value ? std::optional<std::string>(value) : std::nullopt;
  }();
};

TEST_F(ZoomCacheTest, CachedZoomsDrawTheSameTilesAsPreparedOnes) {
  const test::TempDir cache;
  const std::vector<TileUnit> units = provinces();
  const auto prepared = draw_pyramid(units, "off");
  const auto first = draw_pyramid(units, cache.path().string());  // prepares and stores every zoom
  // Zooms 0-6, and zoom 8, the source of zooms 5-7 (render/tile_renderer.cpp).
  ASSERT_EQ(zoom_entries(cache.path()).size(), 8u);
  const auto again = draw_pyramid(units, cache.path().string());  // reads them all
  ASSERT_EQ(prepared.size(), first.size());
  EXPECT_TRUE(prepared == first);
  EXPECT_TRUE(prepared == again);
}

TEST_F(ZoomCacheTest, OtherGeometryOrSettingsUseOtherEntries) {
  const test::TempDir cache;
  std::vector<TileUnit> units = provinces();
  draw_pyramid(units, cache.path().string());
  units.pop_back();  // a set without one unit is other geometry
  draw_pyramid(units, cache.path().string());
  EXPECT_EQ(zoom_entries(cache.path()).size(), 16u);
  ::setenv("COVERMAP_CACHE_DIR", cache.path().c_str(), 1);
  TileStyle wide;
  wide.tile_size = 512;
  TileRenderer renderer(units, wide);
  renderer.prepare_zoom(3);
  EXPECT_EQ(zoom_entries(cache.path()).size(), 19u);  // zoom 3 and its sources, zooms 5 and 8
}

// The key hashes each unit's coordinates on its own thread: renderers on one thread and on several share
// their entries.
TEST_F(ZoomCacheTest, RenderersOnAnyNumberOfThreadsShareTheEntries) {
  const test::TempDir cache;
  const std::vector<TileUnit> units = provinces();
  ::setenv("COVERMAP_CACHE_DIR", cache.path().c_str(), 1);
  TileRenderer(units, {}, 1).prepare_zoom(2);
  const std::vector<fs::path> entries = zoom_entries(cache.path());
  ASSERT_FALSE(entries.empty());
  for (const int threads : {2, 3, 8}) {
    TileRenderer(units, {}, threads).prepare_zoom(2);
    EXPECT_EQ(zoom_entries(cache.path()), entries) << threads << " threads";
  }
}

// The provinces' pyramid drawn without a cache (what a damaged entry must still give), and drawn once into a
// cache of its own, whose entries (eight) it lists.
struct FilledCache {
  test::TempDir cache;
  std::vector<TileUnit> units = provinces();
  std::vector<std::vector<std::uint32_t>> expected = draw_pyramid(units, "off");
  std::vector<fs::path> entries = [this] {
    draw_pyramid(units, cache.path().string());
    return zoom_entries(cache.path());
  }();
};

TEST_F(ZoomCacheTest, ADamagedEntryIsIgnoredAndReplaced) {
  const FilledCache filled;
  const auto& [cache, units, expected, entries] = filled;
  ASSERT_EQ(entries.size(), 8u);
  const std::uintmax_t whole = fs::file_size(entries[3]);
  fs::resize_file(entries[3], fs::file_size(entries[3]) / 2);  // truncated
  {
    std::fstream damaged(entries[5], std::ios::in | std::ios::out | std::ios::binary);
    damaged.seekp(static_cast<std::streamoff>(fs::file_size(entries[5]) - 8));
    const std::uint32_t out_of_range = 0xffffff;
    damaged.write(reinterpret_cast<const char*>(&out_of_range), sizeof out_of_range);  // a part id
  }
  const auto drawn = draw_pyramid(units, cache.path().string());
  EXPECT_TRUE(drawn == expected);
  EXPECT_EQ(fs::file_size(entries[3]), whole);                    // prepared again and stored whole
  const auto again = draw_pyramid(units, cache.path().string());  // rewritten entries read back whole
  EXPECT_TRUE(again == expected);
}

// A coordinate the raster cannot take (not a number, or far outside the world) makes the entry damaged too,
// though every range in it still fits.
TEST_F(ZoomCacheTest, AnEntryWithACoordinateOffTheWorldIsIgnoredAndReplaced) {
  const FilledCache filled;
  const auto& [cache, units, expected, entries] = filled;
  ASSERT_EQ(entries.size(), 8u);
  const std::string whole = test::read_file(entries[4].string());
  for (const double bad : {std::nan(""), 1e51, -1e51}) {
    std::string damaged = whole;
    const std::size_t at = first_point_offset(damaged);
    ASSERT_LT(at + sizeof bad, damaged.size());
    std::memcpy(damaged.data() + at, &bad, sizeof bad);  // the first point's x
    std::ofstream(entries[4], std::ios::binary | std::ios::trunc) << damaged;
    EXPECT_TRUE(draw_pyramid(units, cache.path().string()) == expected) << bad;
    EXPECT_EQ(test::read_file(entries[4].string()), whole) << bad;  // prepared again and stored whole
  }
}

}  // namespace
}  // namespace covermap::render
