#include "outputs/tile_blob_store.hpp"

#include <xxhash.h>

#include <optional>
#include <tuple>

#include "geo/error.hpp"
#include "outputs/external_sort.hpp"

namespace covermap::outputs {
namespace {

// The index passes through three sorts. By content: tiles of one content come together, in tile order, so
// each learns the first tile its content appeared on. By first use: each content's tiles come together, the
// contents in the order of first use, so each gets its number and offset. By tile: the order the archive
// stores them in.
struct ByContent {
  std::uint64_t hash_high, hash_low, key, blob;
  std::uint32_t length, unused;
};
struct ByFirstUse {
  std::uint64_t first_key, key, blob;
  std::uint32_t length, unused;
};
struct ByTile {
  std::uint64_t key, content, content_offset, blob;
  std::uint32_t length, first_use;
};

struct ByContentLess {
  bool operator()(const ByContent& a, const ByContent& b) const {
    return std::tie(a.hash_high, a.hash_low, a.length, a.key, a.blob) <
           std::tie(b.hash_high, b.hash_low, b.length, b.key, b.blob);
  }
};
struct ByFirstUseLess {
  bool operator()(const ByFirstUse& a, const ByFirstUse& b) const {
    return std::tie(a.first_key, a.key, a.blob) < std::tie(b.first_key, b.key, b.blob);
  }
};
struct ByTileLess {
  bool operator()(const ByTile& a, const ByTile& b) const {
    return std::tie(a.key, a.content) < std::tie(b.key, b.content);
  }
};

// z, x, row in one number ordered as the triple: x and y take 24 bits each at zoom 24 at most.
static_assert(geo::kMaxTileZoom <= 24);
constexpr int kCoordinateBits = 24;

// Aliases (other buffered copies of a content already seen) remembered per group of equal hashes, at most.
constexpr std::size_t kMaxAliases = 64;

// Tiles in the order of the sort by content: for each, the first tile (in tile order) its content appeared
// on. Tiles of one hash and length come together, in tile order; their bytes are compared unless they are
// buffered at one place, so a hash collision never joins two contents.
class FirstUses {
 public:
  explicit FirstUses(const TileBlobStore& store) : store_(store) {}

  std::uint64_t first_key_of(const ByContent& tile) {
    if (!group_ || group_->hash_high != tile.hash_high || group_->hash_low != tile.hash_low ||
        group_->length != tile.length) {
      seen_.clear();
      aliases_ = 0;
      group_ = tile;
    }
    for (const Seen& content : seen_)
      if (content.blob == tile.blob) return content.first_key;
    // The first copy of a group is read only when another copy comes to be compared with it: most groups
    // hold one copy, and reading each would read every distinct content once more.
    if (seen_.empty()) {
      seen_.push_back({tile.blob, tile.key, std::nullopt, false});
      return tile.key;
    }
    store_.read(tile.blob, tile.length, bytes_);
    for (Seen& content : seen_) {
      if (content.alias) continue;
      if (!content.bytes) store_.read(content.blob, tile.length, content.bytes.emplace());
      if (*content.bytes != bytes_) continue;
      const std::uint64_t first_key = content.first_key;
      if (aliases_ < kMaxAliases) {  // (after which `content` may have moved)
        seen_.push_back({tile.blob, first_key, std::nullopt, true});
        ++aliases_;
      }
      return first_key;
    }
    seen_.push_back({tile.blob, tile.key, std::move(bytes_), false});
    return tile.key;
  }

 private:
  // A content of the group seen so far, or another buffered copy of one (an alias).
  struct Seen {
    std::uint64_t blob, first_key;
    std::optional<std::string> bytes;  // read when first compared; none for an alias
    bool alias;
  };

  const TileBlobStore& store_;
  std::optional<ByContent> group_;
  std::vector<Seen> seen_;
  std::size_t aliases_ = 0;
  std::string bytes_;
};

}  // namespace

struct TileBlobStore::Index {
  Index(const std::string& scratch_path, const std::string& output_path, std::size_t sort_bytes)
      : by_content(scratch_path + "-by-content", output_path, sort_bytes) {}
  ExternalSort<ByContent, ByContentLess> by_content;
};

TileBlobStore::TileBlobStore(const std::string& scratch_path, const std::string& output_path, TileOrder order,
                             const TileSinkMemory& memory)
    : scratch_path_(scratch_path),
      output_path_(output_path),
      order_(order),
      memory_(memory),
      blobs_(scratch_path, output_path),
      recent_(std::max<std::size_t>(1, memory.recent_contents)),
      index_(std::make_unique<Index>(scratch_path, output_path, memory.sort_bytes)) {}

TileBlobStore::~TileBlobStore() = default;

std::uint64_t TileBlobStore::key(const geo::TileId& tile) const {
  if (order_ == TileOrder::pmtiles_id) return geo::pmtiles_tile_id(tile);
  return (std::uint64_t(tile.z) << (2 * kCoordinateBits)) | (std::uint64_t{tile.x} << kCoordinateBits) |
         geo::tms_row(tile);
}

geo::TileId TileBlobStore::tile_of(std::uint64_t key) const {
  if (order_ == TileOrder::pmtiles_id) return geo::tile_from_pmtiles_id(key);
  constexpr std::uint64_t mask = (std::uint64_t{1} << kCoordinateBits) - 1;
  const geo::TileId tms{static_cast<int>(key >> (2 * kCoordinateBits)),
                        static_cast<std::uint32_t>((key >> kCoordinateBits) & mask),
                        static_cast<std::uint32_t>(key & mask)};
  return {tms.z, tms.x, geo::tms_row(tms)};  // the flip is its own inverse
}

void TileBlobStore::put(const geo::TileId& tile, std::string_view bytes) {
  if (bytes.size() > 0xffffffffu) throw InternalError(output_path_, "a tile larger than 4 GiB");
  if (!index_) throw InternalError(output_path_, "a tile put after the tiles were read back");
  const XXH128_hash_t digest = XXH3_128bits(bytes.data(), bytes.size());
  const Hash hash{digest.high64, digest.low64};
  index_->by_content.add(
      {hash.high, hash.low, key(tile), buffer(bytes, hash), static_cast<std::uint32_t>(bytes.size()), 0});
}

// Where the bytes are buffered: a content put lately is not buffered again (compared byte for byte, so a
// hash collision costs a copy, never a wrong tile). The table forgets a content when another takes its slot,
// which only costs another copy of it: what contents are stored once is settled at the end, by the index.
std::uint64_t TileBlobStore::buffer(std::string_view bytes, const Hash& hash) {
  Recent& slot = recent_[hash.low % recent_.size()];
  if (slot.used && slot.hash.high == hash.high && slot.hash.low == hash.low && slot.length == bytes.size()) {
    read(slot.blob, slot.length, compare_);
    if (compare_ == bytes) return slot.blob;
  }
  slot = {hash, blobs_.append(bytes), static_cast<std::uint32_t>(bytes.size()), true};
  return slot.blob;
}

void TileBlobStore::read(std::uint64_t blob, std::uint32_t length, std::string& bytes) const {
  bytes.resize(length);
  blobs_.read(blob, bytes.data(), bytes.size());
}

StoredTotals TileBlobStore::for_each_tile(const std::function<void(const StoredTile&)>& visit) {
  if (!index_) throw InternalError(output_path_, "its tiles were read back twice");
  recent_ = {};
  const std::size_t sort_bytes = memory_.sort_bytes;

  // By content: each tile learns the first tile its content appeared on.
  StoredTotals totals;
  ExternalSort<ByFirstUse, ByFirstUseLess> by_first_use(scratch_path_ + "-by-first-use", output_path_,
                                                        sort_bytes);
  {
    FirstUses first_uses(*this);
    index_->by_content.drain([&](const ByContent& tile) {
      by_first_use.add({first_uses.first_key_of(tile), tile.key, tile.blob, tile.length, 0});
    });
  }
  totals.spilled_runs += index_->by_content.spilled_runs();
  index_.reset();

  // By first use: each content's tiles together, the contents in the order of first use, numbered and laid
  // out back to back in that order.
  ExternalSort<ByTile, ByTileLess> by_tile(scratch_path_ + "-by-tile", output_path_, sort_bytes);
  std::optional<std::uint64_t> first_key;
  by_first_use.drain([&](const ByFirstUse& tile) {
    const bool first_use = !first_key || *first_key != tile.first_key;
    if (first_use) {
      first_key = tile.first_key;
      ++totals.contents;
      totals.contents_bytes += tile.length;
    }
    by_tile.add({tile.key, totals.contents - 1, totals.contents_bytes - tile.length, tile.blob, tile.length,
                 first_use ? 1u : 0u});
  });

  totals.spilled_runs += by_first_use.spilled_runs();

  // By tile: the archive's order, where a tile put twice comes twice in a row.
  std::optional<std::uint64_t> last_key;
  by_tile.drain([&](const ByTile& tile) {
    const geo::TileId id = tile_of(tile.key);
    if (last_key == tile.key)
      throw InternalError(output_path_, "tile " + std::to_string(id.z) + "/" + std::to_string(id.x) + "/" +
                                            std::to_string(id.y) + " was written twice");
    last_key = tile.key;
    ++totals.tiles;
    visit({id, tile.content, tile.content_offset, tile.length, tile.first_use != 0, tile.blob});
  });
  totals.spilled_runs += by_tile.spilled_runs();
  return totals;
}

}  // namespace covermap::outputs
