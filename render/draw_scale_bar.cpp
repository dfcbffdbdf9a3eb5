#include "render/draw_scale_bar.hpp"

#include <cmath>
#include <sstream>

#include "render/text.hpp"

namespace covermap::render {

double round_scale_length(double max_km) {
  if (!(max_km > 0)) return 0;
  const double magnitude = std::pow(10, std::floor(std::log10(max_km)));
  for (double step : {5.0, 2.0, 1.0})
    if (step * magnitude <= max_km) return step * magnitude;
  return magnitude;
}

void draw_scale_bar(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& frame) {
  if (!scene.style.scale_bar || scene.ground_metres_per_unit <= 0) return;
  const double points_per_km = transform.scale() * 1000 / scene.ground_metres_per_unit;
  const double km = round_scale_length(frame.width * 0.2 / points_per_km);
  if (km <= 0) return;
  const double length = km * points_per_km;

  const TextStyle style = text_style(scene.style, 6.5, false, {0x33, 0x33, 0x33});
  std::ostringstream label;
  label << km << " km";
  auto zero = make_layout(cr, "0", style);
  auto end = make_layout(cr, label.str(), style);
  const TextSize end_size = layout_size(end.get());

  const bool legend_on_right = scene.style.legend.position == LegendPosition::bottom_right;
  constexpr double kInset = 4;
  constexpr double kBarHeight = 2.5;
  const double x = legend_on_right ? frame.x + kInset : frame.right() - kInset - length - end_size.width / 2;
  const double y = frame.bottom() - kInset - end_size.height - kBarHeight;

  CairoSaveGuard guard(cr);
  // Two halves, dark and light, in the style of printed atlases.
  cairo_set_line_width(cr, 0.5);
  cairo_rectangle(cr, x, y, length / 2, kBarHeight);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_fill_preserve(cr);
  cairo_stroke(cr);
  cairo_rectangle(cr, x + length / 2, y, length / 2, kBarHeight);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_stroke(cr);
  const double text_y = y + kBarHeight + 0.5;
  draw_layout(cr, zero.get(), x - layout_size(zero.get()).width / 2, text_y, style.color, 1.5);
  draw_layout(cr, end.get(), x + length - end_size.width / 2, text_y, style.color, 1.5);
}

}  // namespace covermap::render
