#pragma once
// The framed inset at the lower right of the map: the same units at their own scale (for maps of China, the
// South China Sea islands), with the boundary line when the scene has one.
#include <optional>

#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// Where the inset goes: the frame's lower-right corner (above the legend when the legend is there), as large
// as it can be, from a third of the frame's height down to a fifth, without hiding the main map's units
// (`transform` places them); none when the scene has no inset.
std::optional<Rect> inset_box(const Scene& scene, const Rect& frame, const MapTransform& transform,
                              const std::optional<Rect>& legend);

// Paints over the main map inside `box`: white ground, fills, borders, boundary line, thin frame.
void draw_inset(cairo_t* cr, const Scene& scene, const Rect& box, double grid_pt, double pixel_pt);

}  // namespace covermap::render
