#pragma once
// PMTiles v3 (github.com/protomaps/PMTiles, spec/v3/spec.md) as pure functions over byte buffers: the
// 127-byte header, varint directories, and the split into a root directory and leaf directories, encoded
// (pmtiles_format.cpp, pmtiles_directories.cpp) and decoded (pmtiles_decode.cpp). Compression is passed in,
// so this file knows nothing about zlib.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace covermap::outputs::pmtiles {

enum class Compression : std::uint8_t { unknown = 0, none = 1, gzip = 2, brotli = 3, zstd = 4 };
enum class TileType : std::uint8_t { unknown = 0, mvt = 1, png = 2, jpeg = 3, webp = 4, avif = 5 };

inline constexpr std::size_t kHeaderBytes = 127;
// The header and the root directory together fit in the first 16 KiB an HTTP client fetches.
inline constexpr std::size_t kMaxRootDirectoryBytes = 16384 - kHeaderBytes;

struct Header {
  std::uint64_t root_offset = 0, root_length = 0;
  std::uint64_t metadata_offset = 0, metadata_length = 0;
  std::uint64_t leaves_offset = 0, leaves_length = 0;
  std::uint64_t tile_data_offset = 0, tile_data_length = 0;
  std::uint64_t addressed_tiles = 0, tile_entries = 0, tile_contents = 0;
  bool clustered = false;
  Compression internal_compression = Compression::gzip;
  Compression tile_compression = Compression::none;
  TileType tile_type = TileType::unknown;
  std::uint8_t min_zoom = 0, max_zoom = 0;
  std::int32_t min_lon_e7 = 0, min_lat_e7 = 0, max_lon_e7 = 0, max_lat_e7 = 0;
  std::uint8_t center_zoom = 0;
  std::int32_t center_lon_e7 = 0, center_lat_e7 = 0;
};

// A run of `run_length` consecutive tile ids sharing one content; run_length 0 points to a leaf directory.
// Offsets are relative to the tile data section (tiles) or the leaf directory section (leaves).
struct Entry {
  std::uint64_t tile_id = 0;
  std::uint64_t offset = 0;
  std::uint32_t length = 0;
  std::uint32_t run_length = 0;
};

// Appends a tile of `length` bytes at `offset` with id `tile_id` (ids ascending): it lengthens the last run
// when it is the next id of the same content and the run's counter has room, else starts an entry.
void add_tile(std::vector<Entry>& entries, std::uint64_t tile_id, std::uint64_t offset, std::uint32_t length);

std::string serialize_header(const Header& header);

// Entries sorted by tile id; uncompressed.
std::string serialize_directory(const std::vector<Entry>& entries);

// A directory's entries in tile-id order, handed to `visit` one by one until it returns false.
using EntryVisit = std::function<bool(const Entry&)>;
using WalkDirectory = std::function<void(const EntryVisit& visit)>;

// serialize_directory of `count` entries that `walk` gives (once per column of the directory, so the same
// ones each time), handed to `out` in pieces, so that the entries need not be in memory. Stops and returns
// false as soon as `out` returns false.
bool serialize_directory(std::uint64_t count, const WalkDirectory& walk,
                         const std::function<bool(std::string_view)>& out);

using Compress = std::function<std::string(std::string_view)>;

// Compression fed piece by piece, the same bytes as one Compress call over the pieces joined: `add` takes the
// next piece and returns the compressed bytes out so far (never more than in the end); `finish` returns them
// all, once.
struct CompressStream {
  std::function<std::uint64_t(std::string_view)> add;
  std::function<std::string()> finish;
};
using StartCompress = std::function<CompressStream()>;

struct Directories {
  std::string root;    // compressed
  std::string leaves;  // compressed leaf directories, back to back
};

// Everything in the root when it fits in kMaxRootDirectoryBytes compressed; otherwise leaves of 4,096 entries
// or more (doubling until the root fits), each compressed on its own.
Directories build_directories(const std::vector<Entry>& entries, const Compress& compress);

// Entries [begin, end) of a list sorted by tile id, handed to `visit` one by one until it returns false.
using WalkEntries = std::function<void(std::uint64_t begin, std::uint64_t end, const EntryVisit& visit)>;

// Where leaf directories go as they are made: `clear` starts over (a try with larger leaves), `append` adds
// the next after the last.
struct LeafOutput {
  std::function<void()> clear;
  std::function<void(std::string_view)> append;
};

struct DirectoryLayout {
  std::string root;  // compressed
  std::uint64_t leaves_length = 0;
};

// build_directories over `count` entries read through `walk`, as often as it needs, rather than held in
// memory, for archives of any size: the same root, and the same leaves handed to `leaves`. Memory holds the
// directory being compressed and one root entry per leaf.
DirectoryLayout build_directories(std::uint64_t count, const WalkEntries& walk, const StartCompress& start,
                                  const LeafOutput& leaves);

// Degrees to the header's fixed-point e7 integers, and back.
std::int32_t to_e7(double degrees);
double from_e7(std::int32_t e7);

// ---- Decoding ----
// Archives come from anywhere, so every count, varint, id, offset and length is checked before it is used;
// a problem is an InputError naming `source` (the archive's file, when known) and what is wrong.

// Directories and metadata are refused past this size, stored or decompressed.
inline constexpr std::size_t kMaxInternalBytes = std::size_t{64} << 20;
// Leaf directories below the root at most (as the reference readers): a directory cycle stops here.
inline constexpr int kMaxLeafDepth = 3;

// A part of the archive the header places, named for messages.
struct Section {
  const char* name;
  std::uint64_t offset, length;
};
// Root directory, metadata, leaf directories, tile data.
std::array<Section, 4> sections(const Header& header);

// Whether `offset + length` stays within `limit`, computed without wrapping around.
inline bool ends_within(std::uint64_t offset, std::uint64_t length, std::uint64_t limit) {
  return offset <= limit && length <= limit - offset;
}

// The first kHeaderBytes of an archive: magic "PMTiles", version 3, compression enums the spec knows.
Header parse_header(std::string_view bytes, const std::string& source = {});

// An uncompressed directory: ids strictly increasing and below geo::kPmtilesTileIdEnd, runs not overlapping
// the next entry, lengths nonzero and within 32 bits, each varint within 64 bits, no trailing bytes.
std::vector<Entry> parse_directory(std::string_view bytes, const std::string& source = {});

// Inflates gzip into at most `max_bytes`; nullopt when the data is corrupt or larger.
using Decompress = std::function<std::optional<std::string>(std::string_view, std::size_t max_bytes)>;

// A directory as stored in the archive `header` describes: decompressed with the internal compression,
// parsed, and each entry's bytes inside the leaf directory section (run length 0) or the tile data section.
std::vector<Entry> read_directory(std::string_view stored, const Header& header, const Decompress& gunzip,
                                  const std::string& source = {});

// The metadata JSON text, decompressed with the internal compression.
std::string read_metadata(std::string_view stored, const Header& header, const Decompress& gunzip,
                          const std::string& source = {});

}  // namespace covermap::outputs::pmtiles
