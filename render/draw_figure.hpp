#pragma once
// The page: title block and source line once, and the maps in the area between them (draw_map.hpp draws
// each map into its rectangle).
#include "render/cairo_handles.hpp"
#include "render/draw_map.hpp"
#include "render/figure.hpp"

namespace covermap::render {

// Draws the whole page in points. One panel without a heading fills the map area; several share it in a
// grid of equal cells with a small gap, each with its heading above its map.
void draw_figure(cairo_t* cr, const Figure& figure, const DeviceResolution& resolution);

// The single-map figure of `scene` (its style gives the page and the title block).
void draw_figure(cairo_t* cr, const Scene& scene, const DeviceResolution& resolution);

}  // namespace covermap::render
