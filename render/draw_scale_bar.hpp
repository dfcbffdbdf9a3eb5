#pragma once
#include <vector>

#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// A scale bar of a round length (1, 2 or 5 x 10^n km) about a fifth of the frame wide, in the bottom corner
// the legend does not use. True along the parallel through the frame's centre (PROJ's scale factor there).
// When that corner is `occupied` (an inset), the bar moves to the left of, or above, what is there.
void draw_scale_bar(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& frame,
                    const std::vector<Rect>& occupied = {});

// The round length in km for a bar of at most `max_km`.
double round_scale_length(double max_km);

}  // namespace covermap::render
