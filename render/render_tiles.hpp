#pragma once
// Makes a list of tiles on a pool of worker threads, raster or vector alike. Each worker has its own state
// (a raster worker its Workspace); the tiles are made and encoded on the workers, `emit` runs on the calling
// thread in the order of `tiles`, so what is written never depends on timing.
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "render/tile_renderer.hpp"

namespace covermap::render {

// One worker's tile maker: a tile's encoded bytes, empty for a tile to leave out.
using TileMaker = std::function<std::string(const geo::TileId&)>;

// Tiles made on a pool of worker threads, added batch by batch (a zoom at a time), emitted on the calling
// thread in the order added. The workers go on to the next batch while the calling thread emits the last
// tiles of the one before, so no core waits at the end of a zoom. Each of `threads` workers calls
// `make_worker` once, on its own thread, and makes its tiles with what that returns; with one thread the
// calling thread makes them, in emit_until.
class TilePipeline {
 public:
  TilePipeline(int threads, std::function<TileMaker()> make_worker,
               std::function<void(const geo::TileId&, std::string&&)> emit);
  ~TilePipeline();  // stops and joins the workers
  TilePipeline(const TilePipeline&) = delete;
  TilePipeline& operator=(const TilePipeline&) = delete;

  // Queues `tiles` behind those added before.
  void add(std::span<const geo::TileId> tiles);
  // Emits the tiles added, in order, until `count` of them have been emitted in all. An exception from a
  // worker or from emit is rethrown here; the pipeline is then finished with.
  void emit_until(std::size_t count);
  std::size_t added() const;
  // How many tiles past the last one emitted the workers may make: 128 a thread.
  std::size_t window() const;
  // Emits every tile added.
  void finish() { emit_until(added()); }

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// A TilePipeline with one batch, `tiles`, emitted in full.
void make_tiles_in_order(const std::vector<geo::TileId>& tiles, int threads,
                         const std::function<TileMaker()>& make_worker,
                         const std::function<void(const geo::TileId&, std::string&&)>& emit);

// One raster worker: its own Workspace, each tile rendered and handed to `encode` with its id.
TileMaker raster_tile_maker(const TileRenderer& renderer,
                            std::function<std::string(const geo::TileId&, const TileRaster&)> encode);

// Raster tiles: make_tiles_in_order with a raster_tile_maker per worker. All tiles must be of zooms the
// renderer has prepared. An exception from render, encode or emit stops the workers and is rethrown here.
void render_tiles(const TileRenderer& renderer, const std::vector<geo::TileId>& tiles, int threads,
                  const std::function<std::string(const TileRaster&)>& encode,
                  const std::function<void(const geo::TileId&, std::string&&)>& emit);

}  // namespace covermap::render
