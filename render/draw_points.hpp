#pragma once
// The `points:` symbol layer: circles above the choropleth, labels beside them where they fit.
#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

void draw_points(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& frame);

}  // namespace covermap::render
