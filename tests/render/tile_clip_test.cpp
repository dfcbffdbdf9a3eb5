// Polygons clipped to a vector tile's box on the integer grid: what is inside stays exactly, pieces are
// joined along the box's edge into valid rings (no zero-width bridge), neighbours keep the same crossing
// vertex, and the rings come out as the MVT spec wants them.
#include "render/tile_clip.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "geo/geometry_repair.hpp"
#include "geo/geos_context.hpp"

namespace covermap::render {
namespace {

const GridBox kBox{0, 0, 100, 100};

geo::MultiPolygon as_polygons(const std::vector<GridRing>& rings) {
  geo::MultiPolygon out;
  for (const GridRing& ring : rings) {
    geo::Ring closed;
    for (const GridPoint& p : ring) closed.push_back({static_cast<double>(p.x), static_cast<double>(p.y)});
    closed.push_back(closed.front());
    if (twice_signed_area(ring) > 0)
      out.push_back({closed, {}});
    else
      out.back().holes.push_back(closed);
  }
  return out;
}

long double total_area(const std::vector<GridRing>& rings) {
  long double sum = 0;
  for (const GridRing& ring : rings) sum += twice_signed_area(ring) / 2;
  return sum;
}

// Every ring as the MVT spec asks: three or more vertices, none repeated (the closing one included), a
// non-zero area, an exterior first; and GEOS finds the polygons valid.
void expect_mvt_valid(const std::vector<GridRing>& rings) {
  ASSERT_FALSE(rings.empty());
  EXPECT_GT(twice_signed_area(rings.front()), 0) << "the first ring must be an exterior";
  for (const GridRing& ring : rings) {
    ASSERT_GE(ring.size(), 3u);
    EXPECT_NE(twice_signed_area(ring), 0);
    for (std::size_t i = 0; i < ring.size(); ++i) EXPECT_FALSE(ring[i] == ring[(i + 1) % ring.size()]);
  }
  const geo::GeosContext geos;
  EXPECT_TRUE(geo::is_valid(geos, as_polygons(rings)));
}

TEST(TileClip, RingInsideIsKeptAndWoundAsAnExterior) {
  // Counter-clockwise on screen (negative area): it comes back reversed.
  const GridRing ring{{10, 10}, {10, 20}, {20, 20}, {20, 10}};
  const auto out = clip_polygon({ring}, kBox);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(twice_signed_area(out[0]), 200);
  expect_mvt_valid(out);
}

TEST(TileClip, SquareAcrossTheEdgeIsCutAtIt) {
  const GridRing ring{{50, 20}, {150, 20}, {150, 60}, {50, 60}};
  const auto out = clip_polygon({ring}, kBox);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(total_area(out), 50 * 40);
  for (const GridPoint& p : out[0]) EXPECT_LE(p.x, 100);
  expect_mvt_valid(out);
}

TEST(TileClip, UShapeLeavingAndComingBackBecomesTwoPolygons) {
  // A U opening downwards whose bottom lies below the box: inside, two separate legs.
  const GridRing u{{20, 50}, {80, 50}, {80, 150}, {60, 150}, {60, 90}, {40, 90}, {40, 150}, {20, 150}};
  const auto out = clip_polygon({u}, GridBox{0, 0, 100, 120});
  ASSERT_EQ(out.size(), 1u) << "the bend is inside the box: one polygon";
  const auto legs = clip_polygon({u}, GridBox{0, 95, 100, 200});
  ASSERT_EQ(legs.size(), 2u) << "below the bend the legs are two polygons, not one ring touching itself";
  EXPECT_EQ(total_area(legs), 2 * 20 * 55);
  expect_mvt_valid(legs);
}

TEST(TileClip, PolygonHoldingTheBoxIsTheBox) {
  const GridRing big{{-50, -50}, {150, -50}, {150, 150}, {-50, 150}};
  const auto out = clip_polygon({big}, kBox);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(total_area(out), 100 * 100);
  EXPECT_TRUE(clip_polygon({GridRing{{200, 200}, {300, 200}, {300, 300}, {200, 300}}}, kBox).empty());
}

TEST(TileClip, HoleHoldingTheBoxLeavesNothingAndHoleAcrossTheEdgeBitesIn) {
  const GridRing big{{-500, -500}, {500, -500}, {500, 500}, {-500, 500}};
  const GridRing around{{-100, -100}, {200, -100}, {200, 200}, {-100, 200}};
  EXPECT_TRUE(clip_polygon({big, around}, kBox).empty());
  const GridRing bite{{80, 40}, {120, 40}, {120, 60}, {80, 60}};
  const auto out = clip_polygon({big, bite}, kBox);
  EXPECT_EQ(total_area(out), 100 * 100 - 20 * 20);
  expect_mvt_valid(out);
  const GridRing inner{{40, 40}, {60, 40}, {60, 60}, {40, 60}};
  const auto with_hole = clip_polygon({big, inner}, kBox);
  ASSERT_EQ(with_hole.size(), 2u) << "the box, then the hole inside it";
  EXPECT_LT(twice_signed_area(with_hole[1]), 0);
  expect_mvt_valid(with_hole);
}

TEST(TileClip, NeighboursGetTheSameVertexWhereTheirSharedEdgeCrossesTheBox) {
  // Two units sharing the slanted edge (30,-37)-(70,137), which crosses y = 0 and y = 100 between grid
  // points; each walks it in its own direction.
  const GridRing left{{-20, -37}, {30, -37}, {70, 137}, {-20, 137}};
  const GridRing right{{30, -37}, {150, -37}, {150, 137}, {70, 137}};
  const auto a = clip_polygon({left}, kBox);
  const auto b = clip_polygon({right}, kBox);
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  std::vector<GridPoint> on_edges_a, on_edges_b;
  for (const GridPoint& p : a[0])
    if (p.y == 0 || p.y == 100) on_edges_a.push_back(p);
  for (const GridPoint& p : b[0])
    if ((p.y == 0 || p.y == 100) && p.x != 100) on_edges_b.push_back(p);
  const auto shared = [&](const GridPoint& p) {
    return std::find(on_edges_b.begin(), on_edges_b.end(), p) != on_edges_b.end();
  };
  int common = 0;
  for (const GridPoint& p : on_edges_a)
    if (p.x != 0 && shared(p)) ++common;
  EXPECT_EQ(common, 2) << "both crossings of the shared edge are one vertex in each";
  EXPECT_EQ(total_area(a) + total_area(b), 100 * 100) << "together they cover the box, no gap, no overlap";
}

TEST(TileClip, RingPinchedAtAVertexIsSplitIntoItsLoops) {
  // A figure eight through (50, 50): two lobes, both inside the box.
  const GridRing eight{{10, 10}, {50, 10}, {50, 50}, {90, 50}, {90, 90}, {50, 90}, {50, 50}, {10, 50}};
  const auto out = clip_polygon({eight}, kBox);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(total_area(out), 2 * 40 * 40);
  expect_mvt_valid(out);
}

TEST(TileClip, CleanRingDropsRepeatsSpikesAndStraightVertices) {
  GridRing ring{{0, 0}, {0, 0}, {5, 0}, {10, 0}, {10, 10}, {10, 20}, {10, 10}, {0, 10}};
  ASSERT_TRUE(clean_ring(ring));
  EXPECT_EQ(ring, (GridRing{{0, 0}, {10, 0}, {10, 10}, {0, 10}}));
  GridRing flat{{0, 0}, {5, 0}, {10, 0}, {5, 0}};
  EXPECT_FALSE(clean_ring(flat)) << "no area";
}

}  // namespace
}  // namespace covermap::render
