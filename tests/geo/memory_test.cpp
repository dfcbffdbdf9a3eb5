// The memory covermap reads its caches into: page buffers, records viewed in place, and the huge-page heap.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "geo/binary_record.hpp"
#include "geo/huge_page_heap.hpp"
#include "geo/page_buffer.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

using test::TempDir;

TEST(PageBuffer, ReadsAWholeFileOnAHugePageBoundary) {
  TempDir dir;
  std::string bytes(3 << 20, '\0');
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<char>(i * 7919 % 251);
  const auto buffer = PageBuffer::read_file(dir.write("zoom.bin", bytes));
  ASSERT_TRUE(buffer);
  EXPECT_EQ(buffer->view(), bytes);
  EXPECT_EQ(reinterpret_cast<std::uintptr_t>(buffer->data()) % (2 << 20), 0u);
  EXPECT_FALSE(PageBuffer::read_file((dir.path() / "absent.bin").string()));
  const auto empty = PageBuffer::read_file(dir.write("empty.bin", ""));
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->size(), 0u);
}

// The buffer maps the file: a zoom read from the cache must keep its bytes when the entry is replaced (by
// rename, as every cache write does) while tiles are drawn from it, and a write into the buffer must never
// reach the cache entry.
TEST(PageBuffer, KeepsItsBytesWhenTheFileIsReplacedAndNeverWritesToIt) {
  TempDir dir;
  const std::string path = dir.write("zoom.bin", std::string(5 << 20, 'a'));
  auto buffer = PageBuffer::read_file(path);
  ASSERT_TRUE(buffer);
  buffer->data()[0] = 'b';
  buffer->data()[buffer->size() - 1] = 'c';
  std::ifstream in(path, std::ios::binary);
  const std::string on_disk((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(on_disk, std::string(5 << 20, 'a'));
  const std::string replacement = dir.write("zoom.new", std::string(1 << 20, 'z'));
  std::filesystem::rename(replacement, path);
  EXPECT_EQ(buffer->size(), std::size_t{5} << 20);
  EXPECT_EQ(buffer->view().substr(0, 3), "baa");
  EXPECT_EQ(buffer->view().substr(buffer->size() - 3), "aac");
}

TEST(BinaryRecord, AlignedArraysAreViewedInPlace) {
  BinaryWriter out;
  out.value(std::int32_t{7});  // 4 bytes: the next array's items need padding
  const std::vector<Point> points = {{1, 2}, {3, 4}, {5, 6}};
  const std::vector<std::uint32_t> ids = {9, 8};
  out.aligned_array(std::span<const Point>(points));
  out.aligned_array(std::span<const std::uint32_t>(ids));
  PageBuffer memory(out.data().size());
  std::copy(out.data().begin(), out.data().end(), memory.data());

  BinaryReader in(memory.view());
  EXPECT_EQ(in.value<std::int32_t>(), 7);
  const auto viewed = in.view<Point>();
  const auto viewed_ids = in.view<std::uint32_t>();
  ASSERT_TRUE(in.ok());
  EXPECT_TRUE(in.at_end());
  EXPECT_TRUE(std::ranges::equal(viewed, points));
  EXPECT_TRUE(std::ranges::equal(viewed_ids, ids));
  EXPECT_GE(reinterpret_cast<const char*>(viewed.data()), memory.data());  // in place, not copied
  EXPECT_LT(reinterpret_cast<const char*>(viewed.data()), memory.data() + memory.size());

  BinaryReader truncated(memory.view().substr(0, memory.size() - 1));
  truncated.value<std::int32_t>();
  truncated.view<Point>();
  truncated.view<std::uint32_t>();
  EXPECT_FALSE(truncated.ok()) << "a damaged cache entry must be refused, not read past its end";
}

long minor_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

bool huge_pages_available() {
  std::ifstream enabled("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string modes;
  std::getline(enabled, modes);
  return modes.find("[always]") != std::string::npos || modes.find("[madvise]") != std::string::npos;
}

// What a warm tile run does first: tens of MB of small blocks (the boundaries' rings). In 4 KB pages, 64 MB
// is 16,384 page faults; that a third of a run went to them is why the heap is set up this way.
TEST(HugePageHeap, SmallBlocksFillHugePages) {
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "the sanitizer's allocator replaces malloc's heap";
#endif
  if (!huge_pages_available()) GTEST_SKIP() << "transparent huge pages are off on this machine";
  use_huge_page_heap();
  const long before = minor_faults();
  std::vector<std::unique_ptr<std::vector<double>>> rings;
  rings.reserve(16384);
  for (int i = 0; i < 16384; ++i) rings.push_back(std::make_unique<std::vector<double>>(500, 1.0));
  const long faults = minor_faults() - before;
  EXPECT_LT(faults, 2000) << "64 MB of rings took " << faults << " page faults: the heap is in 4 KB pages";
}

}  // namespace
}  // namespace covermap::geo
