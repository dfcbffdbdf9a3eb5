#pragma once
#include "render/cairo_handles.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// How finely a surface shows detail, in points.
struct DeviceResolution {
  double pixel_pt;  // one device pixel (PNG) or a fine printer's dot (PDF, SVG)
  double grid_pt;   // vertices snap to this grid; repeated ones are dropped
};

// Draws the whole page in points: title block, map, legend, scale bar, source line.
void draw_figure(cairo_t* cr, const Scene& scene, const DeviceResolution& resolution);

}  // namespace covermap::render
