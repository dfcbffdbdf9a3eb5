#pragma once
// PMTiles v3 (github.com/protomaps/PMTiles, spec/v3/spec.md) as pure functions over byte buffers: the
// 127-byte header, varint directories, and the split into a root directory and leaf directories. Compression
// is passed in, so this file knows nothing about zlib.
#include <cstdint>
#include <functional>
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

using Compress = std::function<std::string(std::string_view)>;

struct Directories {
  std::string root;    // compressed
  std::string leaves;  // compressed leaf directories, back to back
};

// Everything in the root when it fits in kMaxRootDirectoryBytes compressed; otherwise leaves of 4,096 entries
// or more (doubling until the root fits), each compressed on its own.
Directories build_directories(const std::vector<Entry>& entries, const Compress& compress);

// Degrees to the header's fixed-point e7 integers.
std::int32_t to_e7(double degrees);

}  // namespace covermap::outputs::pmtiles
