#include "outputs/pmtiles_reader.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "outputs/gzip.hpp"
#include "outputs/pmtiles_verify.hpp"
#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

namespace fs = std::filesystem;
using pmtiles::Entry;

std::string reference_archive(const std::string& name) {
  const fs::path path = fs::path(COVERMAP_TEST_DATA_DIR) / "pmtiles-spec" / name;
  return fs::exists(path) ? path.string() : "";
}

// NOLINTBEGIN(bugprone-macro-parentheses): path_var is the name declared, which cannot be parenthesized.
#define COVERMAP_REQUIRE_REFERENCE_ARCHIVE(path_var, name)     \
  const std::string path_var = reference_archive(name);        \
  if (path_var.empty())                                        \
  GTEST_SKIP() << "pmtiles-spec reference archives not found " \
                  "in " COVERMAP_TEST_DATA_DIR
// NOLINTEND(bugprone-macro-parentheses)

// An archive made by hand, in the order the spec gives, its directories uncompressed so that tests can damage
// them precisely. The section offsets and lengths are filled in by bytes().
struct Archive {
  std::string root, leaves, data, metadata = "{}";
  std::size_t gap_before_root = 0;
  pmtiles::Header header;

  Archive() {
    header.internal_compression = pmtiles::Compression::none;
    header.clustered = true;
    header.min_lon_e7 = pmtiles::to_e7(-180);
    header.max_lon_e7 = pmtiles::to_e7(180);
    header.min_lat_e7 = pmtiles::to_e7(-85);
    header.max_lat_e7 = pmtiles::to_e7(85);
  }
  std::string bytes() {
    header.root_offset = pmtiles::kHeaderBytes + gap_before_root;
    header.root_length = root.size();
    header.metadata_offset = header.root_offset + root.size();
    header.metadata_length = metadata.size();
    header.leaves_offset = header.metadata_offset + metadata.size();
    header.leaves_length = leaves.size();
    header.tile_data_offset = header.leaves_offset + leaves.size();
    header.tile_data_length = data.size();
    return pmtiles::serialize_header(header) + std::string(gap_before_root, ' ') + root + metadata + leaves +
           data;
  }
};

// Tiles z0-1 as three entries, the last a run of two sharing one content: "aaa", "bb", "c".
Archive small_archive() {
  Archive archive;
  archive.root = pmtiles::serialize_directory({{0, 0, 3, 1}, {1, 3, 2, 2}, {3, 5, 1, 1}});
  archive.data = "aaabbc";
  archive.header.addressed_tiles = 4;
  archive.header.tile_entries = 3;
  archive.header.tile_contents = 3;
  archive.header.max_zoom = 1;
  return archive;
}

PmtilesReader from_buffer(const std::string& bytes) {
  return PmtilesReader(
      [bytes](std::uint64_t offset, std::uint64_t length) { return bytes.substr(offset, length); },
      bytes.size(), "test.pmtiles");
}

std::vector<Entry> all_entries(const PmtilesReader& reader) {
  std::vector<Entry> entries;
  reader.for_each_entry([&](const Entry& entry) { entries.push_back(entry); });
  return entries;
}

// ---- Archives written by another implementation ----

TEST(PmtilesReader, DecodesTheSpecsTonerArchive) {
  COVERMAP_REQUIRE_REFERENCE_ARCHIVE(path, "stamen_toner_z3.pmtiles");
  const PmtilesReader reader(path);
  const pmtiles::Header& header = reader.header();
  EXPECT_EQ(header.tile_type, pmtiles::TileType::png);
  EXPECT_EQ(header.internal_compression, pmtiles::Compression::gzip);
  EXPECT_TRUE(header.clustered);
  EXPECT_EQ(header.min_zoom, 0);
  EXPECT_EQ(header.max_zoom, 3);
  EXPECT_EQ(header.addressed_tiles, 85u);
  EXPECT_EQ(header.tile_entries, 84u);
  EXPECT_EQ(header.tile_contents, 80u);
  EXPECT_DOUBLE_EQ(pmtiles::from_e7(header.max_lat_e7), 85.0);

  const std::vector<Entry> entries = all_entries(reader);
  EXPECT_EQ(entries.size(), 84u);
  std::uint64_t addressed = 0;
  for (const Entry& entry : entries) addressed += entry.run_length;
  EXPECT_EQ(addressed, 85u);
  const auto east_asia = reader.tile(3, 6, 3);
  ASSERT_TRUE(east_asia.has_value());
  EXPECT_EQ(east_asia->substr(0, 8), "\x89PNG\r\n\x1a\n");
  EXPECT_EQ(reader.tile(4, 0, 0), std::nullopt);
  EXPECT_TRUE(nlohmann::json::parse(reader.metadata()).is_object());
  EXPECT_EQ(verify_pmtiles(reader), std::vector<std::string>{});
}

TEST(PmtilesReader, DecodesTheSpecsWebpArchive) {
  COVERMAP_REQUIRE_REFERENCE_ARCHIVE(path, "usgs-mt-whitney-8-15-webp-512.pmtiles");
  const PmtilesReader reader(path);
  EXPECT_EQ(reader.header().tile_type, pmtiles::TileType::webp);
  EXPECT_EQ(reader.header().min_zoom, 8);
  EXPECT_EQ(reader.header().max_zoom, 15);
  EXPECT_NEAR(pmtiles::from_e7(reader.header().min_lon_e7), -118.3, 0.1);
  const std::vector<Entry> entries = all_entries(reader);
  EXPECT_EQ(entries.size(), 50u);
  for (const Entry& entry : entries) {
    const std::string bytes = reader.tile_data(entry);
    EXPECT_EQ(bytes.substr(0, 4), "RIFF");
    EXPECT_EQ(bytes.substr(8, 4), "WEBP");
  }
  const geo::TileId first = geo::tile_from_pmtiles_id(entries.front().tile_id);
  EXPECT_EQ(first.z, 8);
  EXPECT_EQ(reader.tile(first.z, first.x, first.y), reader.tile_data(entries.front()));
  EXPECT_EQ(verify_pmtiles(reader), std::vector<std::string>{});
}

// ---- Reading ----

TEST(PmtilesReader, ReadsRunsAndRepeatsFromABuffer) {
  Archive archive = small_archive();
  const PmtilesReader reader = from_buffer(archive.bytes());
  EXPECT_EQ(reader.tile(0, 0, 0), "aaa");
  EXPECT_EQ(reader.tile(1, 0, 0), "bb");  // id 1
  EXPECT_EQ(reader.tile(1, 0, 1), "bb");  // id 2, the run
  EXPECT_EQ(reader.tile(1, 1, 1), "c");   // id 3
  EXPECT_EQ(reader.tile(1, 1, 0), std::nullopt);
  EXPECT_EQ(reader.tile(1, 2, 0), std::nullopt) << "x beyond the zoom";
  EXPECT_EQ(reader.tile(40, 0, 0), std::nullopt);
  EXPECT_EQ(reader.metadata(), "{}");
  EXPECT_EQ(all_entries(reader).size(), 3u);
  EXPECT_EQ(verify_pmtiles(reader), std::vector<std::string>{});
}

TEST(PmtilesReader, WalksLeafByLeafReadingEachOnce) {
  // Enough irregular entries that the root cannot hold them: leaves of 4,096 entries.
  std::mt19937 random(5);
  std::vector<Entry> entries;
  std::string data;
  std::uint64_t id = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string content(1 + random() % 300, static_cast<char>('a' + i % 26));
    entries.push_back({id, data.size(), static_cast<std::uint32_t>(content.size()), 1});
    id += 1 + random() % 1000;
    data += content;
  }
  const pmtiles::Directories directories = pmtiles::build_directories(entries, gzip);
  ASSERT_FALSE(directories.leaves.empty());
  Archive archive;
  archive.header.internal_compression = pmtiles::Compression::gzip;
  archive.root = directories.root;
  archive.leaves = directories.leaves;
  archive.metadata = gzip("{\"name\":\"leaves\"}");
  archive.data = data;
  const std::string bytes = archive.bytes();

  std::vector<std::pair<std::uint64_t, std::uint64_t>> reads;
  const PmtilesReader reader(
      [&](std::uint64_t offset, std::uint64_t length) {
        reads.emplace_back(offset, length);
        return bytes.substr(offset, length);
      },
      bytes.size(), "leaves.pmtiles");
  EXPECT_EQ(reads.size(), 2u) << "the header and the root";
  const std::size_t leaf_count = reader.root_directory().size();
  EXPECT_EQ(leaf_count, 5u);
  reads.clear();
  const std::vector<Entry> walked = all_entries(reader);
  EXPECT_EQ(reads.size(), leaf_count) << "one read per leaf, no tile data";
  ASSERT_EQ(walked.size(), entries.size());
  for (std::size_t i = 0; i < entries.size(); i += 997) {
    EXPECT_EQ(walked[i].tile_id, entries[i].tile_id);
    EXPECT_EQ(walked[i].offset, entries[i].offset);
    EXPECT_EQ(reader.tile_data(walked[i]), data.substr(entries[i].offset, entries[i].length));
    const geo::TileId tile = geo::tile_from_pmtiles_id(entries[i].tile_id);
    EXPECT_EQ(reader.tile(tile.z, tile.x, tile.y), data.substr(entries[i].offset, entries[i].length));
  }
  EXPECT_EQ(reader.metadata(), "{\"name\":\"leaves\"}");
}

// ---- Must throw ----

TEST(PmtilesReader, TruncatedFilesThrowNamingTheFile) {
  Archive archive = small_archive();
  const std::string bytes = archive.bytes();
  EXPECT_NE(test::input_error_of([&] {
              from_buffer(bytes.substr(0, 100));
            }).find("test.pmtiles: PMTiles header truncated"),
            std::string::npos);
  EXPECT_NE(test::input_error_of([&] {
              from_buffer(bytes.substr(0, bytes.size() - 1));
            }).find("the PMTiles tile data section ends at byte " + std::to_string(bytes.size())),
            std::string::npos);
  test::TempDir dir;
  const std::string path = dir.write("cut.pmtiles", bytes.substr(0, 140));
  EXPECT_NE(test::input_error_of([&] { PmtilesReader{path}; }).find(path + ": the PMTiles"),
            std::string::npos);
  EXPECT_NE(test::input_error_of([&] {
              PmtilesReader{dir.file("absent.pmtiles")};
            }).find("absent.pmtiles: cannot open"),
            std::string::npos);
  EXPECT_NE(test::input_error_of([&] { PmtilesReader{dir.path().string()}; }).find("not a file"),
            std::string::npos);
}

TEST(PmtilesReader, AnOffsetOutsideTheTileDataThrows) {
  Archive archive = small_archive();
  archive.root = pmtiles::serialize_directory({{0, 0, 3, 1}, {1, 3, 2, 2}, {3, 5, 2, 1}});  // ends at 7 of 6
  const std::string bytes = archive.bytes();
  EXPECT_NE(test::input_error_of([&] {
              from_buffer(bytes);
            }).find("tile at offset 5 (2 bytes) lies outside the tile data"),
            std::string::npos);
  const PmtilesReader reader = from_buffer(small_archive().bytes());
  EXPECT_NE(test::input_error_of([&] {
              reader.tile_data({0, 5, 2, 1});
            }).find("outside the tile data section"),
            std::string::npos);
}

TEST(PmtilesReader, ALeafPointingToItselfThrowsInsteadOfLooping) {
  Archive archive;
  // The root points at a leaf at offset 0 whose one entry points at offset 0 again.
  archive.leaves = pmtiles::serialize_directory({{0, 0, 0, 0}});
  archive.leaves =
      pmtiles::serialize_directory({{0, 0, static_cast<std::uint32_t>(archive.leaves.size()), 0}});
  archive.root = archive.leaves;
  archive.data = "x";
  const PmtilesReader reader = from_buffer(archive.bytes());
  EXPECT_NE(test::input_error_of([&] { reader.tile(0, 0, 0); }).find("leaf directories nest deeper than 3"),
            std::string::npos);
  EXPECT_NE(test::input_error_of([&] { all_entries(reader); }).find("leaf directories nest deeper than 3"),
            std::string::npos);
  const std::vector<std::string> problems = verify_pmtiles(reader);
  ASSERT_FALSE(problems.empty());
  EXPECT_NE(problems.back().find("nest deeper"), std::string::npos);
}

TEST(PmtilesReader, LeavesOutOfOrderOrOutsideTheirRangeStopTheWalk) {
  Archive archive;
  archive.data = "abcd";
  const std::string first = pmtiles::serialize_directory({{10, 0, 1, 1}, {11, 1, 1, 1}});
  const std::string second = pmtiles::serialize_directory({{5, 2, 1, 1}});
  archive.leaves = first + second;
  const auto size = [](const std::string& leaf) { return static_cast<std::uint32_t>(leaf.size()); };
  // The second leaf claims ids from 20 but holds 5.
  archive.root = pmtiles::serialize_directory({{10, 0, size(first), 0}, {20, first.size(), size(second), 0}});
  EXPECT_NE(test::input_error_of([&] {
              all_entries(from_buffer(archive.bytes()));
            }).find("out of order: tile id 5 where ids from 20 were expected"),
            std::string::npos);
  // The first leaf holds id 11, but the root says the next leaf starts at 11.
  archive.root = pmtiles::serialize_directory({{10, 0, size(first), 0}, {11, first.size(), size(second), 0}});
  EXPECT_NE(test::input_error_of([&] {
              all_entries(from_buffer(archive.bytes()));
            }).find("holds tile id 11, past the range its parent gives it"),
            std::string::npos);
}

// ---- Verify ----

TEST(PmtilesVerify, FindsWrongCountsZoomsAndClustering) {
  Archive archive = small_archive();
  archive.header.addressed_tiles = 5;
  archive.header.tile_contents = 0;  // unknown: not a problem
  archive.header.min_zoom = 1;
  EXPECT_EQ(verify_pmtiles(from_buffer(archive.bytes())),
            (std::vector<std::string>{"the header counts 5 addressed tiles, the directories 4",
                                      "the header's min zoom is 1, the first tile's zoom 0"}));

  archive = small_archive();
  archive.root = pmtiles::serialize_directory({{0, 3, 3, 1}, {1, 0, 3, 2}, {3, 1, 1, 1}});
  archive.data = "bbbaaa";
  const std::vector<std::string> problems = verify_pmtiles(from_buffer(archive.bytes()));
  EXPECT_EQ(problems, (std::vector<std::string>{
                          "clustered, but tile id 0 at byte 3 of the tile data skips past byte 0",
                          "tile id 1 at byte 0 of the tile data points inside an earlier tile's bytes",
                          "tile id 3 at byte 1 of the tile data points inside an earlier tile's bytes",
                          "the header counts 3 tile contents, the directories 1",
                      }));

  archive.header.clustered = false;
  EXPECT_EQ(verify_pmtiles(from_buffer(archive.bytes())), std::vector<std::string>{});
}

TEST(PmtilesVerify, FindsTilesOutsideTheBoundsAndARootPastTheFirst16KiB) {
  Archive archive = small_archive();
  // East of 10 E at z1 is x = 1 only: tiles 1/0/0 and 1/0/1 (the run) lie outside.
  archive.header.min_lon_e7 = pmtiles::to_e7(10);
  archive.header.max_lon_e7 = pmtiles::to_e7(20);
  EXPECT_EQ(verify_pmtiles(from_buffer(archive.bytes())),
            (std::vector<std::string>{"tile 1/0/0 lies outside the header's bounds",
                                      "tile 1/0/1 lies outside the header's bounds"}));
  archive = small_archive();
  archive.gap_before_root = 16300;
  EXPECT_EQ(verify_pmtiles(from_buffer(archive.bytes())),
            std::vector<std::string>{"the root directory ends at byte 16440, past the first 16384 bytes"});
}

TEST(PmtilesVerify, ListsTwentyProblemsCountsTheRestAndEndsWithWhatStoppedIt) {
  Archive archive;
  archive.header.min_lon_e7 = pmtiles::to_e7(10);
  archive.header.max_lon_e7 = pmtiles::to_e7(20);
  archive.header.min_lat_e7 = pmtiles::to_e7(10);
  archive.header.max_lat_e7 = pmtiles::to_e7(20);
  // Thirty single z5 tiles far from the bounds, then a leaf that points to itself.
  std::vector<Entry> root;
  for (std::uint32_t i = 0; i < 30; ++i)
    root.push_back({geo::pmtiles_first_tile_id(5) + std::uint64_t{2} * i, i, 1, 1});
  archive.data = std::string(30, 'x');
  const std::uint64_t leaf_id = geo::pmtiles_first_tile_id(6);
  archive.leaves = pmtiles::serialize_directory({{leaf_id, 0, 0, 0}});
  archive.leaves =
      pmtiles::serialize_directory({{leaf_id, 0, static_cast<std::uint32_t>(archive.leaves.size()), 0}});
  root.push_back({leaf_id, 0, static_cast<std::uint32_t>(archive.leaves.size()), 0});
  archive.root = pmtiles::serialize_directory(root);
  const std::vector<std::string> problems = verify_pmtiles(from_buffer(archive.bytes()));
  ASSERT_EQ(problems.size(), 22u) << testing::PrintToString(problems);
  EXPECT_EQ(problems[0], "tile 5/0/0 lies outside the header's bounds");
  EXPECT_EQ(problems[20], "and 10 more problems");
  EXPECT_NE(problems[21].find("nest deeper"), std::string::npos) << problems[21];
}

}  // namespace
}  // namespace covermap::outputs
