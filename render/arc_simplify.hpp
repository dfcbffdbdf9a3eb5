#pragma once
// Line simplification that keeps shared edges shared. Rings are cut into arcs at junctions (points where the
// rings through them disagree on the neighbours: where three units meet, or a unit's edge leaves a
// neighbour's), and each arc is simplified on its own, always walked in the direction fixed by its end
// points' positions, so the two units either side of an edge simplify it to the same vertices and stay glued.
#include <vector>

#include "render/tile_geometry.hpp"

namespace covermap::render {

// Points must lie on the grid of `quantum` pixels, at most 2^31 steps from the origin. Rings left with fewer
// than three distinct vertices are removed; a part whose outer ring goes loses all its rings.
void simplify_arcs(std::vector<PixelPart>& parts, double quantum, double tolerance_px, int threads = 1);

}  // namespace covermap::render
