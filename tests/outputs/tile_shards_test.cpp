#include "outputs/tile_shards.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>
#include <set>

#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

// The total cost each share gets.
std::vector<std::uint64_t> loads(const std::vector<std::uint64_t>& costs, int z, int count) {
  const std::vector<std::uint32_t> shares = assign_shares(costs, z, count);
  std::vector<std::uint64_t> load(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < costs.size(); ++i) {
    EXPECT_LT(shares[i], static_cast<std::uint32_t>(count));
    load[shares[i]] += costs[i];
  }
  return load;
}

// A zoom like a real one: long runs of cheap solid tiles, and drawn tiles of very different costs.
std::vector<std::uint64_t> zoom_costs(std::size_t tiles) {
  std::vector<std::uint64_t> costs(tiles);
  for (std::size_t i = 0; i < tiles; ++i)
    costs[i] = (i / 97) % 3 == 0 ? 40'000 + 340 * ((i * 2654435761u) % 5000) : 3'000;
  return costs;
}

TEST(TileShards, EveryShareGetsTheSameCostWithinOneTile) {
  const std::vector<std::uint64_t> costs = zoom_costs(20'000);
  const std::uint64_t most = *std::max_element(costs.begin(), costs.end());
  const std::uint64_t total = std::accumulate(costs.begin(), costs.end(), std::uint64_t{0});
  for (const int count : {2, 3, 7, 64}) {
    const auto load = loads(costs, 11, count);
    for (const std::uint64_t share : load) {
      EXPECT_LE(share, total / count + 2 * most) << count << " shares";
      EXPECT_GE(share + 2 * most, total / count) << count << " shares";
    }
  }
}

TEST(TileShards, TheSplitDependsOnlyOnTheCostsAndIsContiguousAlongTheCurve) {
  const std::vector<std::uint64_t> costs = zoom_costs(5'000);
  const auto shares = assign_shares(costs, 9, 5);
  EXPECT_EQ(shares, assign_shares(costs, 9, 5));
  // Each share is one run of the curve, or two where the turned cuts wrap around its end.
  int changes = 0;
  for (std::size_t i = 1; i < shares.size(); ++i) changes += shares[i] != shares[i - 1];
  EXPECT_LE(changes, 5);
  EXPECT_EQ(std::set<std::uint32_t>(shares.begin(), shares.end()).size(), 5u);
}

TEST(TileShards, TheFewTilesOfLowZoomsFallToDifferentShares) {
  std::set<std::uint32_t> shares_of_single_tiles;
  for (int z = 0; z < 4; ++z) shares_of_single_tiles.insert(assign_shares({500'000}, z, 4).front());
  EXPECT_GE(shares_of_single_tiles.size(), 3u) << "zooms 0-3 are not all given to one share";
  EXPECT_EQ(assign_shares({1, 2, 3}, 5, 1), (std::vector<std::uint32_t>{0, 0, 0}));
  EXPECT_EQ(assign_shares({0, 0, 0, 0}, 5, 2).size(), 4u) << "tiles of no cost are still placed";
  // Huge costs (a pyramid of billions of tiles) are scaled, not overflowed.
  const auto huge = loads(std::vector<std::uint64_t>(1000, std::uint64_t{1} << 52), 3, 10);
  for (const std::uint64_t share : huge) EXPECT_GT(share, 0u);
}

TEST(TileShards, ShardTextIsKOfNCountedFromZero) {
  int index = -1, count = -1;
  EXPECT_TRUE(parse_shard("0/1", index, count));
  EXPECT_TRUE(parse_shard("6/7", index, count));
  EXPECT_EQ(index, 6);
  EXPECT_EQ(count, 7);
  for (const char* bad : {"7/7", "-1/3", "1", "1/0", "a/b", "1/3/4", "", "/3"})
    EXPECT_FALSE(parse_shard(bad, index, count)) << bad;
}

TEST(TileShards, APartsDescriptionReadsBackAndAnIncompleteOneIsRefusedNamingThePart) {
  PartInfo part;
  part.shard = {2, 5, "abc"};
  part.zoom = "0-6";
  part.tiles = 42;
  part.digest = "0123";
  part.info.name = "Coverage";
  part.info.format = TileFormat::mvt;
  part.info.bounds = {73.5, 18.1, 134.7, 53.5};
  part.info.center = {104.1, 35.8};
  part.info.legend = nlohmann::ordered_json::array({{{"label", "1-5"}, {"color", "#ffffcc"}}});
  VectorStyleSpec style;
  style.labels.field = "name_zh";
  style.legend_title = "Coverage";
  part.info.style = style;
  const PartInfo back = part_from_json(part_json(part), "p.pmtiles");
  EXPECT_EQ(back.shard.index, 2);
  EXPECT_EQ(back.shard.count, 5);
  EXPECT_EQ(back.info.format, TileFormat::mvt);
  EXPECT_EQ(back.info.bounds.max_x, 134.7);
  EXPECT_EQ(back.info.legend, part.info.legend);
  ASSERT_TRUE(back.info.style);
  EXPECT_EQ(back.info.style->labels.field, "name_zh");
  nlohmann::ordered_json broken = part_json(part);
  broken.erase("digest");
  const std::string error = test::input_error_of([&] { part_from_json(broken, "p.pmtiles"); });
  EXPECT_EQ(error.rfind("p.pmtiles: is damaged", 0), 0u) << error;
}

TEST(TileShards, TheDigestIgnoresOrderButNotContent) {
  TileDigest one, other, changed;
  one.add({3, 1, 2}, "a");
  one.add({3, 1, 3}, "b");
  other.add({3, 1, 3}, "b");
  other.add({3, 1, 2}, "a");
  changed.add({3, 1, 2}, "a");
  changed.add({3, 1, 3}, "c");
  EXPECT_EQ(one.hex(), other.hex());
  EXPECT_NE(one.hex(), changed.hex());
  EXPECT_EQ(one.hex().size(), 32u);
}

}  // namespace
}  // namespace covermap::outputs
