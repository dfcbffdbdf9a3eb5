#include "app/tiles_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>
#include <thread>

#include "app/choropleth.hpp"
#include "app/commands.hpp"
#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "outputs/tile_encoding.hpp"
#include "outputs/tile_sink.hpp"
#include "render/render_tiles.hpp"
#include "render/tile_renderer.hpp"

namespace covermap::app {
namespace {

// One line on a terminal, rewritten in place: tiles done / total, rate and time left.
class Progress {
 public:
  Progress(std::uint64_t total, bool enabled) : total_(total), enabled_(enabled && ::isatty(2)) {}
  void advance(std::uint64_t done_now) {
    done_ += done_now;
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    if (done_ < total_ && now - last_ < std::chrono::milliseconds(200)) return;
    last_ = now;
    const double seconds = std::chrono::duration<double>(now - start_).count();
    const double rate = seconds > 0 ? static_cast<double>(done_) / seconds : 0;
    const double left = rate > 0 ? static_cast<double>(total_ - done_) / rate : 0;
    const int width = 30;
    const int filled = total_ ? static_cast<int>(width * done_ / total_) : width;
    std::fprintf(stderr, "\r[%s%s] %llu/%llu tiles  %.0f/s  ETA %.0f s ", std::string(filled, '#').c_str(),
                 std::string(width - filled, ' ').c_str(), static_cast<unsigned long long>(done_),
                 static_cast<unsigned long long>(total_), rate, left);
    if (done_ >= total_) std::fputc('\n', stderr);
  }

 private:
  std::uint64_t total_;
  std::uint64_t done_ = 0;
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

std::optional<ZoomRange> parse_zoom_range(const std::string& text) {
  int min = -1, max = -1;
  char dash = 0;
  std::istringstream in(text);
  if (!(in >> min)) return std::nullopt;
  if (in >> dash) {
    if (dash != '-' || !(in >> max)) return std::nullopt;
    char extra;
    if (in >> extra) return std::nullopt;
  } else {
    max = min;
  }
  if (min < 0 || max > 22 || min > max) return std::nullopt;
  return ZoomRange{min, max};
}

std::optional<geo::Box> parse_bounds(const std::string& text) {
  double v[4];
  char comma[3];
  std::istringstream in(text);
  if (!(in >> v[0] >> comma[0] >> v[1] >> comma[1] >> v[2] >> comma[2] >> v[3])) return std::nullopt;
  if (comma[0] != ',' || comma[1] != ',' || comma[2] != ',') return std::nullopt;
  if (!(v[0] < v[2] && v[1] < v[3] && v[0] >= -180 && v[2] <= 180 && v[1] >= -90 && v[3] <= 90))
    return std::nullopt;
  return geo::Box{v[0], v[1], v[2], v[3]};
}

int run_tiles(const std::string& map_path, const TilesOptions& options) {
  const outputs::TileFormat format = outputs::parse_tile_format(options.format);
  if (options.tile_size != 256 && options.tile_size != 512)
    throw InputError("--tile-size", "tile size " + std::to_string(options.tile_size), "use 256 or 512");
  const geo::GeosContext geos;
  JoinedMap joined = load_and_join(map_path, geos);
  if (const int refused = refuse_unclean_join(joined, map_path, options.output, options.allow_unmatched))
    return refused;
  const ClassifiedUnits classified = classify_units(joined);

  std::vector<render::TileUnit> units;
  units.reserve(joined.units.units.size());
  for (std::size_t i = 0; i < joined.units.units.size(); ++i) {
    render::TileUnit unit;
    unit.lon_lat = std::move(joined.units.units[i].geometry);
    if (const int cls = classified.class_of_unit[i]; cls >= 0)
      unit.fill = classified.classification.classes[static_cast<std::size_t>(cls)].fill;
    units.push_back(std::move(unit));
  }
  const MapSpec& spec = joined.spec;
  render::TileRenderer renderer(std::move(units),
                                {spec.style.borders, spec.style.no_data, options.tile_size});
  const geo::Box bounds = options.bounds.value_or(renderer.lon_lat_bounds());

  auto sink = outputs::open_tile_sink(options.output, format);
  std::vector<std::vector<geo::TileId>> tiles_of_zoom;
  std::uint64_t total = 0;
  for (int z = options.zoom.min; z <= options.zoom.max; ++z) {
    const geo::TileRange range = geo::tiles_covering(bounds, z);
    std::vector<geo::TileId> tiles;
    tiles.reserve(range.count());
    for (std::uint32_t y = range.min_y; y <= range.max_y; ++y)
      for (std::uint32_t x = range.min_x; x <= range.max_x; ++x) tiles.push_back({z, x, y});
    // Along the Hilbert curve: neighbours render one after the other, and PMTiles wants this order.
    std::vector<std::pair<std::uint64_t, geo::TileId>> by_id;
    by_id.reserve(tiles.size());
    for (const geo::TileId& tile : tiles) by_id.emplace_back(geo::pmtiles_tile_id(tile), tile);
    std::sort(by_id.begin(), by_id.end());
    for (std::size_t i = 0; i < tiles.size(); ++i) tiles[i] = by_id[i].second;
    total += tiles.size();
    tiles_of_zoom.push_back(std::move(tiles));
  }

  const int threads = options.threads > 0
                          ? options.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  Progress progress(total, options.progress);
  std::uint64_t written = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const auto& tiles : tiles_of_zoom) {
    renderer.prepare_zoom(tiles.front().z, threads);
    render::render_tiles(
        renderer, tiles, threads,
        [&](const render::TileRaster& raster) -> std::string {
          switch (raster.kind) {
            case render::TileRaster::Kind::empty:
              return {};
            case render::TileRaster::Kind::solid:
              return outputs::encode_solid_tile(raster.color, raster.size, format);
            case render::TileRaster::Kind::image:
              break;
          }
          return outputs::encode_tile(reinterpret_cast<const unsigned char*>(raster.pixels.data()),
                                      raster.size, raster.size, raster.size * 4, format);
        },
        [&](const geo::TileId& tile, std::string&& encoded) {
          if (!encoded.empty()) {  // tiles outside every unit are left out: web maps show nothing there
            sink->put(tile, encoded);
            ++written;
          }
          progress.advance(1);
        });
  }

  outputs::TileSetInfo info;
  info.name = spec.style.title.empty() ? std::filesystem::path(map_path).stem().string() : spec.style.title;
  info.description = spec.style.subtitle;
  info.attribution = spec.style.source;
  info.format = format;
  info.min_zoom = options.zoom.min;
  info.max_zoom = options.zoom.max;
  info.tile_size = options.tile_size;
  info.bounds = bounds;
  info.center = {(bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2};
  info.center_zoom = std::min(options.zoom.max, std::max(options.zoom.min, 4));
  info.legend = nlohmann::ordered_json::array();
  for (const auto& entry : classified.classification.classes)
    info.legend.push_back({{"label", entry.label}, {"color", entry.fill.hex()}});
  if (classified.any_without_data && !spec.style.no_data.label.empty())
    info.legend.push_back({{"label", spec.style.no_data.label}, {"color", spec.style.no_data.fill.hex()}});
  sink->commit(info);

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "wrote " << options.output << " (" << written << " tiles of " << total << ", zoom "
            << options.zoom.min << "-" << options.zoom.max << ", "
            << static_cast<long>(total / std::max(seconds, 1e-3)) << " tiles/s on " << threads
            << (threads == 1 ? " thread" : " threads") << ")\n";
  return kDone;
}

}  // namespace covermap::app
