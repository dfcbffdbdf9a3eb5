// Polygons cut at the meridian opposite a projection's centre, so that no country is drawn as a band across
// the whole map.
#include "geo/antimeridian.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "geo/projection.hpp"

namespace covermap::geo {
namespace {

Polygon box(double west, double south, double east, double north) {
  return {{{west, south}, {east, south}, {east, north}, {west, north}, {west, south}}, {}};
}

double total_area(const MultiPolygon& shape) {
  double sum = 0;
  for (const auto& polygon : shape) sum += std::abs(signed_ring_area(polygon.outer));
  return sum;
}

TEST(Antimeridian, APolygonAwayFromTheEdgeIsLeftAsItIs) {
  const MultiPolygon mexico_far{box(-110, 15, -90, 30)};
  const MultiPolygon cut = cut_at_antimeridian(mexico_far, 0);
  ASSERT_EQ(cut.size(), 1u);
  EXPECT_EQ(cut.front().outer, mexico_far.front().outer);
}

TEST(Antimeridian, APolygonAcrossTheEdgeIsSplitIntoOnePieceOnEachSide) {
  // Centred on 65°E, the map ends at 115°W: a box from 117°W to 86°W is cut there.
  const MultiPolygon cut = cut_at_antimeridian({box(-117, 15, -86, 30)}, 65);
  ASSERT_EQ(cut.size(), 2u);
  EXPECT_NEAR(total_area(cut), 31 * 15, 1e-6) << "no area lost or gained";
  for (const auto& piece : cut) {
    const Box bounds = ring_bounds(piece.outer);
    const bool west_piece = bounds.max_x <= -115 + 1e-6;  // 117°W to 115°W, the map's east edge
    const bool east_piece = bounds.min_x >= -115 - 1e-6;  // 115°W to 86°W, the map's west edge
    EXPECT_TRUE(west_piece || east_piece) << bounds.min_x << " to " << bounds.max_x;
  }
}

TEST(Antimeridian, ARingAcross180IsSplitAtTheDateLineForAMapCentredOnGreenwich) {
  // A Fiji-like ring written with longitudes that jump from 179° to -179°.
  const Polygon fiji{{{178, -18}, {179.5, -18}, {-179.5, -17}, {-179.5, -16}, {178, -16}, {178, -18}}, {}};
  const MultiPolygon cut = cut_at_antimeridian({fiji}, 0);
  ASSERT_EQ(cut.size(), 2u);
  for (const auto& piece : cut) {
    const Box bounds = ring_bounds(piece.outer);
    EXPECT_TRUE(bounds.min_x >= 178 - 1e-9 || bounds.max_x <= -179.5 + 1e-9)
        << "each piece on one side: " << bounds.min_x << " to " << bounds.max_x;
  }
}

TEST(Antimeridian, ProjectedPiecesStayAtTheirEdgesOfTheMap) {
  const Projector projector("+proj=eqearth +lon_0=65 +datum=WGS84 +units=m");
  const MultiPolygon projected = projector.forward(MultiPolygon{box(-117, 15, -86, 30)});
  ASSERT_EQ(projected.size(), 2u);
  // Neither piece spans the map (about 34,000 km wide): each is its 29° or 2° of longitude, 3,400 km at most.
  for (const auto& piece : projected) EXPECT_LT(ring_bounds(piece.outer).width(), 3.5e6);
}

TEST(Antimeridian, AHoleStaysWithItsPiece) {
  Polygon with_hole = box(-120, 0, -100, 20);
  with_hole.holes.push_back({{-118, 5}, {-118, 10}, {-110, 10}, {-110, 5}, {-118, 5}});
  const MultiPolygon cut = cut_at_antimeridian({with_hole}, 65);  // edge at 115°W, through the hole
  ASSERT_EQ(cut.size(), 2u);
  double holes = 0;
  for (const auto& piece : cut)
    for (const auto& hole : piece.holes) holes += std::abs(signed_ring_area(hole));
  EXPECT_NEAR(holes, 8 * 5, 1e-6);
  EXPECT_NEAR(total_area(cut), 20 * 20, 1e-6);
}

}  // namespace
}  // namespace covermap::geo
