#pragma once
// `covermap tiles`: the map file's choropleth as a Web Mercator tile pyramid (directory, MBTiles or PMTiles).
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "geo/tile_math.hpp"

namespace covermap::app {

// The deepest zoom covermap makes tiles for (past z18 only with --yes).
inline constexpr int kMaxZoom = 22;

// "MIN-MAX" or a single "Z", 0 to 22; an empty optional when the text is not one.
std::optional<geo::ZoomRange> parse_zoom_range(const std::string& text);
// "WEST,SOUTH,EAST,NORTH" in degrees; an empty optional when the text is not one.
std::optional<geo::Box> parse_bounds(const std::string& text);

struct TilesOptions {
  std::string output;
  geo::ZoomRange zoom;
  std::string zoom_text;  // as given, for messages
  int threads = 0;        // 0: one per core
  int tile_size = 256;
  std::string format = "png";
  std::optional<geo::Box> bounds;  // lon/lat; default: the boundaries' extent
  bool allow_unmatched = false;
  bool yes = false;      // make a pyramid past z18 or of more than 10 million tiles
  bool progress = true;  // a progress line on stderr when it is a terminal
  std::string shard;     // "K/N": make share K (0 to N-1) of N into a part for `covermap merge`
  int plan = 0;          // > 0: print how the job splits this many ways, make nothing
};

int run_tiles(const std::string& map_path, const TilesOptions& options);

// `covermap merge`: the parts of a job made with --shard joined into the output of a single run.
int run_merge(const std::vector<std::string>& parts, const std::string& output);

}  // namespace covermap::app
