// The split of a PMTiles directory into a root and leaf directories (pmtiles_format.hpp), over entries in
// memory or read from disk as often as needed: one algorithm, so both give the same bytes.
#include <algorithm>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "outputs/pmtiles_format.hpp"

namespace covermap::outputs::pmtiles {
namespace {

constexpr std::uint64_t kLeafEntries = 4096;  // at least, per leaf directory
constexpr std::uint64_t kNoLimit = std::numeric_limits<std::uint64_t>::max();

// Entries [begin, end) serialized and compressed, or nullopt as soon as that is sure to pass `limit` bytes.
std::optional<std::string> compressed_directory(const WalkEntries& walk, std::uint64_t begin,
                                                std::uint64_t end, const StartCompress& start,
                                                std::uint64_t limit) {
  CompressStream stream = start();
  const bool within = serialize_directory(
      end - begin, [&](const EntryVisit& visit) { walk(begin, end, visit); },
      [&](std::string_view piece) { return stream.add(piece) <= limit; });
  if (!within) return std::nullopt;
  std::string compressed = stream.finish();
  if (compressed.size() > limit) return std::nullopt;
  return compressed;
}

}  // namespace

DirectoryLayout build_directories(std::uint64_t count, const WalkEntries& walk, const StartCompress& start,
                                  const LeafOutput& leaves) {
  DirectoryLayout layout;
  leaves.clear();
  if (auto root = compressed_directory(walk, 0, count, start, kMaxRootDirectoryBytes)) {
    layout.root = std::move(*root);
    return layout;
  }
  for (std::uint64_t leaf_size = kLeafEntries;; leaf_size *= 2) {
    leaves.clear();
    layout.leaves_length = 0;
    std::vector<Entry> root;
    for (std::uint64_t begin = 0; begin < count; begin += leaf_size) {
      const std::uint64_t end = std::min(count, begin + leaf_size);
      std::uint64_t first_id = 0;
      walk(begin, begin + 1, [&](const Entry& entry) {
        first_id = entry.tile_id;
        return false;
      });
      const std::string leaf = *compressed_directory(walk, begin, end, start, kNoLimit);
      root.push_back({first_id, layout.leaves_length, static_cast<std::uint32_t>(leaf.size()), 0});
      leaves.append(leaf);
      layout.leaves_length += leaf.size();
    }
    const WalkEntries walk_root = [&](std::uint64_t begin, std::uint64_t end, const EntryVisit& visit) {
      for (std::uint64_t i = begin; i < end; ++i)
        if (!visit(root[i])) return;
    };
    if (auto compressed = compressed_directory(walk_root, 0, root.size(), start, kMaxRootDirectoryBytes)) {
      layout.root = std::move(*compressed);
      return layout;
    }
  }
}

Directories build_directories(const std::vector<Entry>& entries, const Compress& compress) {
  // Compression of the whole directory at the end, as `compress` takes it in one piece.
  const StartCompress start = [&compress] {
    auto input = std::make_shared<std::string>();
    return CompressStream{[input](std::string_view piece) {
                            *input += piece;
                            return std::uint64_t{0};
                          },
                          [input, &compress] { return compress(*input); }};
  };
  const WalkEntries walk = [&](std::uint64_t begin, std::uint64_t end, const EntryVisit& visit) {
    for (std::uint64_t i = begin; i < end; ++i)
      if (!visit(entries[i])) return;
  };
  Directories result;
  const LeafOutput leaves{[&] { result.leaves.clear(); },
                          [&](std::string_view leaf) { result.leaves += leaf; }};
  result.root = build_directories(entries.size(), walk, start, leaves).root;
  return result;
}

}  // namespace covermap::outputs::pmtiles
