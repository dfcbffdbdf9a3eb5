#pragma once
// `covermap serve PATH... [--host H] [--port P] [--threads N]`: the tile server and its preview page.
#include <string>
#include <vector>

#include "geo/tile_math.hpp"

namespace covermap::app {

struct ServeOptions {
  std::vector<std::string> paths;  // tile folders, .mbtiles, .pmtiles, map files (drawn on demand)
  geo::ZoomRange map_zoom{0, 10};  // the zooms a map file is drawn at
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (the URL printed says which)
  int threads = 256;
  int max_age = 0;      // Cache-Control max-age of tiles, TileJSON and archives; 0: revalidate every time
  std::string basemap;  // XYZ URL template shown under the tiles on the page
  bool verbose = false;
};

// Serves until SIGINT or SIGTERM; prints the URL it listens on (and with verbose, one line per request).
int run_serve(const ServeOptions& options);

}  // namespace covermap::app
