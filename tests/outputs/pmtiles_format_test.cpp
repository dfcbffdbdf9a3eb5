// PMTiles directory entries as the sink builds them: runs of one content on consecutive tile ids.
#include "outputs/pmtiles_format.hpp"

#include <gtest/gtest.h>

#include <limits>

namespace covermap::outputs::pmtiles {
namespace {

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
