#include "render/draw_graticule.hpp"

namespace covermap::render {

void draw_graticule(cairo_t* cr, const Scene& scene, const MapTransform& transform) {
  if (scene.graticule.empty()) return;
  CairoSaveGuard guard(cr);
  cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
  cairo_set_line_width(cr, 0.35);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_new_path(cr);
  for (const geo::LineString& line : scene.graticule) {
    const geo::Point first = transform.to_page(line.front());
    cairo_move_to(cr, first.x, first.y);
    for (std::size_t i = 1; i < line.size(); ++i) {
      const geo::Point p = transform.to_page(line[i]);
      cairo_line_to(cr, p.x, p.y);
    }
  }
  cairo_stroke(cr);
}

}  // namespace covermap::render
