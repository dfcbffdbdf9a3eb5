// The floor of a tile run: the time to only write its tiles. Reads every tile of a finished tile set (a
// folder, MBTiles or PMTiles, by name) into memory, then puts them, in the order they were read, into a new
// output of the same kind through the sinks `covermap tiles` writes to (open_tile_sink), and commits it with
// the source's own description. Prints one line; asserts nothing. See bench/README.md, "Tiles: the CLI".
// usage: covermap_tile_write_floor SOURCE DESTINATION (same kind: *.pmtiles, *.mbtiles or a folder)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <exception>
#include <string>
#include <utility>
#include <vector>

#include "geo/tile_math.hpp"
#include "outputs/stored_tiles.hpp"
#include "outputs/tile_sink.hpp"
#include "outputs/tile_source.hpp"

namespace {

using namespace covermap;

double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// What the source says of itself (its TileJSON), as the TileSetInfo a run commits with, so the copy carries
// the same metadata and legend.
outputs::TileSetInfo info_of(const outputs::TileSource& source, outputs::TileFormat format) {
  const auto& facts = source.facts();
  const auto& json = facts.tilejson;
  outputs::TileSetInfo info;
  info.format = format;
  info.name = json.value("name", "");
  info.description = json.value("description", "");
  info.attribution = json.value("attribution", "");
  info.min_zoom = facts.min_zoom;
  info.max_zoom = facts.max_zoom;
  info.tile_size = json.value("tile_size", 256);
  info.bounds = facts.bounds;
  const auto center = json.value("center", nlohmann::ordered_json::array());
  if (center.size() == 3) {
    info.center = {center[0].get<double>(), center[1].get<double>()};
    info.center_zoom = center[2].get<int>();
  }
  const auto covermap = json.value("covermap", nlohmann::ordered_json::object());
  info.legend_title = covermap.value("legend_title", "");
  info.legend = covermap.value("legend", nlohmann::ordered_json::array());
  info.map_file = covermap.value("map", "");
  return info;
}

struct StoredTile {
  geo::TileId id;
  std::string bytes;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s SOURCE DESTINATION (a tile set and a new one of the same kind)\n",
                 argv[0]);
    return 1;
  }
  const std::string source_path = argv[1], destination = argv[2];
  try {
    if (outputs::tile_sink_kind(source_path) != outputs::tile_sink_kind(destination)) {
      std::fprintf(stderr, "error: %s and %s are not the same kind of output\n", argv[1], argv[2]);
      return 1;
    }
    using Clock = std::chrono::steady_clock;
    const auto read_start = Clock::now();
    const auto source = outputs::open_tile_source(source_path);
    const outputs::TileFormat format = outputs::parse_tile_format(source->facts().extension);
    const outputs::TileSetInfo info = info_of(*source, format);
    std::vector<StoredTile> tiles;
    std::size_t bytes = 0;
    outputs::for_each_stored_tile(source_path, format, [&](const geo::TileId& tile, std::string_view stored) {
      tiles.push_back({tile, std::string(stored)});
      bytes += stored.size();
    });
    const double read_s = std::chrono::duration<double>(Clock::now() - read_start).count();

    const double cpu_start = process_cpu_seconds();
    const auto write_start = Clock::now();
    const auto sink = outputs::open_tile_sink(destination, format);
    for (const StoredTile& tile : tiles) sink->put(tile.id, tile.bytes);
    sink->commit(info);
    const double write_s = std::chrono::duration<double>(Clock::now() - write_start).count();
    const double write_cpu_s = process_cpu_seconds() - cpu_start;
    std::printf("tiles=%zu tile_bytes=%zu read_s=%.3f write_s=%.3f write_cpu_s=%.3f\n", tiles.size(), bytes,
                read_s, write_s, write_cpu_s);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    return 2;
  }
  return 0;
}
