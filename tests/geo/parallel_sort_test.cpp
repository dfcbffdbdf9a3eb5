#include "geo/parallel_sort.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <tuple>
#include <vector>

namespace covermap::geo {
namespace {

struct Vertex {
  double x, y;
  std::uint32_t ring, index;
  bool operator==(const Vertex&) const = default;
};

// Many vertices at few positions, as borders repeat them: the order is decided by the ring and index as
// often as by the position.
std::vector<Vertex> repeated_vertices(std::size_t count) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> position(0, 999);
  std::vector<Vertex> vertices;
  for (std::uint32_t i = 0; i < count; ++i)
    vertices.push_back({position(random) * 0.5, position(random) * 0.25, i % 97, i});
  return vertices;
}

bool by_position(const Vertex& a, const Vertex& b) {
  return std::tie(a.x, a.y, a.ring, a.index) < std::tie(b.x, b.y, b.ring, b.index);
}

// The border gluing's vertex index is sorted this way: it must come out as one thread sorts it, or the glued
// borders would depend on the machine's cores.
TEST(ParallelSort, SameOrderOnAnyNumberOfThreads) {
  const std::vector<Vertex> input = repeated_vertices(300'000);
  std::vector<Vertex> expected = input;
  std::sort(expected.begin(), expected.end(), by_position);
  for (const int threads : {1, 2, 3, 4, 8}) {
    std::vector<Vertex> sorted = input;
    parallel_sort(sorted.begin(), sorted.end(), threads, by_position);
    EXPECT_TRUE(sorted == expected) << "on " << threads << " threads";
  }
}

TEST(ParallelSort, FewElementsAndNone) {
  std::vector<int> few{5, 3, 9, 1};
  parallel_sort(few.begin(), few.end(), 4, std::less<>{});
  EXPECT_EQ(few, (std::vector<int>{1, 3, 5, 9}));
  std::vector<int> none;
  parallel_sort(none.begin(), none.end(), 4, std::less<>{});
  EXPECT_TRUE(none.empty());
}

}  // namespace
}  // namespace covermap::geo
