#pragma once
// Renders a list of tiles on a pool of worker threads. Each worker has its own Workspace; `encode` runs on
// the workers, `emit` on the calling thread in the order of `tiles`, so what is written never depends on
// timing.
#include <functional>
#include <string>
#include <vector>

#include "render/tile_renderer.hpp"

namespace covermap::render {

// All tiles must be of the zoom the renderer is prepared for. An exception from render, encode or emit stops
// the workers and is rethrown here.
void render_tiles(const TileRenderer& renderer, const std::vector<geo::TileId>& tiles, int threads,
                  const std::function<std::string(const TileRaster&)>& encode,
                  const std::function<void(const geo::TileId&, std::string&&)>& emit);

}  // namespace covermap::render
