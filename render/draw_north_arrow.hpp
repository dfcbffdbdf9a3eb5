#pragma once
// A north arrow in a top corner of the map frame, pointing to true north at the frame's centre.
#include <optional>

#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// Where the arrow goes: the top-right corner of `frame`, or the top-left when the legend is top-right; none
// when the map file does not ask for one.
std::optional<Rect> north_arrow_box(const Scene& scene, const Rect& frame);

void draw_north_arrow(cairo_t* cr, const Scene& scene, const Rect& box);

}  // namespace covermap::render
