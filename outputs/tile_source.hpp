#pragma once
// Reads any tile set covermap writes, and the like from other tools, through one interface: a folder of
// z/x/y files, an MBTiles file or a PMTiles archive. A source is opened once and then read from many threads:
// a tile by z/x/y, and what the set says of itself as a TileJSON 3.0.0 document. This is what `covermap
// serve` reads; a set replaced on disk is not seen by an open source (open a new one).
#include <sys/types.h>

#include <cstdint>
#include <ctime>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "geo/file_identity.hpp"
#include "geo/geometry.hpp"
#include "geo/tile_math.hpp"
#include "outputs/tile_sink.hpp"

namespace covermap::outputs {

// Which file (or folder) a path named when it was opened: a set renamed over by a new build is a new
// identity, as is one written in place.
using geo::file_identity;
using geo::FileIdentity;

// What a set says of itself, whatever its kind.
// NOLINTNEXTLINE(bugprone-exception-escape): its defaulted members copy strings, as TileSetInfo's do
struct TileSetFacts {
  TileSinkKind kind = TileSinkKind::directory;
  std::string extension;  // of its tiles in URLs: png, webp, jpg, pbf
  bool vector = false;    // Mapbox Vector Tiles (pbf), usually gzipped
  int min_zoom = 0, max_zoom = 0;
  // lon/lat; the whole Web Mercator world when the set does not say
  geo::Box bounds{-180, -geo::kWebMercatorMaxLatitude, 180, geo::kWebMercatorMaxLatitude};
  // TileJSON 3.0.0 with "tiles" left empty for the caller to fill: name, description, attribution,
  // zooms, bounds, center, format, the legend (covermap_fields), and vector_layers for vector tiles.
  nlohmann::ordered_json tilejson;
};

class TileSource {
 public:
  virtual ~TileSource() = default;

  const TileSetFacts& facts() const { return facts_; }
  const std::string& path() const { return path_; }
  // What was opened: the folder, or the archive file.
  const FileIdentity& identity() const { return identity_; }
  // What the path names now, to compare with identity(): a difference means the set was replaced since it
  // was opened. nullopt when nothing is there (between the two renames of a folder being swapped).
  virtual std::optional<FileIdentity> identity_on_disk() const { return file_identity(path_); }

  // One tile's bytes as stored (a vector tile still gzipped); nullopt when the set holds no such tile.
  // Safe to call from several threads. Throws InputError when the set is damaged.
  virtual std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y) const = 0;

  // The archive file, for serving it whole or by byte ranges (the same file the tiles come from); -1 for a
  // folder.
  virtual int archive_fd() const { return -1; }

  // The MapLibre style written beside a vector set (style_path: `<archive>.style.json`, or `style.json` in
  // the folder, read beneath it as its tiles are), as it is on disk now; nullopt for raster sets and when
  // there is none. Throws InputError when it cannot be read.
  virtual std::optional<std::string> style() const;

 protected:
  explicit TileSource(std::string path) : path_(std::move(path)) {}
  TileSetFacts facts_;
  FileIdentity identity_;

 private:
  std::string path_;
};

// By name, as tile_sink_kind: *.pmtiles, *.mbtiles, else a folder. InputError naming the path when it
// cannot be opened or read as that kind. A folder without covermap's tiles.json is described from its
// z/x/y layout.
std::unique_ptr<TileSource> open_tile_source(const std::string& path);

namespace detail {
std::unique_ptr<TileSource> open_folder_source(const std::string& path);
std::unique_ptr<TileSource> open_pmtiles_source(const std::string& path);
std::unique_ptr<TileSource> open_mbtiles_source(const std::string& path);

// The TileJSON of a set from the keys it stores (`stored`: its metadata or tiles.json) and the facts read
// from its structure, which win. A legend stored as an array (covermap before 0.2) moves under "covermap".
nlohmann::ordered_json describe_tile_set(const nlohmann::ordered_json& stored, const TileSetFacts& facts,
                                         const std::optional<geo::Point>& center, int center_zoom);
}  // namespace detail

}  // namespace covermap::outputs
