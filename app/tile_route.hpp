#pragma once
// What a request path asks `covermap serve` for, as a pure function of the (already percent-decoded) path:
// no file is touched and nothing but the path is read, so it can be tested and fuzzed alone. Names are only
// ever looked up among the served tile sets, never joined to a file path.
#include <cstdint>
#include <string_view>

namespace covermap::app {

struct TileRoute {
  enum class Kind {
    page,       // "/": the preview page
    health,     // "/healthz"
    catalog,    // "/_/tilesets.json": the tile sets served, for the page
    asset,      // "/_/<file>": the page's scripts, styles and images
    tilejson,   // "/<name>.json"
    archive,    // "/<name>.pmtiles" or "/<name>.mbtiles": the archive file, with Range support
    tile,       // "/<name>/<z>/<x>/<y>.<extension>"
    query,      // "/<name>/query" (lon and lat are query parameters)
    style,      // "/<name>/style.json": the MapLibre style of a vector set
    bad_tile,   // shaped like a tile but its z, x or y is not a plain decimal number: 400
    not_found,  // anything else: 404
  };
  Kind kind = Kind::not_found;
  std::string_view name;       // the tile set (tilejson, archive, tile, query, style)
  std::string_view extension;  // archive: pmtiles|mbtiles; tile: as written (png, webp, pbf, ...)
  std::string_view asset;      // asset: the file name after "/_/"
  std::uint32_t z = 0, x = 0, y = 0;
};

// Tile numbers are plain decimal: digits only, no sign, no leading zero (but "0"), at most 4294967295.
// The views point into `path`.
TileRoute parse_tile_route(std::string_view path);

// Whether `name` can name a tile set in URLs: not empty, no '/', no control characters, not starting with
// '_' (kept for the server's own paths), not "healthz", "." or "..".
bool is_tile_set_name(std::string_view name);

}  // namespace covermap::app
