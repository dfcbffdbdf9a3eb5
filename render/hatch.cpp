#include "render/hatch.hpp"

#include <cmath>

namespace covermap::render {

void hatch_clip(cairo_t* cr, double anchor) {
  double x1, y1, x2, y2;
  cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
  constexpr double kSpacing = 2.2;
  cairo_set_source_rgb(cr, 0.62, 0.62, 0.62);
  cairo_set_line_width(cr, 0.35);
  // Each line is x + y = anchor + k * spacing.
  const long first = static_cast<long>(std::floor((x1 + y1 - anchor) / kSpacing));
  const long last = static_cast<long>(std::ceil((x2 + y2 - anchor) / kSpacing));
  for (long k = first; k <= last; ++k) {
    const double c = anchor + static_cast<double>(k) * kSpacing;
    cairo_move_to(cr, c - y2, y2);
    cairo_line_to(cr, c - y1, y1);
  }
  cairo_stroke(cr);
}

}  // namespace covermap::render
