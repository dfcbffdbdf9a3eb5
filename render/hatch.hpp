#pragma once
#include "render/cairo_handles.hpp"

namespace covermap::render {

// Fills the current clip with the grey diagonal lines that mean "no data" (legible in greyscale too), on the
// map and in the legend alike. Lines run along x + y = anchor + k * spacing: on the map the anchor is 0, so
// hatching runs on unbroken from one unit without data into the next; a legend swatch anchors at its own
// corner.
void hatch_clip(cairo_t* cr, double anchor = 0);

}  // namespace covermap::render
