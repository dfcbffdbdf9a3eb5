#pragma once
// Meridians and parallels in light grey, under the borders.
#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// Draws the scene's graticule (if any); the caller clips to the map frame.
void draw_graticule(cairo_t* cr, const Scene& scene, const MapTransform& transform);

}  // namespace covermap::render
