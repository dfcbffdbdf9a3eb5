#include "outputs/pmtiles_format.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "outputs/gzip.hpp"
#include "tests/test_support.hpp"

namespace covermap::outputs::pmtiles {
namespace {

Header sample_header() {
  Header header;
  header.root_offset = 127;
  header.root_length = 40;
  header.metadata_offset = 167;
  header.metadata_length = 20;
  header.leaves_offset = 187;
  header.leaves_length = 0;
  header.tile_data_offset = 187;
  header.tile_data_length = 1000;
  header.addressed_tiles = 12;
  header.tile_entries = 5;
  header.tile_contents = 4;
  header.clustered = true;
  header.tile_type = TileType::webp;
  header.min_zoom = 2;
  header.max_zoom = 9;
  header.min_lon_e7 = to_e7(73.5);
  header.min_lat_e7 = to_e7(-18.25);
  header.max_lon_e7 = to_e7(134.8);
  header.max_lat_e7 = to_e7(53.6);
  header.center_zoom = 4;
  header.center_lon_e7 = to_e7(-104.1);
  header.center_lat_e7 = to_e7(35.9);
  return header;
}

std::vector<Entry> sample_entries() {
  return {{0, 0, 10, 1}, {5, 10, 20, 3}, {9, 0, 10, 2}, {200, 30, 7, 0}, {1000000, 37, 5, 1}};
}

// A directory from its varints, written out by hand.
std::string varints(std::initializer_list<std::uint64_t> values) {
  std::string out;
  for (std::uint64_t value : values) {
    while (value >= 0x80) {
      out.push_back(static_cast<char>((value & 0x7f) | 0x80));
      value >>= 7;
    }
    out.push_back(static_cast<char>(value));
  }
  return out;
}

TEST(PmtilesFormat, HeaderRoundTrips) {
  const Header header = sample_header();
  const std::string bytes = serialize_header(header);
  ASSERT_EQ(bytes.size(), kHeaderBytes);
  const Header back = parse_header(bytes);
  EXPECT_EQ(serialize_header(back), bytes);
  EXPECT_EQ(back.tile_data_length, 1000u);
  EXPECT_EQ(back.tile_type, TileType::webp);
  EXPECT_TRUE(back.clustered);
  EXPECT_DOUBLE_EQ(from_e7(back.min_lat_e7), -18.25);
  EXPECT_DOUBLE_EQ(from_e7(back.center_lon_e7), -104.1);
}

TEST(PmtilesFormat, DirectoryRoundTripsWithTheOffsetShorthandAndLeafPointers) {
  const std::vector<Entry> entries = sample_entries();
  const std::string bytes = serialize_directory(entries);
  const std::vector<Entry> back = parse_directory(bytes);
  ASSERT_EQ(back.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(back[i].tile_id, entries[i].tile_id) << i;
    EXPECT_EQ(back[i].offset, entries[i].offset) << i;
    EXPECT_EQ(back[i].length, entries[i].length) << i;
    EXPECT_EQ(back[i].run_length, entries[i].run_length) << i;
  }
  // Offsets 10 and 37 follow their predecessors and were written as 0; the others as offset + 1.
  EXPECT_EQ(bytes.substr(bytes.size() - 5), varints({1, 0, 1, 31, 0}));
  EXPECT_TRUE(parse_directory(serialize_directory({})).empty());
}

TEST(PmtilesFormat, ReadDirectoryUndoesGzipAndChecksEntriesAgainstTheirSections) {
  Header header = sample_header();
  header.internal_compression = Compression::gzip;
  header.leaves_length = 37;
  const std::string stored = gzip(serialize_directory(sample_entries()));
  EXPECT_EQ(read_directory(stored, header, gunzip).size(), 5u);

  header.tile_data_length = 41;  // the last tile ends at 42
  EXPECT_NE(test::input_error_of([&] {
              read_directory(stored, header, gunzip, "a.pmtiles");
            }).find("a.pmtiles: PMTiles directory: tile at offset 37 (5 bytes) lies outside the tile data"),
            std::string::npos);
  header.tile_data_length = 1000;
  header.leaves_length = 36;  // the leaf at 30 ends at 37
  EXPECT_NE(test::input_error_of([&] {
              read_directory(stored, header, gunzip);
            }).find("leaf directory at offset 30"),
            std::string::npos);

  header.leaves_length = 37;
  EXPECT_NE(test::input_error_of([&] {
              read_directory(stored.substr(0, stored.size() - 3), header, gunzip);
            }).find("gzip data is corrupt"),
            std::string::npos);
  header.internal_compression = Compression::zstd;
  EXPECT_NE(test::input_error_of([&] {
              read_directory(stored, header, gunzip);
            }).find("compression 4 is not supported"),
            std::string::npos);
}

TEST(PmtilesFormat, GunzipStopsAtItsLimit) {
  const std::string zeros(1 << 20, '\0');
  const std::string packed = gzip(zeros);
  EXPECT_LT(packed.size(), 2000u);
  EXPECT_EQ(gunzip(packed, zeros.size()), zeros);
  EXPECT_EQ(gunzip(packed, zeros.size() - 1), std::nullopt);
  EXPECT_EQ(gunzip(packed + "x", zeros.size()), std::nullopt) << "bytes after the stream";
  EXPECT_EQ(gunzip("not gzip", 100), std::nullopt);
}

// ---- Must throw ----

TEST(PmtilesFormat, TruncatedHeaderThrows) {
  const std::string bytes = serialize_header(sample_header());
  EXPECT_NE(test::input_error_of([&] {
              parse_header(bytes.substr(0, 126), "short.pmtiles");
            }).find("short.pmtiles: PMTiles header truncated: 126 of 127 bytes"),
            std::string::npos);
  EXPECT_THROW(parse_header(""), InputError);
}

TEST(PmtilesFormat, WrongMagicOrVersionThrows) {
  std::string bytes = serialize_header(sample_header());
  bytes[7] = 2;
  EXPECT_NE(test::input_error_of([&] { parse_header(bytes); }).find("PMTiles version 2 is not supported"),
            std::string::npos);
  bytes[7] = 3;
  bytes[0] = 'p';
  EXPECT_NE(test::input_error_of([&] { parse_header(bytes); }).find("not a PMTiles archive"),
            std::string::npos);
}

TEST(PmtilesFormat, HeaderFieldsOutOfRangeThrow) {
  std::string bytes = serialize_header(sample_header());
  bytes[97] = 9;  // internal compression
  EXPECT_NE(test::input_error_of([&] { parse_header(bytes); }).find("unknown internal compression 9"),
            std::string::npos);
  bytes = serialize_header(sample_header());
  bytes[96] = 2;  // clustered
  EXPECT_THROW(parse_header(bytes), InputError);
  Header header = sample_header();
  header.tile_data_offset = ~std::uint64_t{0} - 5;
  EXPECT_NE(test::input_error_of([&] {
              parse_header(serialize_header(header));
            }).find("tile data section ends past 2^64"),
            std::string::npos);
  header = sample_header();
  header.root_length = kMaxInternalBytes + 1;
  EXPECT_NE(test::input_error_of([&] {
              parse_header(serialize_header(header));
            }).find("root directory is larger than"),
            std::string::npos);
}

TEST(PmtilesFormat, EntryCountBeyondTheBytesThrowsBeforeAllocating) {
  // 2^60 entries would be exabytes; the count is refused because 13 bytes cannot hold them.
  const std::string bytes = varints({std::uint64_t{1} << 60, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
  EXPECT_NE(test::input_error_of([&] {
              parse_directory(bytes, "big.pmtiles");
            }).find("big.pmtiles: PMTiles directory: entry count 1152921504606846976 does not fit"),
            std::string::npos);
  // Two entries need at least eight bytes.
  EXPECT_THROW(parse_directory(varints({2, 1, 1, 1, 1, 1, 1, 1})), InputError);
}

TEST(PmtilesFormat, VarintOverflowThrows) {
  EXPECT_NE(test::input_error_of([&] {
              parse_directory(std::string(11, '\xff'));
            }).find("entry count overflows 64 bits"),
            std::string::npos);
  // Ten bytes whose last carries more than bit 63.
  std::string ten(9, '\x80');
  ten.push_back('\x02');
  EXPECT_NE(test::input_error_of([&] { parse_directory(ten); }).find("overflows 64 bits"), std::string::npos);
  EXPECT_NE(test::input_error_of([&] { parse_directory(std::string(3, '\x80')); }).find("runs past the end"),
            std::string::npos);
}

TEST(PmtilesFormat, DamagedEntriesThrow) {
  const auto message = [](std::initializer_list<std::uint64_t> values) {
    return test::input_error_of([&] { parse_directory(varints(values)); });
  };
  // count; tile id deltas; run lengths; lengths; offsets (+1, or 0 for "after the previous")
  EXPECT_EQ(message({1, 7, 1, 10, 1}), "");
  EXPECT_NE(message({2, 7, 0, 1, 1, 10, 10, 1, 0}).find("tile ids not increasing at entry 1"),
            std::string::npos);
  EXPECT_NE(message({2, 7, 2, 3, 1, 10, 10, 1, 0}).find("the run of entry 0 overlaps the next entry"),
            std::string::npos);
  EXPECT_NE(message({1, geo::kPmtilesTileIdEnd, 1, 10, 1}).find("tile id beyond zoom 24"), std::string::npos);
  EXPECT_NE(message({2, 1, ~std::uint64_t{0}, 1, 1, 10, 10, 1, 0}).find("tile id beyond zoom 24"),
            std::string::npos)
      << "the sum of deltas wraps past the last id";
  EXPECT_NE(message({1, geo::kPmtilesTileIdEnd - 2, 3, 10, 1}).find("a run passes zoom 24"),
            std::string::npos);
  EXPECT_NE(message({1, 7, std::uint64_t{1} << 32, 10, 1}).find("exceeds 32 bits"), std::string::npos);
  EXPECT_NE(message({1, 7, 1, 0, 1}).find("length 0 is not 1 to 2^32-1"), std::string::npos);
  EXPECT_NE(message({1, 7, 1, std::uint64_t{1} << 32, 1}).find("length 4294967296"), std::string::npos);
  EXPECT_NE(message({1, 7, 1, 10, 0}).find("the first offset refers to a previous entry"), std::string::npos);
  EXPECT_NE(message({2, 7, 1, 1, 1, 0xffffffff, 10, ~std::uint64_t{0}, 0}).find("offset overflows 64 bits"),
            std::string::npos);
  EXPECT_NE(message({1, 7, 1, 10, 1, 5}).find("bytes after the last entry: 1"), std::string::npos);
}

constexpr std::uint32_t kMaxRun = std::numeric_limits<std::uint32_t>::max();

TEST(PmtilesEntries, ConsecutiveIdsOfOneContentAreOneRun) {
  std::vector<Entry> entries;
  add_tile(entries, 10, 0, 50);
  add_tile(entries, 11, 0, 50);
  add_tile(entries, 12, 50, 70);  // another content
  add_tile(entries, 14, 50, 70);  // a gap
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].run_length, 2u);
  EXPECT_EQ(entries[1].tile_id, 12u);
  EXPECT_EQ(entries[2].tile_id, 14u);
}

// A uint32 run counter that wrapped to 0 would turn the entry into a pointer to a leaf directory.
TEST(PmtilesEntries, ARunStopsBeforeItsCounterWouldOverflow) {
  std::vector<Entry> entries{{100, 0, 50, kMaxRun - 1}};
  add_tile(entries, 100 + std::uint64_t{kMaxRun} - 1, 0, 50);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].run_length, kMaxRun);
  add_tile(entries, 100 + std::uint64_t{kMaxRun}, 0, 50);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].run_length, kMaxRun);
  EXPECT_EQ(entries[1].tile_id, 100 + std::uint64_t{kMaxRun});
  EXPECT_EQ(entries[1].run_length, 1u);
}

}  // namespace
}  // namespace covermap::outputs::pmtiles
