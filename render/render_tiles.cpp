#include "render/render_tiles.hpp"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "geo/error.hpp"

namespace covermap::render {
namespace {

// Finished tiles waiting for the calling thread; a worker may run at most kWindow tiles ahead of the one
// emitted next, so memory stays bounded whatever the order threads finish in. Wide enough that the workers
// keep drawing while the calling thread reads the next zoom from the cache (zoom 10 of the counties: 32 MB):
// with 16 tiles a thread they ran dry (z0-10 on two threads 3.14 -> 3.04 s; 24 MB more at z0-8, where the
// lookahead prepares more of the small zooms at once).
constexpr std::size_t kWindowPerThread = 128;

struct Slot {
  std::optional<std::string> bytes;
  std::exception_ptr error;
};

}  // namespace

void render_tiles(const TileRenderer& renderer, const std::vector<geo::TileId>& tiles, int threads,
                  const std::function<std::string(const TileRaster&)>& encode,
                  const std::function<void(const geo::TileId&, std::string&&)>& emit) {
  const auto make_worker = [&] {
    return raster_tile_maker(
        renderer, [&encode](const geo::TileId&, const TileRaster& raster) { return encode(raster); });
  };
  make_tiles_in_order(tiles, threads, make_worker, emit);
}

TileMaker raster_tile_maker(const TileRenderer& renderer,
                            std::function<std::string(const geo::TileId&, const TileRaster&)> encode) {
  auto ws = std::make_shared<Workspace>(renderer.style().tile_size);
  return [&renderer, encode = std::move(encode), ws](const geo::TileId& tile) {
    TileRaster raster = renderer.render(tile, *ws);
    std::string bytes = encode(tile, raster);
    ws->recycle(std::move(raster.pixels));
    return bytes;
  };
}

struct TilePipeline::State {
  int threads;
  std::function<TileMaker()> make_worker;
  std::function<void(const geo::TileId&, std::string&&)> emit;
  std::size_t window;
  std::vector<Slot> slots;
  std::mutex mutex;
  std::condition_variable ready;   // a slot was filled
  std::condition_variable room;    // tiles were added, the emitted position moved on, or the run stops
  std::vector<geo::TileId> tiles;  // every tile added; read and grown under `mutex`
  std::size_t next = 0;            // next tile a worker takes
  std::size_t emitted = 0;         // tiles the calling thread has emitted
  bool stop = false;
  std::optional<TileMaker> own_maker;  // one thread: the calling thread's
  std::vector<std::jthread> workers;

  void work() {
    TileMaker make;
    try {
      make = make_worker();
    } catch (...) {  // reported through the tiles this worker takes, like any other failure
      make = [error = std::current_exception()](const geo::TileId&) -> std::string {
        std::rethrow_exception(error);
      };
    }
    for (;;) {
      std::size_t index;
      geo::TileId tile;
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || (next < tiles.size() && next < emitted + window); });
        if (stop) return;
        index = next++;
        tile = tiles[index];
      }
      Slot result;
      try {
        result.bytes = make(tile);
      } catch (...) {
        result.error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex);
        slots[index % window] = std::move(result);
      }
      ready.notify_all();
    }
  }

  void stop_workers() {
    {
      std::lock_guard lock(mutex);
      stop = true;
    }
    room.notify_all();
    workers.clear();
  }
};

TilePipeline::TilePipeline(int threads, std::function<TileMaker()> make_worker,
                           std::function<void(const geo::TileId&, std::string&&)> emit)
    : state_(std::make_unique<State>()) {
  State& state = *state_;
  state.threads = std::max(threads, 1);
  state.make_worker = std::move(make_worker);
  state.emit = std::move(emit);
  state.window = kWindowPerThread * static_cast<std::size_t>(state.threads);
  if (state.threads == 1) return;
  state.slots.resize(state.window);
  for (int i = 0; i < state.threads; ++i) state.workers.emplace_back([&state] { state.work(); });
}

TilePipeline::~TilePipeline() {
  state_->stop_workers();
}

void TilePipeline::add(std::span<const geo::TileId> tiles) {
  {
    std::lock_guard lock(state_->mutex);
    state_->tiles.insert(state_->tiles.end(), tiles.begin(), tiles.end());
  }
  state_->room.notify_all();
}

std::size_t TilePipeline::window() const {
  return state_->window;
}

std::size_t TilePipeline::added() const {
  std::lock_guard lock(state_->mutex);
  return state_->tiles.size();
}

void TilePipeline::emit_until(std::size_t count) {
  State& state = *state_;
  if (count > added()) throw InternalError("tiles", "emit_until past the tiles added");
  if (state.threads == 1) {
    if (!state.own_maker) state.own_maker = state.make_worker();
    for (; state.emitted < count; ++state.emitted) {
      const geo::TileId tile = state.tiles[state.emitted];
      state.emit(tile, (*state.own_maker)(tile));
    }
    return;
  }
  try {
    for (std::size_t index = state.emitted; index < count; ++index) {
      Slot slot;
      geo::TileId tile;
      {
        std::unique_lock lock(state.mutex);
        Slot& waiting = state.slots[index % state.window];
        state.ready.wait(lock, [&] { return waiting.bytes.has_value() || waiting.error; });
        slot = std::move(waiting);
        waiting = Slot{};
        tile = state.tiles[index];
      }
      if (slot.error) std::rethrow_exception(slot.error);
      state.emit(tile, std::move(*slot.bytes));
      {
        std::lock_guard lock(state.mutex);
        state.emitted = index + 1;
      }
      state.room.notify_all();
    }
  } catch (...) {
    state.stop_workers();
    throw;
  }
}

void make_tiles_in_order(const std::vector<geo::TileId>& tiles, int threads,
                         const std::function<TileMaker()>& make_worker,
                         const std::function<void(const geo::TileId&, std::string&&)>& emit) {
  TilePipeline pipeline(threads, make_worker, emit);
  pipeline.add(tiles);
  pipeline.finish();
}

}  // namespace covermap::render
