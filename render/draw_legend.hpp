#pragma once
#include <optional>

#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// The legend box in a corner of the map frame: title, then one swatch and label per class.
void draw_legend(cairo_t* cr, const Scene& scene, const Rect& frame);

// Where draw_legend puts the box; none when there is no legend.
std::optional<Rect> legend_box(cairo_t* cr, const Scene& scene, const Rect& frame);

}  // namespace covermap::render
