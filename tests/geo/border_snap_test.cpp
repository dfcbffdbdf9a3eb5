#include "geo/border_snap.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>
#include <vector>

#include "geo/shared_edge_simplify.hpp"

namespace covermap::geo {
namespace {

using VertexSet = std::set<std::pair<double, double>>;

// The vertices of `ring` near the line x = 0 (the shared border in these tests).
VertexSet border_vertices(const Ring& ring) {
  VertexSet set;
  for (const Point& p : ring)
    if (std::abs(p.x) < 0.5) set.insert({p.x, p.y});
  return set;
}

// Two squares sharing a wiggly border from (0,0) to (0,10), the right one's copy of it shifted by `jitter`
// (as a source digitized one unit at a time stores it) and given the other way round.
std::pair<Ring, Ring> jittered_neighbours(double jitter) {
  std::vector<Point> border;
  for (int i = 0; i <= 100; ++i) border.push_back({0.01 * std::sin(i * 0.7), i * 0.1});
  Ring left{{-10, 0}};
  left.insert(left.end(), border.begin(), border.end());
  left.push_back({-10, 10});
  left.push_back({-10, 0});
  Ring right{{10, 0}, {10, 10}};
  for (auto it = border.rbegin(); it != border.rend(); ++it)
    right.push_back({it->x + jitter, it->y - jitter});
  right.push_back({10, 0});
  return {left, right};
}

void simplify(Ring& a, Ring& b, double tolerance) {
  Ring* rings[] = {&a, &b};
  simplify_shared_rings(rings, tolerance);
}

// What the snap is for: a border stored twice with last-digit differences is simplified as one, so the two
// sides keep the same vertices (no gap between neighbours); without the snap they do not.
TEST(BorderSnap, AJitteredBorderSimplifiesAsOne) {
  auto [left, right] = jittered_neighbours(1e-7);
  {
    Ring a = left, b = right;
    simplify(a, b, 0.05);
    EXPECT_NE(border_vertices(a), border_vertices(b));  // the gap the snap closes
  }
  Ring* rings[] = {&left, &right};
  const BorderSnapStats stats = snap_borders(rings, 1e-5);
  EXPECT_EQ(stats.vertices_moved, 101u);  // the right ring's copy of the border, onto the left's
  EXPECT_EQ(stats.rings_collapsed, 0u);
  EXPECT_EQ(border_vertices(left), border_vertices(right));
  simplify(left, right, 0.05);
  EXPECT_EQ(border_vertices(left), border_vertices(right));
  EXPECT_LT(border_vertices(left).size(), 30u);
  EXPECT_EQ(left.front(), left.back());
  EXPECT_EQ(right.front(), right.back());
}

// Where three units meet, one side often runs straight past the corner the other two share: the corner goes
// into that side's segment, so all three have it and the borders are cut there alike.
TEST(BorderSnap, ACornerThreeUnitsShareBecomesAVertexOfEach) {
  Ring left{{-10, 0}, {0, 0}, {0, 10}, {-10, 10}, {-10, 0}};  // its edge x = 0 has no vertex at y = 5
  Ring lower{{0, 0}, {10, 0}, {10, 5}, {3e-6, 5}, {0, 0}};
  Ring upper{{3e-6, 5}, {10, 5}, {10, 10}, {0, 10}, {3e-6, 5}};
  Ring* rings[] = {&left, &lower, &upper};
  const BorderSnapStats stats = snap_borders(rings, 1e-5);
  EXPECT_EQ(stats.vertices_inserted, 1u);
  EXPECT_EQ(left.size(), 6u);
  EXPECT_NE(std::find(left.begin(), left.end(), Point{3e-6, 5}), left.end());
  EXPECT_EQ(left.front(), left.back());
  EXPECT_GT(signed_ring_area(left), 0);  // still the same way round
}

// The same corner when another ring lies so far off that the search grid has far more columns than cells
// (and looks cells up by a search of them all instead of by column): found as before.
TEST(BorderSnap, ACornerIsFoundWhenARingLiesFarOff) {
  Ring left{{-10, 0}, {0, 0}, {0, 10}, {-10, 10}, {-10, 0}};
  Ring lower{{0, 0}, {10, 0}, {10, 5}, {3e-6, 5}, {0, 0}};
  Ring upper{{3e-6, 5}, {10, 5}, {10, 10}, {0, 10}, {3e-6, 5}};
  Ring far{{1e9, 0}, {1e9 + 10, 0}, {1e9 + 10, 10}, {1e9, 0}};
  Ring* rings[] = {&left, &lower, &upper, &far};
  const BorderSnapStats stats = snap_borders(rings, 1e-5);
  EXPECT_EQ(stats.vertices_inserted, 1u);
  EXPECT_EQ(left, (Ring{{-10, 0}, {0, 0}, {3e-6, 5}, {0, 10}, {-10, 10}, {-10, 0}}));
}

// A vertex beside both sides of a ring's narrow neck goes into it once: twice would pinch the ring.
TEST(BorderSnap, APointGoesIntoARingOnce) {
  // A U whose two arms are 2e-6 apart at x = 0 .. 1; the other ring's vertex lies between them.
  Ring u{{0, 0},    {5, 0}, {5, 3}, {1, 3}, {1, 1e-6}, {0.5, 1e-6}, {0.5, 2e-6},
         {1, 2e-6}, {1, 2}, {4, 2}, {4, 1}, {0, 1},    {0, 0}};
  Ring other{{0.7, 1.5e-6}, {0.7, -1}, {2, -1}, {0.7, 1.5e-6}};
  Ring* rings[] = {&u, &other};
  snap_borders(rings, 1e-5);
  EXPECT_EQ(std::count(u.begin(), u.end() - 1, Point{0.7, 1.5e-6}), 1);
}

// Vertices of one ring never move onto each other: a detailed coast keeps its detail.
TEST(BorderSnap, ARingAloneIsLeftAsItIs) {
  Ring coast;
  for (int i = 0; i < 50; ++i) coast.push_back({i * 1e-6, std::sin(i * 0.3) * 1e-6});
  coast.push_back({25e-6, -1});
  coast.push_back(coast.front());
  const Ring before = coast;
  Ring* rings[] = {&coast};
  const BorderSnapStats stats = snap_borders(rings, 1e-5);
  EXPECT_EQ(stats.vertices_moved + stats.vertices_inserted + stats.rings_collapsed, 0u);
  EXPECT_EQ(coast, before);
}

// Rings spread so far apart in the rings' units that their cells at the tolerance do not fit the grid's
// packed keys (10^18 columns by 10^6 rows) are snapped alike: the border between the two is glued as it is
// without the far ring.
TEST(BorderSnap, RingsFarApartAreSnappedAlike) {
  auto [left, right] = jittered_neighbours(1e-7);
  Ring far{{1e13, 0}, {1e13 + 1, 0}, {1e13 + 1, 1}, {1e13, 0}};
  Ring* rings[] = {&left, &right, &far};
  const BorderSnapStats stats = snap_borders(rings, 1e-5);
  EXPECT_EQ(stats.vertices_moved, 101u);
  EXPECT_EQ(border_vertices(left), border_vertices(right));
  auto [near_left, near_right] = jittered_neighbours(1e-7);
  Ring* near[] = {&near_left, &near_right};
  snap_borders(near, 1e-5);
  EXPECT_EQ(left, near_left);
  EXPECT_EQ(right, near_right);
}

// The result depends on the rings alone, not on the number of threads.
TEST(BorderSnap, SameResultOnAnyNumberOfThreads) {
  std::vector<Ring> one, four;
  for (int k = 0; k < 40; ++k) {
    auto [left, right] = jittered_neighbours(1e-7 * (k % 5));
    for (Point& p : left) p.x += 30 * k;
    for (Point& p : right) p.x += 30 * k;
    one.push_back(left);
    one.push_back(right);
  }
  four = one;
  std::vector<Ring*> a, b;
  for (auto& r : one) a.push_back(&r);
  for (auto& r : four) b.push_back(&r);
  snap_borders(a, 1e-5, 1);
  snap_borders(b, 1e-5, 4);
  EXPECT_EQ(one, four);
}

}  // namespace
}  // namespace covermap::geo
