#pragma once
#include <vector>

// The choropleth itself: fills, no-data hatching, borders, and labels on top.
#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// `grid_pt` is the snapping grid for vertices in page points: finer than the eye or a pixel can tell apart,
// identical for both neighbours of a shared edge, so simplification never opens a gap between them.
// Units wholly outside `frame` are skipped: they would only add bytes to a PDF or SVG.
//
// Unit by unit, its fill and then its border (round-joined, so the next unit's fill covers nothing of a
// border that its own border does not paint again): one path per unit that a PDF writes once, as one
// fill-and-stroke, rather than twice. Without borders each fill gets a hairline stroke of its own colour
// against anti-aliasing seams.
void draw_units(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& frame,
                double grid_pt, double pixel_pt);
// Labels never overlap each other nor the `keep_clear` boxes (an inset drawn over the map).
void draw_labels(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& frame,
                 const std::vector<Rect>& keep_clear = {});

}  // namespace covermap::render
