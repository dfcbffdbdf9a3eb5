#pragma once
// Generalization for an output scale that keeps neighbours glued. Douglas-Peucker on each polygon alone would
// simplify the two sides of a shared border differently and open gaps and slivers between them; here the
// rings are first cut into arcs at the vertices where neighbours part ways (topology nodes), and every arc is
// simplified once, in one canonical direction, so both sides keep exactly the same vertices.
#include <cstddef>
#include <span>

#include "geo/geometry.hpp"

namespace covermap::geo {

struct SimplifyStats {
  std::size_t vertices_before = 0;
  std::size_t vertices_after = 0;
  std::size_t rings_dropped = 0;  // collapsed below the tolerance (islets smaller than a fraction of a point)
};

// The core, for callers with rings in containers of their own (the tile renderer's pixel parts): simplifies
// every closed ring in place; a ring that collapses (or was too short to be one) is left empty.
void simplify_shared_rings(std::span<Ring* const> rings, double tolerance);

// Simplifies every ring of `shapes` in place with Douglas-Peucker at `tolerance` (in the shapes' units).
// Vertices shared by differing neighbours are never moved or dropped. Rings that collapse to fewer than three
// distinct points are dropped (an outer ring with its holes).
SimplifyStats simplify_shared_edges(std::span<MultiPolygon* const> shapes, double tolerance);

}  // namespace covermap::geo
