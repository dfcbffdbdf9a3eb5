// libFuzzer target: a zoom's tile geometry read back from the zoom cache and drawn. An entry is viewed in
// place, not rebuilt, so a damaged one must be refused whole (and the zoom prepared afresh), never send a
// tile outside its arrays; whatever is accepted must be safe to draw, tile by tile.
//
// The renderer is made once, over three synthetic units (two neighbours, one with a hole, an island in it),
// with its cache in the fuzzer's scratch folder; each input replaces the entry of zoom kZoom there. With
// COVERMAP_FUZZ_SEED_DIR set, the entries it first made are copied there: the seed corpus
// (tests/fuzz/zoom_geometry) is made that way.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/tile_math.hpp"
#include "render/tile_renderer.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

namespace fs = std::filesystem;
using covermap::geo::Point;
using covermap::geo::Polygon;
using covermap::render::TileRenderer;
using covermap::render::TileUnit;

constexpr int kZoom = 3;

covermap::geo::Ring square(double west, double south, double east, double north, bool clockwise) {
  covermap::geo::Ring ring{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}};
  if (clockwise) std::reverse(ring.begin(), ring.end());
  return ring;
}

std::vector<TileUnit> units() {
  using covermap::styles::Color;
  return {
      {{Polygon{square(100, 25, 110, 35, false), {square(103, 28, 107, 32, true)}}}, Color{200, 40, 40}},
      {{Polygon{square(110, 25, 120, 35, false), {}}}, std::nullopt},  // no data: hatched
      {{Polygon{square(104, 29, 106, 31, false), {}}}, Color{40, 40, 200}},
  };
}

struct Fixture {
  Fixture() {
    const fs::path scratch = fs::path(covermap::fuzz::write_input(nullptr, 0, "probe")).parent_path();
    ::setenv("COVERMAP_CACHE_DIR", scratch.c_str(), 1);
    renderer = std::make_unique<TileRenderer>(units(), covermap::render::TileStyle{});
    for (int z = 0; z <= kZoom; ++z) renderer->prepare_zoom(z);
    const std::string suffix = "-" + std::to_string(kZoom) + ".bin";
    for (const auto& entry : fs::directory_iterator(scratch)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind("zoom-", 0) != 0) continue;
      if (name.size() > suffix.size() &&
          name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
        entry_name = name;
      if (const char* seeds = std::getenv("COVERMAP_FUZZ_SEED_DIR"))
        fs::copy_file(entry.path(), fs::path(seeds) / name, fs::copy_options::overwrite_existing);
    }
    if (entry_name.empty()) std::abort();  // the renderer kept no cache: nothing would be fuzzed
  }
  std::unique_ptr<TileRenderer> renderer;
  std::string entry_name;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fixture;
  covermap::fuzz::write_input(data, size, fixture.entry_name);
  TileRenderer& renderer = *fixture.renderer;
  renderer.prepare_zoom(kZoom);  // reads the entry; a refused one is prepared again (and written back)
  covermap::render::Workspace ws(renderer.style().tile_size);
  const covermap::geo::TileRange range = covermap::geo::tiles_covering(renderer.lon_lat_bounds(), kZoom);
  for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
    for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) {
      const covermap::geo::TileId tile{kZoom, x, y};
      renderer.work(tile);
      renderer.units_drawn(tile);
      ws.recycle(std::move(renderer.render(tile, ws).pixels));
    }
  return 0;
}
