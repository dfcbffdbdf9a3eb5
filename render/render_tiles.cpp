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
constexpr std::size_t kNoTile = static_cast<std::size_t>(-1);
// The calling thread waits until this many tiles are finished in order, then emits every one finished.
constexpr std::size_t kEmitBatch = 32;

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
  // Wake-ups only where they are awaited: the calling thread waits for one tile, and workers for room only
  // when they are a window ahead. Waking the calling thread for every tile finished made 11,000 context
  // switches at z0-10 on two threads (1,000 now).
  std::size_t awaited = kNoTile;  // the tile the calling thread waits for
  int waiting_for_room = 0;       // workers waiting for tiles or room
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
        ++waiting_for_room;
        room.wait(lock, [&] { return stop || (next < tiles.size() && next < emitted + window); });
        --waiting_for_room;
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
      bool awaited_now = false;
      {
        std::lock_guard lock(mutex);
        slots[index % window] = std::move(result);
        awaited_now = index == awaited;
      }
      if (awaited_now) ready.notify_one();
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
    // Each wait takes every tile finished in order from there on, emitted without the lock.
    std::vector<std::pair<geo::TileId, Slot>> batch;
    while (state.emitted < count) {
      batch.clear();
      {
        std::unique_lock lock(state.mutex);
        const auto finished = [&](std::size_t index) {
          const Slot& slot = state.slots[index % state.window];
          return slot.bytes.has_value() || slot.error != nullptr;
        };
        // Sleeps on the last unfinished tile of the next kEmitBatch until there is none: the tiles finish
        // about in order, so the earlier ones are mostly done when it is.
        const std::size_t end = std::min(state.emitted + kEmitBatch, count);
        for (std::size_t index = end; index > state.emitted;) {
          if (finished(index - 1)) {
            --index;
            continue;
          }
          state.awaited = index - 1;
          state.ready.wait(lock, [&] { return finished(state.awaited); });
          index = end;
        }
        state.awaited = kNoTile;
        for (std::size_t index = state.emitted; index < count && finished(index); ++index) {
          Slot& slot = state.slots[index % state.window];
          batch.emplace_back(state.tiles[index], std::move(slot));
          slot = Slot{};
        }
      }
      for (auto& [tile, slot] : batch) {
        if (slot.error) std::rethrow_exception(slot.error);
        state.emit(tile, std::move(*slot.bytes));
      }
      bool wake = false;
      {
        std::lock_guard lock(state.mutex);
        state.emitted += batch.size();
        wake = state.waiting_for_room > 0;
      }
      if (wake) state.room.notify_all();
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
