#pragma once
// A PMTiles v3 reader for the tests, written from the specification (protomaps/PMTiles spec/v3/spec.md) and
// sharing no code with outputs/pmtiles_*: its own header parsing, varints, Hilbert tile ids and
// decompression. Every length and offset is checked against the file; problems throw std::runtime_error.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace covermap::test {

struct PmtilesHeader {
  std::uint64_t root_offset = 0, root_length = 0, metadata_offset = 0, metadata_length = 0;
  std::uint64_t leaves_offset = 0, leaves_length = 0, data_offset = 0, data_length = 0;
  std::uint64_t addressed_tiles = 0, tile_entries = 0, tile_contents = 0;
  int clustered = 0, internal_compression = 0, tile_compression = 0, tile_type = 0;
  int min_zoom = 0, max_zoom = 0, center_zoom = 0;
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0, center_lon = 0, center_lat = 0;
};

class PmtilesReader {
 public:
  explicit PmtilesReader(const std::string& path);
  const PmtilesHeader& header() const { return header_; }
  std::string metadata() const;  // decompressed JSON text
  // One tile's bytes by z/x/y (y from the north), found by walking root and leaf directories.
  std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y) const;
  // Every addressed tile by (z, x, y), runs expanded; also counts the directory entries and leaves seen.
  std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::string> all_tiles() const;
  int leaf_directories_seen() const { return leaves_seen_; }
  std::uint64_t tile_entries_seen() const { return entries_seen_; }

  static std::uint64_t zxy_to_id(int z, std::uint32_t x, std::uint32_t y);
  static std::tuple<int, std::uint32_t, std::uint32_t> id_to_zxy(std::uint64_t id);

 private:
  struct Entry {
    std::uint64_t tile_id, offset, length, run_length;
  };
  std::string bytes_;
  PmtilesHeader header_;
  mutable int leaves_seen_ = 0;
  mutable std::uint64_t entries_seen_ = 0;

  std::string slice(std::uint64_t offset, std::uint64_t length) const;
  std::string decompress(const std::string& data, int compression) const;
  std::vector<Entry> directory(std::uint64_t offset, std::uint64_t length) const;
  void collect(const std::vector<Entry>& entries,
               std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::string>& tiles, int depth) const;
};

}  // namespace covermap::test
