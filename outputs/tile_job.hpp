#pragma once
// A whole tile pyramid from one map: joined, classified, rendered zoom by zoom on worker threads, encoded,
// and committed to a folder, MBTiles or PMTiles with its TileJSON. What `covermap tiles` does, and
// `covermap build` for each tile set of a project.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "geo/geometry.hpp"
#include "geo/geos_context.hpp"
#include "geo/tile_math.hpp"
#include "outputs/tile_encoding.hpp"
#include "styles/map_spec.hpp"

namespace covermap::outputs {

struct TileJobOptions {
  std::string output;  // OUT.mbtiles, OUT.pmtiles or a folder
  geo::ZoomRange zoom;
  int threads = 0;  // 0: one per core
  int tile_size = 256;
  TileFormat format = TileFormat::png;
  std::optional<geo::Box> bounds;  // lon/lat; default: the boundaries' extent
  bool allow_unmatched = false;
  // Past z18 or more than 10 million tiles is hours of work and gigabytes: made only when confirmed (--yes),
  // else a UsageError naming `zoom_text` (the --zoom given) and the tile count.
  bool confirmed = false;
  std::string zoom_text;
  // Called on the calling thread as tiles are finished: how many so far, of how many.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct TileJobResult {
  std::uint64_t written = 0;  // tiles stored (tiles outside every unit are left out)
  std::uint64_t total = 0;    // tiles in the range
  double seconds = 0;         // rendering and writing, after the join
  int threads = 1;
};

// Refuses an unclean join (styles::require_clean_join) and an unconfirmed pyramid past the limits above
// before any tile is drawn or any file made.
TileJobResult make_tiles(const styles::MapSpec& spec, const TileJobOptions& options,
                         const geo::GeosContext& geos);

}  // namespace covermap::outputs
