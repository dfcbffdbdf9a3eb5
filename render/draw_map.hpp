#pragma once
// One complete map drawn into a rectangle of the page: fills, graticule, borders, labels, points, inset,
// north arrow, scale bar and legend. The page around it (title block, source line, panel headings) is
// draw_figure's.
#include <optional>

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
// `area`, when given, is where the units are fitted instead (panels of one extent share it, so their maps
// line up at one scale).
void draw_map(cairo_t* cr, const Scene& scene, const Rect& frame, const DeviceResolution& resolution,
              const std::optional<Rect>& area = std::nullopt);

// Where draw_map fits the units in `frame` when the legend box is `legend`: the whole frame, or the part
// beside or above/below the legend.
Rect map_area(const Scene& scene, const Rect& frame, const std::optional<Rect>& legend);

}  // namespace covermap::render
