#pragma once
// Generalization for an output scale that keeps neighbours glued. Douglas-Peucker on each polygon alone would
// simplify the two sides of a shared border differently and open gaps and slivers between them; here the
// rings are first cut into arcs at the vertices where neighbours part ways (topology nodes), and every arc is
// simplified once, in one canonical direction, so both sides keep exactly the same vertices.
#include <cstddef>
#include <span>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::geo {

struct SimplifyStats {
  std::size_t vertices_before = 0;
  std::size_t vertices_after = 0;
  std::size_t rings_dropped = 0;  // collapsed below the tolerance (islets smaller than a fraction of a point)
};

// The topology nodes of `rings`, where arcs end: one flag per vertex, ring after ring, each ring's closing
// vertex not counted (nor any vertex of a ring under four points). Finding them is most of the work of
// simplifying and depends only on the rings, not the tolerance, so boundaries/ finds them once per boundary
// set and keeps them in its cache.
std::vector<char> find_shared_nodes(std::span<const Ring* const> rings);

// The core, for callers with rings in containers of their own (the tile renderer's pixel parts): simplifies
// every closed ring in place; a ring that collapses (or was too short to be one) is left empty. `nodes` are
// find_shared_nodes' flags for these rings (or for them among more rings), found here when not given.
void simplify_shared_rings(std::span<Ring* const> rings, double tolerance, std::span<const char> nodes = {});

// Simplifies every ring of `shapes` in place with Douglas-Peucker at `tolerance` (in the shapes' units).
// Vertices shared by differing neighbours are never moved or dropped. Rings that collapse to fewer than three
// distinct points are dropped (an outer ring with its holes). `nodes` as for simplify_shared_rings, for the
// rings of `shapes` in order (outer ring, then holes).
SimplifyStats simplify_shared_edges(std::span<MultiPolygon* const> shapes, double tolerance,
                                    std::span<const char> nodes = {});

}  // namespace covermap::geo
