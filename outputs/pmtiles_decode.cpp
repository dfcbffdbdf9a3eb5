// PMTiles v3 decoding: the inverse of pmtiles_format.cpp, written for hostile input. Nothing is allocated or
// indexed before the bytes that justify it are known to be there.
#include <climits>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "outputs/pmtiles_format.hpp"

namespace covermap::outputs::pmtiles {
namespace {

constexpr std::string_view kMagic = "PMTiles";
constexpr std::uint8_t kVersion = 3;
constexpr std::uint8_t kLastCompression = static_cast<std::uint8_t>(Compression::zstd);
// Four varints of at least one byte each.
constexpr std::size_t kMinEntryBytes = 4;
constexpr int kMaxVarintBytes = 10;

std::uint64_t get_u64(std::string_view bytes, std::size_t at) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::int32_t get_i32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return static_cast<std::int32_t>(value);
}

// Reads the varints of one directory, failing with the directory's source named.
class VarintReader {
 public:
  VarintReader(std::string_view bytes, const std::string& source) : bytes_(bytes), source_(source) {}

  std::uint64_t next(const char* what) {
    std::uint64_t value = 0;
    for (int i = 0; i < kMaxVarintBytes; ++i) {
      if (at_ >= bytes_.size()) fail(std::string(what) + " runs past the end of the directory");
      const auto byte = static_cast<unsigned char>(bytes_[at_++]);
      // The tenth byte holds bit 63 only.
      if (i == kMaxVarintBytes - 1 && byte > 1) fail(std::string(what) + " overflows 64 bits");
      value |= std::uint64_t{byte & 0x7fu} << (7 * i);
      if ((byte & 0x80) == 0) return value;
    }
    fail(std::string(what) + " overflows 64 bits");
  }

  std::size_t remaining() const { return bytes_.size() - at_; }

  [[noreturn]] void fail(const std::string& what) const {
    throw InputError(source_, "PMTiles directory: " + what + " (at byte " + std::to_string(at_) + ")",
                     "the archive is damaged");
  }

 private:
  std::string_view bytes_;
  const std::string& source_;
  std::size_t at_ = 0;
};

[[noreturn]] void fail(const std::string& source, const std::string& what) {
  throw InputError(source, what, "the archive is damaged or not PMTiles v3");
}

Compression compression_at(std::string_view bytes, std::size_t at, const char* what,
                           const std::string& source) {
  const auto value = static_cast<std::uint8_t>(bytes[at]);
  if (value > kLastCompression)
    fail(source, std::string("PMTiles header: unknown ") + what + " compression " + std::to_string(value));
  return static_cast<Compression>(value);
}

std::string decompress(std::string_view stored, const Header& header, const Decompress& gunzip,
                       const std::string& what, const std::string& source) {
  if (stored.size() > kMaxInternalBytes)
    fail(source, what + " is larger than " + std::to_string(kMaxInternalBytes) + " bytes");
  switch (header.internal_compression) {
    case Compression::none:
      return std::string(stored);
    case Compression::gzip:
      if (auto bytes = gunzip(stored, kMaxInternalBytes)) return std::move(*bytes);
      fail(source,
           what + ": gzip data is corrupt or inflates past " + std::to_string(kMaxInternalBytes) + " bytes");
    default:
      throw InputError(source,
                       "PMTiles internal compression " +
                           std::to_string(static_cast<int>(header.internal_compression)) +
                           " is not supported",
                       "covermap reads uncompressed and gzip directories");
  }
}

}  // namespace

std::array<Section, 4> sections(const Header& header) {
  return {{{"root directory", header.root_offset, header.root_length},
           {"metadata", header.metadata_offset, header.metadata_length},
           {"leaf directory section", header.leaves_offset, header.leaves_length},
           {"tile data section", header.tile_data_offset, header.tile_data_length}}};
}

double from_e7(std::int32_t e7) {
  return e7 / 1e7;
}

Header parse_header(std::string_view bytes, const std::string& source) {
  if (bytes.size() < kHeaderBytes)
    fail(source, "PMTiles header truncated: " + std::to_string(bytes.size()) + " of " +
                     std::to_string(kHeaderBytes) + " bytes");
  if (bytes.substr(0, kMagic.size()) != kMagic) fail(source, "not a PMTiles archive (no \"PMTiles\" magic)");
  if (const auto version = static_cast<std::uint8_t>(bytes[7]); version != kVersion)
    throw InputError(source, "PMTiles version " + std::to_string(version) + " is not supported",
                     "covermap reads PMTiles v3; `pmtiles convert` upgrades older archives");
  Header header;
  std::uint64_t* const fields[] = {
      &header.root_offset,     &header.root_length,   &header.metadata_offset,  &header.metadata_length,
      &header.leaves_offset,   &header.leaves_length, &header.tile_data_offset, &header.tile_data_length,
      &header.addressed_tiles, &header.tile_entries,  &header.tile_contents};
  for (std::size_t i = 0; i < std::size(fields); ++i) *fields[i] = get_u64(bytes, 8 + 8 * i);
  const auto byte = [&](std::size_t at) { return static_cast<std::uint8_t>(bytes[at]); };
  if (byte(96) > 1)
    fail(source, "PMTiles header: clustered flag " + std::to_string(byte(96)) + " is not 0 or 1");
  header.clustered = byte(96) == 1;
  header.internal_compression = compression_at(bytes, 97, "internal", source);
  header.tile_compression = compression_at(bytes, 98, "tile", source);
  header.tile_type = static_cast<TileType>(byte(99));  // kept as stored: a newer type is only a hint
  header.min_zoom = byte(100);
  header.max_zoom = byte(101);
  header.min_lon_e7 = get_i32(bytes, 102);
  header.min_lat_e7 = get_i32(bytes, 106);
  header.max_lon_e7 = get_i32(bytes, 110);
  header.max_lat_e7 = get_i32(bytes, 114);
  header.center_zoom = byte(118);
  header.center_lon_e7 = get_i32(bytes, 119);
  header.center_lat_e7 = get_i32(bytes, 123);

  const auto parts = sections(header);
  for (const Section& section : parts)
    if (!ends_within(section.offset, section.length, UINT64_MAX))
      fail(source, std::string("PMTiles header: the ") + section.name + " ends past 2^64");
  for (const Section& section : {parts[0], parts[1]})
    if (section.length > kMaxInternalBytes)
      fail(source, std::string("PMTiles header: the ") + section.name + " is larger than " +
                       std::to_string(kMaxInternalBytes) + " bytes");
  return header;
}

std::vector<Entry> parse_directory(std::string_view bytes, const std::string& source) {
  VarintReader in(bytes, source);
  const std::uint64_t count = in.next("entry count");
  if (count > in.remaining() / kMinEntryBytes)
    in.fail("entry count " + std::to_string(count) + " does not fit in the " + std::to_string(bytes.size()) +
            " bytes of the directory");
  std::vector<Entry> entries(static_cast<std::size_t>(count));
  std::uint64_t id = 0;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::uint64_t delta = in.next("tile id");
    if (i > 0 && delta == 0) in.fail("tile ids not increasing at entry " + std::to_string(i));
    if (delta >= geo::kPmtilesTileIdEnd - id)
      in.fail("tile id beyond zoom " + std::to_string(geo::kMaxTileZoom) + " at entry " + std::to_string(i));
    entries[i].tile_id = id += delta;
  }
  for (Entry& entry : entries) {
    const std::uint64_t run_length = in.next("run length");
    if (run_length > UINT32_MAX) in.fail("run length " + std::to_string(run_length) + " exceeds 32 bits");
    if (run_length > geo::kPmtilesTileIdEnd - entry.tile_id)
      in.fail("a run passes zoom " + std::to_string(geo::kMaxTileZoom));
    entry.run_length = static_cast<std::uint32_t>(run_length);
  }
  for (std::size_t i = 0; i + 1 < entries.size(); ++i)
    if (entries[i].tile_id + entries[i].run_length > entries[i + 1].tile_id)
      in.fail("the run of entry " + std::to_string(i) + " overlaps the next entry");
  for (Entry& entry : entries) {
    const std::uint64_t length = in.next("length");
    if (length == 0 || length > UINT32_MAX)
      in.fail("length " + std::to_string(length) + " is not 1 to 2^32-1");
    entry.length = static_cast<std::uint32_t>(length);
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    // 0 means "right after the previous entry's bytes"; otherwise offset + 1.
    const std::uint64_t value = in.next("offset");
    if (value > 0) {
      entries[i].offset = value - 1;
      continue;
    }
    if (i == 0) in.fail("the first offset refers to a previous entry");
    if (!ends_within(entries[i - 1].offset, entries[i - 1].length, UINT64_MAX))
      in.fail("offset overflows 64 bits");
    entries[i].offset = entries[i - 1].offset + entries[i - 1].length;
  }
  if (in.remaining() != 0) in.fail("bytes after the last entry: " + std::to_string(in.remaining()));
  return entries;
}

std::vector<Entry> read_directory(std::string_view stored, const Header& header, const Decompress& gunzip,
                                  const std::string& source) {
  std::vector<Entry> entries =
      parse_directory(decompress(stored, header, gunzip, "PMTiles directory", source), source);
  for (const Entry& entry : entries) {
    const bool leaf = entry.run_length == 0;
    const std::uint64_t section = leaf ? header.leaves_length : header.tile_data_length;
    if (!ends_within(entry.offset, entry.length, section))
      fail(source, std::string("PMTiles directory: ") + (leaf ? "leaf directory" : "tile") + " at offset " +
                       std::to_string(entry.offset) + " (" + std::to_string(entry.length) +
                       " bytes) lies outside the " + (leaf ? "leaf directory" : "tile data") +
                       " section of " + std::to_string(section) + " bytes");
    if (leaf && entry.length > kMaxInternalBytes)
      fail(source, "PMTiles directory: a leaf directory of " + std::to_string(entry.length) + " bytes");
  }
  return entries;
}

std::string read_metadata(std::string_view stored, const Header& header, const Decompress& gunzip,
                          const std::string& source) {
  return decompress(stored, header, gunzip, "PMTiles metadata", source);
}

}  // namespace covermap::outputs::pmtiles
