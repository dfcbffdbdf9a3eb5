#pragma once
// Where a tile pyramid goes: a folder of z/x/y files, an MBTiles 1.3 database or a PMTiles v3 archive, chosen
// by the output's name. Each writes into a temporary file or folder and moves it into place at commit, then
// writes a TileJSON 3.0.0 file beside it.
#include <cstddef>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "geo/geometry.hpp"
#include "geo/tile_math.hpp"
#include "outputs/maplibre_style.hpp"
#include "outputs/tile_encoding.hpp"

namespace covermap::outputs {

// Its destructor runs nlohmann::json's, which clang-tidy 14 wrongly sees throwing (nlohmann's code has the
// same NOLINT).
// NOLINTNEXTLINE(bugprone-exception-escape)
struct TileSetInfo {
  std::string name, description, attribution;
  TileFormat format = TileFormat::png;
  int min_zoom = 0, max_zoom = 0, tile_size = 256;
  geo::Box bounds;    // lon/lat
  geo::Point center;  // lon/lat
  int center_zoom = 0;
  std::string legend_title;
  // [{"label":..., "color":"#rrggbb"}...]: kept under the "covermap" key of TileJSON and archive metadata,
  // with an HTML rendering of it under "legend" (see covermap_fields).
  nlohmann::ordered_json legend;
  std::string map_file;  // the map file the tiles were made from, relative to the output's folder; may be ""
  // Vector tiles: TileJSON's `vector_layers` (also in MBTiles' `json` and PMTiles' metadata) and what the
  // MapLibre style beside the output carries. Null / none for raster tiles.
  nlohmann::ordered_json vector_layers;
  std::optional<VectorStyleSpec> style;
  // A share of a job split over processes (outputs/tile_shards.hpp): what it is, under "covermap" -> "shard"
  // of the metadata; null for a whole tile set.
  nlohmann::ordered_json shard;
};

// `map_path` as TileSetInfo::map_file gives it for an output at `output`: relative to the output's folder.
std::string relative_map_file(const std::string& map_path, const std::string& output);

// Called from one thread (put from several at once where concurrent_puts says so); tiles may arrive in any
// order; a tile never arrives twice.
class TileSink {
 public:
  virtual ~TileSink() = default;
  virtual void put(const geo::TileId& tile, std::string_view encoded) = 0;
  // Whether put may be called from several threads at once: a folder's tiles are files of their own, written
  // by the threads that make them rather than queued for one writer.
  virtual bool concurrent_puts() const { return false; }
  // Finishes the output atomically (temp + rename; an earlier output at that path survives any failure before
  // this) and writes the TileJSON 3.0.0 file beside it, and for vector tiles the MapLibre style. Call once.
  virtual void commit(const TileSetInfo& info) = 0;
};

enum class TileSinkKind { directory, mbtiles, pmtiles };

// How much memory an archive sink (MBTiles, PMTiles) may keep its index of tiles in. Past it, the index is
// sorted on disk beside the output, so memory stays flat however many tiles come; the bytes written are the
// same either way. The defaults suit any pyramid; tests shrink them to make every run take the disk path.
struct TileSinkMemory {
  std::size_t sort_bytes = std::size_t{4} << 20;  // index records each sorting stage holds in memory
  std::size_t recent_contents = 16384;  // contents remembered as tiles come, so repeats are buffered once
};

// *.mbtiles -> MBTiles 1.3, *.pmtiles -> PMTiles v3 (any case), anything else -> a directory.
TileSinkKind tile_sink_kind(const std::string& path);

// By name, see tile_sink_kind. A directory output replaces an earlier one only if that holds a tiles.json (an
// earlier covermap output) or is empty; anything else there is an InputError, so no user folder is ever
// deleted.
std::unique_ptr<TileSink> open_tile_sink(const std::string& path, TileFormat format,
                                         const TileSinkMemory& memory = {});

// Where the TileJSON goes: `<path>.json` beside an archive, `<path>/tiles.json` in a directory.
std::string tilejson_path(const std::string& path);

// What covermap adds to TileJSON and archive metadata: "legend", the escaped HTML of the legend's title and
// classes (TileJSON 3.0.0 wants a string there), and "covermap": {"legend_title", "legend": [{label,
// color}...], "map"}: the same classes as data for pages that draw their own legend, and the map file (so
// `covermap serve` can tell what lies under a point).
nlohmann::ordered_json covermap_fields(const TileSetInfo& info);
// Where the MapLibre style of vector tiles goes: `<path>.style.json` beside an archive, `<path>/style.json`
// in a directory.
std::string style_path(const std::string& path);

// The TileJSON 3.0.0 document for an output at `path`. Tile URLs are relative: "{z}/{x}/{y}.png" in a
// directory, "<archive name without extension>/{z}/{x}/{y}.png" beside an archive.
nlohmann::ordered_json tilejson(const std::string& path, const TileSetInfo& info);

}  // namespace covermap::outputs
