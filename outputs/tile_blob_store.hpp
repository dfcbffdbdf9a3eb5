#pragma once
// Internal to outputs/: the archive sinks buffer tiles here while they arrive in any order, and read them
// back at commit in the order the archive stores them, each distinct content numbered once in the order of
// its first use, so that the same tiles give the same archive bytes whatever the order of the calls.
//
// Memory does not grow with the number of tiles: tile bytes go to an unlinked scratch file beside the output,
// and the index (which tile holds which content) is sorted by external merge sorts (external_sort.hpp) that
// spill to disk past TileSinkMemory::sort_bytes. Contents are told apart without a map of every content: the
// index is sorted by a 128-bit hash of the bytes, and tiles of equal hash compare their bytes, so a hash
// collision never joins two contents.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "geo/tile_math.hpp"
#include "outputs/spill_file.hpp"
#include "outputs/tile_sink.hpp"

namespace covermap::outputs {

enum class TileOrder {
  pmtiles_id,  // PMTiles tile ids: zoom, then along the Hilbert curve
  mbtiles,     // zoom, column, then TMS row: MBTiles' key, so its rows are appended in the order of its key
};

struct StoredTile {
  geo::TileId tile;
  std::uint64_t content = 0;         // its content's number, counted from 0 in the order of first use
  std::uint64_t content_offset = 0;  // where that content starts when contents lie back to back in that order
  std::uint32_t length = 0;
  bool first_use = false;  // the first tile in the order with this content
  std::uint64_t blob = 0;  // where its bytes are buffered, for TileBlobStore::read
};

struct StoredTotals {
  std::uint64_t tiles = 0, contents = 0, contents_bytes = 0;
  std::uint64_t spilled_runs = 0;  // sorted runs the index spilled to disk, over its three sorts
};

class TileBlobStore {
 public:
  // The scratch files are `scratch_path` and names made from it, each removed from the folder as soon as it
  // is open. InputError naming `output_path` when they cannot be created.
  TileBlobStore(const std::string& scratch_path, const std::string& output_path, TileOrder order,
                const TileSinkMemory& memory);
  TileBlobStore(const TileBlobStore&) = delete;
  TileBlobStore& operator=(const TileBlobStore&) = delete;
  ~TileBlobStore();

  void put(const geo::TileId& tile, std::string_view bytes);

  // Calls `visit` with every tile put, once, in the store's order; InternalError naming the output if a tile
  // was put twice. Call once, after the last put.
  StoredTotals for_each_tile(const std::function<void(const StoredTile&)>& visit);

  // The bytes buffered at `blob` (StoredTile::blob), `length` of them.
  void read(std::uint64_t blob, std::uint32_t length, std::string& bytes) const;

  const std::string& scratch_path() const { return scratch_path_; }
  const TileSinkMemory& memory() const { return memory_; }

 private:
  struct Hash {
    std::uint64_t high = 0, low = 0;
  };
  struct Recent {  // a content put lately, so that a repeat is buffered once
    Hash hash;
    std::uint64_t blob = 0;
    std::uint32_t length = 0;
    bool used = false;
  };
  struct Index;  // the sorting stages, kept out of this header

  std::uint64_t buffer(std::string_view bytes, const Hash& hash);
  std::uint64_t key(const geo::TileId& tile) const;
  geo::TileId tile_of(std::uint64_t key) const;

  std::string scratch_path_, output_path_;
  TileOrder order_;
  TileSinkMemory memory_;
  SpillFile blobs_;
  std::vector<Recent> recent_;
  std::unique_ptr<Index> index_;
  mutable std::string compare_;
};

}  // namespace covermap::outputs
