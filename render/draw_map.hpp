#pragma once
// One complete map drawn into a rectangle of the page: fills, graticule, borders, labels, points, inset,
// north arrow, scale bar and legend. The page around it (title block, source line, panel headings) is
// draw_figure's.
#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// How finely a surface shows detail, in points.
struct DeviceResolution {
  double pixel_pt;  // one device pixel (PNG) or a fine printer's dot (PDF, SVG)
  double grid_pt;   // vertices snap to this grid; repeated ones are dropped
};

// The map fills `frame` as far as its aspect allows. When the legend, in its corner of the frame, would
// cover units, the map is fitted beside or above/below the legend instead (whichever keeps it larger).
// `max_scale` (page points per projected unit; 0: none) keeps it no larger: small multiples share a scale.
void draw_map(cairo_t* cr, const Scene& scene, const Rect& frame, const DeviceResolution& resolution,
              double max_scale = 0);

// The scale draw_map would draw `scene` at in `frame` without a `max_scale`.
double map_scale(cairo_t* cr, const Scene& scene, const Rect& frame);

}  // namespace covermap::render
