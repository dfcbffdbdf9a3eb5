#pragma once
// `covermap tiles`: the map file's choropleth as a Web Mercator tile pyramid (directory, MBTiles or PMTiles).
#include <optional>
#include <string>

#include "geo/geometry.hpp"
#include "geo/tile_math.hpp"

namespace covermap::app {

// "MIN-MAX" or a single "Z", 0 to 22; an empty optional when the text is not one.
std::optional<geo::ZoomRange> parse_zoom_range(const std::string& text);
// "WEST,SOUTH,EAST,NORTH" in degrees; an empty optional when the text is not one.
std::optional<geo::Box> parse_bounds(const std::string& text);

struct TilesOptions {
  std::string output;
  geo::ZoomRange zoom;
  int threads = 0;  // 0: one per core
  int tile_size = 256;
  std::string format = "png";
  std::optional<geo::Box> bounds;  // lon/lat; default: the boundaries' extent
  bool allow_unmatched = false;
  bool progress = true;  // a progress line on stderr when it is a terminal
};

int run_tiles(const std::string& map_path, const TilesOptions& options);

}  // namespace covermap::app
