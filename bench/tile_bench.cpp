// covermap_tile_bench: renders the benchmark's county tiles with covermap's tile renderer and prints
// throughput.
//
// usage: covermap_tile_bench COUNTIES.gpkg MIN_ZOOM MAX_ZOOM [THREADS...]
//   COUNTIES.gpkg is the export of `bench/peer_mapnik_tiles.py export` (a `fill` colour per county).
// For each thread count (default: 1 2) it renders every tile over the data's extent, z MIN..MAX, 256 px,
// white 0.3 pt borders, and encodes each as PNG: with Cairo's PNG writer (32-bit RGBA), one encoding per
// distinct solid colour and one for the empty tile, reused. Prints one line per run:
//   threads=T tiles=N seconds=S tiles_per_s=R bytes=B solid=K empty=E peak_rss_mb=M (render_only_s=...)
#include <sys/resource.h>

#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <map>
#include <mutex>
#include <string>

#include "bench/palette_png.hpp"
#include "boundaries/boundary_source.hpp"
#include "geo/error.hpp"
#include "render/render_tiles.hpp"

namespace {

using namespace covermap;

// CPU seconds of the whole process (all threads): on a shared machine, wall time alone is noisy.
double cpu_now() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

struct Run {
  std::size_t tiles = 0, bytes = 0, solid = 0, empty = 0;
  double seconds = 0, prepare_seconds = 0, cpu_seconds = 0;
};

Run run(render::TileRenderer& renderer, int min_zoom, int max_zoom, int threads, bool encode_images) {
  Run result;
  std::mutex cache_mutex;
  std::map<std::pair<int, std::uint32_t>, std::string> cache;  // (kind, colour) -> PNG of a uniform tile
  const auto encode = [&](const render::TileRaster& raster) -> std::string {
    if (raster.kind == render::TileRaster::Kind::image)
      return encode_images ? bench::encode_palette_png(raster) : std::string();
    const auto key = std::make_pair(static_cast<int>(raster.kind), (std::uint32_t{raster.color.r} << 24) |
                                                                       (std::uint32_t{raster.color.g} << 16) |
                                                                       (std::uint32_t{raster.color.b} << 8) |
                                                                       raster.color.a);
    {
      std::lock_guard lock(cache_mutex);
      if (auto it = cache.find(key); it != cache.end()) return it->second;
    }
    std::string png = bench::encode_palette_png(raster);
    std::lock_guard lock(cache_mutex);
    return cache.emplace(key, std::move(png)).first->second;
  };
  std::size_t kinds[3] = {0, 0, 0};
  std::mutex kinds_mutex;
  const auto counting_encode = [&](const render::TileRaster& raster) {
    {
      std::lock_guard lock(kinds_mutex);
      ++kinds[static_cast<int>(raster.kind)];
    }
    return encode(raster);
  };
  const double cpu_start = cpu_now();
  const auto start = std::chrono::steady_clock::now();
  for (int z = min_zoom; z <= max_zoom; ++z) {
    const auto prepare_start = std::chrono::steady_clock::now();
    renderer.prepare_zoom(z, threads);
    result.prepare_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - prepare_start).count();
    const geo::TileRange range = geo::tiles_covering(renderer.lon_lat_bounds(), z);
    std::vector<geo::TileId> tiles;
    for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
      for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) tiles.push_back({z, x, y});
    render::render_tiles(renderer, tiles, threads, counting_encode,
                         [&](const geo::TileId&, std::string&& bytes) {
                           ++result.tiles;
                           result.bytes += bytes.size();
                         });
  }
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.cpu_seconds = cpu_now() - cpu_start;
  result.empty = kinds[0];
  result.solid = kinds[1];
  return result;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: covermap_tile_bench COUNTIES.gpkg MIN_ZOOM MAX_ZOOM [THREADS...]\n";
    return 2;
  }
  try {
    const geo::GeosContext geos;
    boundaries::BoundarySet set = boundaries::load_boundaries({argv[1], "", "", "", ""}, geos);
    std::vector<render::TileUnit> units;
    for (auto& unit : set.units)
      units.push_back({std::move(unit.geometry), styles::parse_color(unit.attributes.at("fill"), argv[1])});
    render::TileStyle style;
    if (std::getenv("BENCH_NO_BORDERS")) style.borders.visible = false;
    render::TileRenderer renderer(std::move(units), style);
    const int min_zoom = std::stoi(argv[2]);
    const int max_zoom = std::stoi(argv[3]);
    std::vector<int> thread_counts;
    for (int i = 4; i < argc; ++i) thread_counts.push_back(std::stoi(argv[i]));
    if (thread_counts.empty()) thread_counts = {1, 2};
    for (int threads : thread_counts) {
      const Run render_only = run(renderer, min_zoom, max_zoom, threads, false);
      const Run full = run(renderer, min_zoom, max_zoom, threads, true);
      rusage usage{};
      getrusage(RUSAGE_SELF, &usage);
      std::printf(
          "threads=%d tiles=%zu seconds=%.2f tiles_per_s=%.1f bytes=%zu solid=%zu empty=%zu peak_rss_mb=%.0f "
          "cpu_s=%.2f (render only: %.2f s, cpu %.2f s, %.1f tiles/s; prepare_zoom %.2f s)\n",
          threads, full.tiles, full.seconds, static_cast<double>(full.tiles) / full.seconds, full.bytes,
          full.solid, full.empty, static_cast<double>(usage.ru_maxrss) / 1024, full.cpu_seconds,
          render_only.seconds, render_only.cpu_seconds,
          static_cast<double>(render_only.tiles) / render_only.seconds, render_only.prepare_seconds);
    }
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
