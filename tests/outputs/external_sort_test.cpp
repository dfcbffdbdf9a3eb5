#include "outputs/external_sort.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>
#include <vector>

#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

using test::TempDir;

struct Record {
  std::uint64_t key, added;
  bool operator==(const Record&) const = default;
};
struct ByKey {
  bool operator()(const Record& a, const Record& b) const { return a.key < b.key; }
};

// `count` records with keys below `keys` (repeats when keys < count), numbered in the order they are added.
std::vector<Record> shuffled_records(std::size_t count, std::uint64_t keys, unsigned seed) {
  std::mt19937_64 random(seed);
  std::vector<Record> records;
  for (std::size_t i = 0; i < count; ++i) records.push_back({random() % keys, i});
  return records;
}

std::vector<Record> sorted_through(const TempDir& dir, const std::vector<Record>& records,
                                   std::size_t memory_bytes, std::uint64_t* spilled_runs) {
  ExternalSort<Record, ByKey> sort(dir.file("scratch"), dir.file("out"), memory_bytes);
  for (const Record& record : records) sort.add(record);
  std::vector<Record> sorted;
  sort.drain([&](const Record& record) { sorted.push_back(record); });
  *spilled_runs = sort.spilled_runs();
  return sorted;
}

TEST(ExternalSort, ManyRunsMergedInSeveralPassesGiveTheSortedRecords) {
  TempDir dir;
  const auto records = shuffled_records(20000, 1u << 30, 3);
  std::uint64_t runs = 0;
  // 1 KiB holds 64 records: 313 runs, merged two at a time.
  const auto sorted = sorted_through(dir, records, 1024, &runs);
  EXPECT_GT(runs, 300u);
  auto expected = records;
  std::sort(expected.begin(), expected.end(), [](const Record& a, const Record& b) {
    return std::tie(a.key, a.added) < std::tie(b.key, b.added);
  });
  ASSERT_EQ(sorted.size(), expected.size());
  EXPECT_TRUE(std::equal(sorted.begin(), sorted.end(), expected.begin(),
                         [](const Record& a, const Record& b) { return a.key == b.key; }));
  // Every record once (keys are distinct here but for chance: compare whole records, sorted alike).
  auto again = sorted;
  std::sort(again.begin(), again.end(), [](const Record& a, const Record& b) {
    return std::tie(a.key, a.added) < std::tie(b.key, b.added);
  });
  EXPECT_EQ(again, expected);
  // Nothing left beside the output: the scratch file was unlinked when opened.
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

TEST(ExternalSort, EqualRecordsComeInTheSameOrderEveryTimeAndEveryRecordComes) {
  TempDir dir;
  const auto records = shuffled_records(5000, 7, 11);  // seven keys, each repeated many times
  std::uint64_t runs = 0;
  const auto on_disk = sorted_through(dir, records, 512, &runs);
  EXPECT_GT(runs, 100u);
  EXPECT_EQ(sorted_through(dir, records, 512, &runs), on_disk);
  EXPECT_TRUE(std::is_sorted(on_disk.begin(), on_disk.end(), ByKey{}));
  std::uint64_t none = 1;
  const auto in_memory = sorted_through(dir, records, std::size_t{1} << 20, &none);
  EXPECT_EQ(none, 0u) << "everything fits: no run is spilled";
  EXPECT_EQ(in_memory.size(), on_disk.size());
  EXPECT_TRUE(std::is_sorted(in_memory.begin(), in_memory.end(), ByKey{}));
}

TEST(ExternalSort, NoRecordsGiveNoneAndAFullLastBufferIsNotLost) {
  TempDir dir;
  std::uint64_t runs = 0;
  EXPECT_TRUE(sorted_through(dir, {}, 1024, &runs).empty());
  // Exactly four buffers of 64.
  const auto records = shuffled_records(256, 1000, 5);
  const auto sorted = sorted_through(dir, records, 1024, &runs);
  EXPECT_EQ(runs, 4u);
  EXPECT_EQ(sorted.size(), 256u);
  EXPECT_TRUE(std::is_sorted(sorted.begin(), sorted.end(), ByKey{}));
}

}  // namespace
}  // namespace covermap::outputs
