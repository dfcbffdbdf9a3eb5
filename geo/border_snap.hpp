#pragma once
// Boundaries digitized one unit at a time repeat each shared border on both sides with coordinates that
// differ in their last digits (China's county layer: 1.5 M of its 1.9 M vertices have a neighbour's vertex
// within a metre, only 24 k exactly on it), and where three units meet, one side often runs straight past
// the corner the other two share (a T-junction). Shared-edge simplification (geo/shared_edge_simplify.hpp)
// finds borders by exact coordinates, so such borders were simplified once per side and opened gaps between
// neighbours at low zooms. Snapping makes them exactly shared before any simplification.
#include <cstddef>
#include <span>

#include "geo/geometry.hpp"

namespace covermap::geo {

struct BorderSnapStats {
  std::size_t vertices_moved = 0;     // onto a vertex of another ring
  std::size_t vertices_inserted = 0;  // into a segment that passed another ring's vertex
  std::size_t rings_collapsed = 0;    // left empty: no area left, or turned inside out
};

// Within `tolerance` (in the rings' units), first moves every vertex onto the nearest vertex of another ring,
// taken in ring order (the first of a cluster stays, later ones join it); then inserts into every segment
// each vertex of another ring that lies beside it, so a corner three units share is a vertex of all three.
// The result depends only on the rings and their order. Repeated consecutive points are dropped and each
// ring stays closed. A ring may become invalid (a pinch where two of its vertices met one point): callers
// repair afterwards.
BorderSnapStats snap_borders(std::span<Ring* const> rings, double tolerance, int threads = 1);

}  // namespace covermap::geo
