#include "geo/border_slivers.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace covermap::geo {
namespace {

double total_area(const std::vector<Ring>& rings) {
  double sum = 0;
  for (const Ring& ring : rings) sum += std::abs(signed_ring_area(ring));
  return sum;
}

bool has_vertex(const Ring& ring, const Point& p) {
  return std::find(ring.begin(), ring.end(), p) != ring.end();
}

BorderSliverStats close(std::vector<Ring>& rings, double tolerance, int threads = 1) {
  std::vector<Ring*> pointers;
  pointers.reserve(rings.size());
  for (Ring& ring : rings) pointers.push_back(&ring);
  return close_border_slivers(pointers, tolerance, threads);
}

// Two 10 x 10 squares side by side that agree on their border's ends, (0,0) and (0,10), but not on its line:
// the right one draws it through `bulge` (x > 0: a gap between them; x < 0: an overlap).
std::vector<Ring> neighbours_parting(const std::vector<Point>& bulge) {
  Ring left{{-10, 0}, {0, 0}, {0, 10}, {-10, 10}, {-10, 0}};
  Ring right{{0, 0}, {10, 0}, {10, 10}, {0, 10}};
  right.insert(right.end(), bulge.begin(), bulge.end());
  right.push_back({0, 0});
  return {left, right};
}

TEST(BorderSlivers, AGapBetweenNeighboursIsClosedByTheLineOfOneSide) {
  std::vector<Ring> rings = neighbours_parting({{0.3, 7}, {0.4, 5}, {0.3, 3}});
  EXPECT_LT(total_area(rings), 200 - 2);  // the sliver of no unit
  const Ring left = rings[0];
  EXPECT_EQ(close(rings, 0.5).stretches_closed, 1u);
  EXPECT_EQ(rings[0], left);  // the earlier ring keeps its line; the later takes it
  EXPECT_DOUBLE_EQ(total_area(rings), 200);
  EXPECT_FALSE(has_vertex(rings[1], {0.4, 5}));
  EXPECT_DOUBLE_EQ(std::abs(signed_ring_area(rings[1])), 100);
}

TEST(BorderSlivers, AnOverlapIsClosedAlike) {
  std::vector<Ring> rings = neighbours_parting({{-0.2, 6}, {-0.3, 4}});
  EXPECT_GT(total_area(rings), 200);  // the sliver of both units
  EXPECT_EQ(close(rings, 0.5).stretches_closed, 1u);
  EXPECT_DOUBLE_EQ(total_area(rings), 200);
}

TEST(BorderSlivers, LinesFartherApartThanTheToleranceAreKept) {
  std::vector<Ring> rings = neighbours_parting({{0.3, 7}, {2, 5}, {0.3, 3}});
  const std::vector<Ring> before = rings;
  EXPECT_EQ(close(rings, 0.5).stretches_closed, 0u);
  EXPECT_EQ(rings, before);
}

// Where three units meet, the two on the right share a corner that the left one's border runs past, 0.3
// units off: the left one takes the corner and both right-hand borders.
TEST(BorderSlivers, ACornerTwoNeighboursShareJoinsTheThird) {
  std::vector<Ring> rings{
      {{-10, 0}, {0, 0}, {0, 10}, {-10, 10}, {-10, 0}},
      {{0, 0}, {10, 0}, {10, 5}, {0.3, 5}, {0, 0}},
      {{0.3, 5}, {10, 5}, {10, 10}, {0, 10}, {0.3, 5}},
  };
  const std::vector<Ring> right{rings[1], rings[2]};
  EXPECT_EQ(close(rings, 0.5).stretches_closed, 1u);
  EXPECT_TRUE(has_vertex(rings[0], {0.3, 5}));
  EXPECT_EQ(rings[1], right[0]);
  EXPECT_EQ(rings[2], right[1]);
  EXPECT_DOUBLE_EQ(total_area(rings), 200);
}

// Where the source's versions of a corner cross as well as part (China's county layer has these): the later
// ring's stretch A-B would take the path A-C-B of the two others, but C-B crosses its own edge D-A, so it
// keeps its line; the ring whose stretch C-B does not knot it takes C-A-B instead, and every border is one
// line again.
TEST(BorderSlivers, ALineThatWouldKnotTheRingIsNotTaken) {
  const Point a{-5.4, 4.7}, b{-1.8, -5.3}, c{-13, 19.2}, d{-4.6, -8}, e{100, -5.3}, g{-4.6, -100};
  std::vector<Ring> rings{
      {g, d, a, c, {-13, 100}, {-100, 100}, {-100, -100}, g},
      {c, b, e, {100, 100}, {-13, 100}, c},
      {d, a, b, e, {100, -100}, g, d},
  };
  const Ring knotted = rings[2];
  EXPECT_EQ(close(rings, 18).stretches_closed, 1u);
  EXPECT_EQ(rings[2], knotted);
  EXPECT_EQ(rings[1], (Ring{c, a, b, e, {100, 100}, {-13, 100}, c}));
}

// The same corner with the border D-A drawn in 100 pieces (both rings that have it), so the piece the new
// line would cross lies amid many segments of the ring that the line's box does not reach: still found.
TEST(BorderSlivers, ALineThatWouldKnotARingOfManySegmentsIsNotTaken) {
  const Point a{-5.4, 4.7}, b{-1.8, -5.3}, c{-13, 19.2}, d{-4.6, -8}, e{100, -5.3}, g{-4.6, -100};
  std::vector<Point> d_to_a;
  d_to_a.reserve(101);
  for (int k = 0; k < 100; ++k) d_to_a.push_back({d.x + (a.x - d.x) * k / 100, d.y + (a.y - d.y) * k / 100});
  d_to_a.push_back(a);
  Ring west{g};
  west.insert(west.end(), d_to_a.begin(), d_to_a.end());
  west.insert(west.end(), {c, {-13, 100}, {-100, 100}, {-100, -100}, g});
  Ring south(d_to_a.begin(), d_to_a.end());
  south.insert(south.end(), {b, e, {100, -100}, g, d});
  std::vector<Ring> rings{west, {c, b, e, {100, 100}, {-13, 100}, c}, south};
  EXPECT_EQ(close(rings, 18).stretches_closed, 1u);
  EXPECT_EQ(rings[2], south);
  EXPECT_EQ(rings[1], (Ring{c, a, b, e, {100, 100}, {-13, 100}, c}));
}

// An enclave and the hole it fills (wound the other way) are one border too.
TEST(BorderSlivers, AnEnclaveAndItsHoleAgree) {
  std::vector<Ring> rings{
      {{4, 4}, {4, 6}, {6, 6}, {6, 4}, {4, 4}},                      // the hole, clockwise
      {{4, 4}, {5, 3.8}, {6, 4}, {6, 6}, {5, 6.2}, {4, 6}, {4, 4}},  // the enclave, counter-clockwise
  };
  EXPECT_EQ(close(rings, 0.5).stretches_closed, 2u);
  EXPECT_DOUBLE_EQ(std::abs(signed_ring_area(rings[1])), 4);
  EXPECT_FALSE(has_vertex(rings[1], {5, 3.8}));
}

// A coast near another unit's coast (an island off the mainland) shares no vertex with it: nothing to close.
TEST(BorderSlivers, UnitsThatShareNoBorderAreLeftApart) {
  std::vector<Ring> rings{
      {{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}},
      {{10.2, 2}, {12, 2}, {12, 4}, {10.2, 4}, {10.2, 2}},
  };
  const std::vector<Ring> before = rings;
  EXPECT_EQ(close(rings, 0.5).stretches_closed, 0u);
  EXPECT_EQ(rings, before);
}

TEST(BorderSlivers, TheResultDoesNotDependOnThreads) {
  std::vector<Ring> one;
  for (int i = 0; i < 40; ++i) {
    const double x = 10 * i;
    const double wobble = 0.1 * (i % 4);
    one.push_back({{x, 0}, {x + 10, 0}, {x + 10 + wobble, 5}, {x + 10, 10}, {x, 10}, {x, 0}});
  }
  std::vector<Ring> four = one;
  const auto closed_one = close(one, 0.5, 1).stretches_closed;
  EXPECT_GT(closed_one, 0u);
  EXPECT_EQ(close(four, 0.5, 4).stretches_closed, closed_one);
  EXPECT_EQ(one, four);
}

}  // namespace
}  // namespace covermap::geo
