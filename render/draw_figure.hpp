#pragma once
#include "render/cairo_handles.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// Draws the whole page in points: title block, map, legend, source line. `pixel_pt` is one device pixel in
// points (for PDF and SVG: a fine printer's dot), which sets how finely geometry is kept.
void draw_figure(cairo_t* cr, const Scene& scene, double pixel_pt);

}  // namespace covermap::render
