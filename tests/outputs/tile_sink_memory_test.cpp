// The archive sinks with their index of tiles forced onto disk (a tiny TileSinkMemory, so every sort spills
// hundreds of runs and merges them in many passes): the same bytes as with the whole index in memory,
// whatever order the tiles come in, and a tile that comes twice is still refused.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "geo/error.hpp"
#include "outputs/pmtiles_reader.hpp"
#include "outputs/tile_blob_store.hpp"
#include "outputs/tile_sink.hpp"
#include "tests/outputs/tile_pyramids.hpp"
#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

namespace fs = std::filesystem;
using test::china_info;
using test::pyramid;
using test::read_file;
using test::TempDir;
using test::TileKey;

const TileSinkMemory kInMemory{std::size_t{1} << 30, 1u << 16};
// 40 index records a run, and one content remembered as tiles come: repeats are buffered again and again,
// so contents must be told apart by their bytes at the end.
const TileSinkMemory kTiny{1600, 1};

std::string written(const std::string& path, const std::map<TileKey, std::string>& tiles,
                    const TileSetInfo& info, unsigned shuffle_seed, const TileSinkMemory& memory) {
  auto sink = open_tile_sink(path, info.format, memory);
  test::put_all(*sink, tiles, shuffle_seed);
  sink->commit(info);
  return read_file(path);
}

TEST(TileSinkMemory, ArchivesIndexedOnDiskAreTheBytesOfArchivesIndexedInMemory) {
  TempDir dir;
  const TileSetInfo info = china_info(0, 10);
  const auto tiles = pyramid(info, 9);
  ASSERT_GT(tiles.size(), 20000u);
  for (const char* name : {"china.pmtiles", "china.mbtiles"}) {
    const std::string path = dir.file(name);
    const std::string in_memory = written(path, tiles, info, 0, kInMemory);
    if (tile_sink_kind(path) == TileSinkKind::pmtiles) {
      ASSERT_GT(PmtilesReader(path).header().leaves_length, 0u) << "leaf directories are written too";
    }
    for (const unsigned seed : {1u, 2u})
      EXPECT_TRUE(written(path, tiles, info, seed, kTiny) == in_memory) << name << ", order " << seed;
    // Nothing but the archive and its TileJSON is left: the scratch files were unlinked when opened.
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 2) << name;
    fs::remove(path);
    fs::remove(path + ".json");
  }
}

// Every tile through a store directly: the order, the contents' numbers and offsets, and the bytes.
TEST(TileSinkMemory, TheStoreNumbersContentsInTheOrderOfFirstUseAndGivesBackTheirBytes) {
  TempDir dir;
  const auto tiles = pyramid(china_info(0, 9), 6);
  std::vector<std::pair<TileKey, std::string>> order(tiles.begin(), tiles.end());
  std::shuffle(order.begin(), order.end(), std::mt19937(4));
  TileBlobStore store(dir.file("scratch"), dir.file("out.pmtiles"), TileOrder::pmtiles_id, kTiny);
  for (const auto& [key, bytes] : order)
    store.put({std::get<0>(key), std::get<1>(key), std::get<2>(key)}, bytes);

  std::map<std::uint64_t, std::string> by_id;  // what the store must give, in PMTiles tile id order
  for (const auto& [key, bytes] : tiles)
    by_id[geo::pmtiles_tile_id({std::get<0>(key), std::get<1>(key), std::get<2>(key)})] = bytes;
  std::map<std::string, std::uint64_t> number_of;
  std::uint64_t offset = 0;
  auto expected = by_id.begin();
  std::string bytes;
  const StoredTotals totals = store.for_each_tile([&](const StoredTile& tile) {
    ASSERT_NE(expected, by_id.end());
    EXPECT_EQ(geo::pmtiles_tile_id(tile.tile), expected->first);
    const std::string& content = expected->second;
    const auto [known, first_use] = number_of.emplace(content, number_of.size());
    EXPECT_EQ(tile.first_use, first_use);
    EXPECT_EQ(tile.content, known->second);
    if (first_use) {
      EXPECT_EQ(tile.content_offset, offset);
      offset += content.size();
    }
    store.read(tile.blob, tile.length, bytes);
    EXPECT_EQ(bytes, content);
    ++expected;
  });
  EXPECT_EQ(expected, by_id.end());
  EXPECT_EQ(totals.tiles, tiles.size());
  EXPECT_EQ(totals.contents, 6u);
  EXPECT_EQ(totals.contents_bytes, offset);
  EXPECT_GT(totals.spilled_runs, 300u) << "the index went through the disk";
}

TEST(TileSinkMemory, ATileWrittenTwiceIsRefusedAndNothingIsLeft) {
  for (const char* name : {"twice.pmtiles", "twice.mbtiles"}) {
    for (const bool same_bytes : {true, false}) {
      TempDir dir;
      const TileSetInfo info = china_info(0, 8);
      const auto tiles = pyramid(info, 3);
      auto sink = open_tile_sink(dir.file(name), info.format, kTiny);
      test::put_all(*sink, tiles, 9);
      sink->put({8, 203, 100}, same_bytes ? tiles.at({8, 203, 100}) : "other bytes");
      try {
        sink->commit(info);
        ADD_FAILURE() << name << ": a repeated tile was accepted";
      } catch (const InternalError& error) {
        EXPECT_NE(std::string(error.what()).find("tile 8/203/100 was written twice"), std::string::npos)
            << error.what();
      }
      sink.reset();
      EXPECT_TRUE(fs::is_empty(dir.path())) << name;
    }
  }
}

}  // namespace
}  // namespace covermap::outputs
