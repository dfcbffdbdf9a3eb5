#include "render/render_tiles.hpp"

#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

namespace covermap::render {
namespace {

// Finished tiles waiting for the calling thread; a worker may run at most kWindow tiles ahead of the one
// emitted next, so memory stays bounded whatever the order threads finish in.
constexpr std::size_t kWindowPerThread = 16;

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
    return encode(tile, renderer.render(tile, *ws));
  };
}

void make_tiles_in_order(const std::vector<geo::TileId>& tiles, int threads,
                         const std::function<TileMaker()>& make_worker,
                         const std::function<void(const geo::TileId&, std::string&&)>& emit) {
  if (threads <= 1) {
    const TileMaker make = make_worker();
    for (const geo::TileId& tile : tiles) emit(tile, make(tile));
    return;
  }
  const std::size_t window = kWindowPerThread * static_cast<std::size_t>(threads);
  std::vector<Slot> slots(window);
  std::mutex mutex;
  std::condition_variable ready;  // a slot was filled
  std::condition_variable room;   // the emitted position moved on, or the run stops
  std::size_t next = 0;           // next tile a worker takes
  std::size_t emitted = 0;        // tiles the calling thread has emitted
  bool stop = false;

  const auto work = [&] {
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
      {
        std::unique_lock lock(mutex);
        room.wait(lock, [&] { return stop || next >= tiles.size() || next < emitted + window; });
        if (stop || next >= tiles.size()) return;
        index = next++;
      }
      Slot result;
      try {
        result.bytes = make(tiles[index]);
      } catch (...) {
        result.error = std::current_exception();
      }
      {
        std::lock_guard lock(mutex);
        slots[index % window] = std::move(result);
      }
      ready.notify_all();
    }
  };

  std::vector<std::jthread> workers;
  {
    // Stops and joins the workers however this function is left.
    struct Stopper {
      std::mutex& mutex;
      bool& stop;
      std::condition_variable& room;
      std::vector<std::jthread>& workers;
      ~Stopper() {
        {
          std::lock_guard lock(mutex);
          stop = true;
        }
        room.notify_all();
        workers.clear();
      }
    } stopper{mutex, stop, room, workers};
    for (int i = 0; i < threads; ++i) workers.emplace_back(work);
    for (std::size_t index = 0; index < tiles.size(); ++index) {
      Slot slot;
      {
        std::unique_lock lock(mutex);
        Slot& waiting = slots[index % window];
        ready.wait(lock, [&] { return waiting.bytes.has_value() || waiting.error; });
        slot = std::move(waiting);
        waiting = Slot{};
      }
      if (slot.error) std::rethrow_exception(slot.error);
      emit(tiles[index], std::move(*slot.bytes));
      {
        std::lock_guard lock(mutex);
        emitted = index + 1;
      }
      room.notify_all();
    }
  }
}

}  // namespace covermap::render
