#pragma once
// Internal to outputs/: the archive sinks buffer tiles here while they arrive in any order, each distinct
// content stored once in an unlinked temporary file beside the output, and write them in a fixed order at
// commit, so the same tiles give the same archive bytes whatever the order of the calls.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "outputs/file_descriptor.hpp"

namespace covermap::outputs {

class TileBlobStore {
 public:
  struct Entry {
    geo::TileId tile;
    std::uint32_t blob = 0;  // index of the distinct content
  };

  // The temporary file is `scratch_path`, removed from the folder as soon as it is open. InputError naming
  // `output_path` when it cannot be created.
  TileBlobStore(const std::string& scratch_path, const std::string& output_path);
  TileBlobStore(const TileBlobStore&) = delete;
  TileBlobStore& operator=(const TileBlobStore&) = delete;

  void put(const geo::TileId& tile, std::string_view bytes);

  // In arrival order; the sinks sort them.
  std::vector<Entry>& entries() { return entries_; }
  std::size_t blob_count() const { return blobs_.size(); }
  std::uint32_t blob_length(std::uint32_t blob) const { return blobs_[blob].length; }
  void read(std::uint32_t blob, std::string& bytes) const;

 private:
  struct Blob {
    std::uint64_t offset = 0;
    std::uint32_t length = 0;
  };
  std::string output_path_;
  FileDescriptor fd_;  // after output_path_, so nothing runs between open() and the errno read
  std::uint64_t end_ = 0;
  std::vector<Blob> blobs_;
  std::vector<Entry> entries_;
  std::unordered_multimap<std::size_t, std::uint32_t> by_hash_;
  mutable std::string compare_;
};

// Sorts `entries` by `key` and throws InternalError naming `output_path` if a tile came twice.
template <typename Key>
void sort_tiles(std::vector<TileBlobStore::Entry>& entries, Key key, const std::string& output_path) {
  std::sort(entries.begin(), entries.end(),
            [&](const auto& a, const auto& b) { return key(a.tile) < key(b.tile); });
  const auto repeated = std::adjacent_find(entries.begin(), entries.end(),
                                           [](const auto& a, const auto& b) { return a.tile == b.tile; });
  if (repeated != entries.end())
    throw InternalError(output_path, "tile " + std::to_string(repeated->tile.z) + "/" +
                                         std::to_string(repeated->tile.x) + "/" +
                                         std::to_string(repeated->tile.y) + " was written twice");
}

}  // namespace covermap::outputs
