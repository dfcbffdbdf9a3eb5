#pragma once
// Makes a list of tiles on a pool of worker threads, raster or vector alike. Each worker has its own state
// (a raster worker its Workspace); the tiles are made and encoded on the workers, `emit` runs on the calling
// thread in the order of `tiles`, so what is written never depends on timing.
#include <functional>
#include <string>
#include <vector>

#include "render/tile_renderer.hpp"

namespace covermap::render {

// One worker's tile maker: a tile's encoded bytes, empty for a tile to leave out.
using TileMaker = std::function<std::string(const geo::TileId&)>;

// Each of `threads` workers calls `make_worker` once, on its own thread, and makes its share of `tiles` with
// what that returns. An exception from a worker or from emit stops the workers and is rethrown here.
void make_tiles_in_order(const std::vector<geo::TileId>& tiles, int threads,
                         const std::function<TileMaker()>& make_worker,
                         const std::function<void(const geo::TileId&, std::string&&)>& emit);

// One raster worker: its own Workspace, each tile rendered and handed to `encode` with its id.
TileMaker raster_tile_maker(const TileRenderer& renderer,
                            std::function<std::string(const geo::TileId&, const TileRaster&)> encode);

// Raster tiles: make_tiles_in_order with a raster_tile_maker per worker. All tiles must be of the zoom the
// renderer is prepared for. An exception from render, encode or emit stops the workers and is rethrown here.
void render_tiles(const TileRenderer& renderer, const std::vector<geo::TileId>& tiles, int threads,
                  const std::function<std::string(const TileRaster&)>& encode,
                  const std::function<void(const geo::TileId&, std::string&&)>& emit);

}  // namespace covermap::render
