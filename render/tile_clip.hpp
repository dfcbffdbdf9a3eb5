#pragma once
// Polygons clipped to a vector tile and its buffer, on the tile's integer grid, valid as the MVT spec asks:
// exterior rings of positive area (clockwise on screen, y pointing down) each followed by its holes
// (negative area), no repeated or collinear vertices, no ring of zero area, and no zero-width bridge along
// the buffer's edge where a polygon leaves the tile and comes back: the pieces inside are joined along the
// box's edge the way Weiler and Atherton join them, so a U-shaped unit becomes two polygons, not one ring
// that touches itself.
//
// Deterministic and symmetric: where an edge crosses the box, the crossing is computed from the edge's
// endpoints in a fixed order, so two neighbours, which walk their shared edge in opposite directions, get
// the same vertex there and stay glued across the cut.
#include <cstdint>
#include <vector>

namespace covermap::render {

struct GridPoint {
  std::int64_t x = 0;
  std::int64_t y = 0;
  bool operator==(const GridPoint&) const = default;
};

// An open ring: the first point is not repeated at the end.
using GridRing = std::vector<GridPoint>;

// Inclusive box on the grid: a point is inside when min <= x <= max and min <= y <= max.
struct GridBox {
  std::int64_t min_x = 0, min_y = 0, max_x = 0, max_y = 0;
};

// Twice the ring's signed area by the surveyor's formula: positive for an MVT exterior ring.
long double twice_signed_area(const GridRing& ring);

// Even-odd point-in-ring test; a point on the ring may go either way.
bool point_in_ring(const GridPoint& p, const GridRing& ring);

// Drops repeated vertices and vertices on the line through their neighbours (which also removes spikes that
// go out and back); returns false when fewer than three vertices or no area remain.
bool clean_ring(GridRing& ring);

// One polygon (outer ring first, then holes; each open, either orientation, coordinates may lie far outside
// the box) clipped to `box`: the rings of zero or more polygons in MVT order.
std::vector<GridRing> clip_polygon(const std::vector<GridRing>& rings, const GridBox& box);

// The box as one exterior ring.
GridRing box_ring(const GridBox& box);

}  // namespace covermap::render
