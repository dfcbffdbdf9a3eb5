#pragma once
// A whole tile pyramid from one map: joined, classified, rendered zoom by zoom on worker threads, encoded,
// and committed to a folder, MBTiles or PMTiles with its TileJSON. What `covermap tiles` does, and
// `covermap build` for each tile set of a project, which may instead update an earlier output: only the
// tiles showing a unit whose fill changed are drawn again, the others are copied, and the result is the
// same bytes as a fresh run.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "geo/geos_context.hpp"
#include "geo/tile_math.hpp"
#include "outputs/tile_encoding.hpp"
#include "outputs/tile_shards.hpp"
#include "outputs/tile_sink.hpp"
#include "outputs/vector_tiles.hpp"
#include "render/tile_renderer.hpp"
#include "styles/choropleth.hpp"
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
  // Make only this share of the pyramid, into a part for `covermap merge` (a .pmtiles or .mbtiles output).
  std::optional<ShardSpec> shard;
  // Called on the calling thread as tiles are finished: how many so far, of how many. May throw to stop the
  // job (nothing is written then).
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct TileJobResult {
  std::uint64_t written = 0;   // tiles stored (tiles outside every unit are left out)
  std::uint64_t total = 0;     // tiles in the range
  std::uint64_t rendered = 0;  // tiles drawn; the rest of those written were copied from the earlier output
  std::uint64_t share_tiles = 0;  // tiles of the range this run made (all of them, but for a share)
  double seconds = 0;             // rendering and writing, after the join
  int threads = 1;
};

// A map joined and classified for tiles, nothing drawn yet: each unit's geometry and fill, in the
// boundaries' order.
struct TileMap {
  styles::MapSpec spec;
  styles::ClassifiedUnits classified;
  std::vector<render::TileUnit> units;
  std::optional<VectorTileProperties> vector;  // what each unit's features carry, for --format mvt only
  // Raster tiles from a warm boundary cache: the units' geometry, left in the cache (their lon_lat empty).
  std::shared_ptr<const boundaries::DeferredGeometry> deferred = nullptr;
};

// Refuses an unclean join (styles::require_clean_join, the report beside `options.output`) unless
// options.allow_unmatched, and an unconfirmed pyramid past z18, before any tile is drawn or any file made
// (write_tiles refuses an unconfirmed tile count, which needs the bounds, before it makes any file).
TileMap classify_tile_map(const styles::MapSpec& spec, const TileJobOptions& options,
                          const geo::GeosContext& geos);

// Each unit's fill (none: no data), in the boundaries' order: what an update compares.
std::vector<std::optional<styles::Color>> unit_fills(const TileMap& map);

// An earlier output at options.output, drawn from the same boundaries, style, zooms, bounds, tile size and
// format, whose units had these fills.
struct EarlierTiles {
  std::vector<std::optional<styles::Color>> fills;
};

// Thrown by write_tiles when the earlier output does not hold exactly the tiles its fills imply (it was
// changed or replaced since): nothing has been written, and a fresh run is the remedy.
class EarlierTilesMismatch : public InputError {
 public:
  using InputError::InputError;
};

// Draws the pyramid and commits it. With `earlier`, draws only the tiles whose units' fills differ from
// earlier->fills (render::TileRenderer::units_drawn) and copies the rest from the earlier output (raster
// formats only: a vector tile carries more than fills).
TileJobResult write_tiles(TileMap map, const TileJobOptions& options, const EarlierTiles* earlier = nullptr);

// How the tiles would split `count` ways (options.shard): each share's tiles and estimated cost, and each
// zoom's. Prepares every zoom, draws nothing, writes nothing.
TilePlan plan_tiles(TileMap map, const TileJobOptions& options, int count);

// classify_tile_map, then write_tiles afresh.
TileJobResult make_tiles(const styles::MapSpec& spec, const TileJobOptions& options,
                         const geo::GeosContext& geos);

// The pieces of make_tiles that `covermap serve` uses to draw a map's tiles on demand:
// how raster tiles of the map are drawn (its borders and no-data style, at this tile size);
render::TileStyle raster_tile_style(const styles::MapSpec& spec, int tile_size);
// the units to draw, with their geometry moved out of `joined`, each filled with its class colour (none: no
// data);
std::vector<render::TileUnit> tile_units(styles::JoinedMap& joined,
                                         const styles::ClassifiedUnits& classified);
// what the tile set says of itself (names, zooms, bounds, centre, legend, map file);
// with `vector`, also the vector layers and the MapLibre style;
TileSetInfo tile_set_info(const styles::MapSpec& spec, const styles::ClassifiedUnits& classified,
                          const TileJobOptions& options, const geo::Box& bounds,
                          const VectorTileProperties* vector = nullptr);
// one rendered tile's bytes ("" for an empty tile, which sets leave out).
std::string encode_raster(const render::TileRaster& raster, TileFormat format);

}  // namespace covermap::outputs
