#include "render/polygon_paint.hpp"

namespace covermap::render {

void use_polygon_fill(cairo_t* cr) {
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
}

void use_polygon_stroke(cairo_t* cr, double width) {
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_miter_limit(cr, kPolygonMiterLimit);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
  cairo_set_line_width(cr, width);
}

}  // namespace covermap::render
