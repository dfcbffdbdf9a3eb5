#include "render/draw_scale_bar.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "render/map_space.hpp"
#include "render/text.hpp"

namespace covermap::render {

double round_scale_length(double max_km) {
  if (!(max_km > 0)) return 0;
  const double magnitude = std::pow(10, std::floor(std::log10(max_km)));
  for (double step : {5.0, 2.0, 1.0})
    if (step * magnitude <= max_km) return step * magnitude;
  return magnitude;
}

void draw_scale_bar(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& frame,
                    const std::vector<Rect>& occupied) {
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

  const bool legend_on_right = scene.style.legend.position == styles::LegendPosition::bottom_right;
  constexpr double kInset = 4;
  constexpr double kBarHeight = 2.5;
  double x = legend_on_right ? frame.x + kInset : frame.right() - kInset - length - end_size.width / 2;
  double y = frame.bottom() - kInset - end_size.height - kBarHeight;
  // The bar with its labels: "0" centred under its start, the length under its end.
  const double zero_half = layout_size(zero.get()).width / 2;
  const auto box_at = [&](double bar_x, double bar_y) {
    return Rect{bar_x - zero_half, bar_y, length + zero_half + end_size.width / 2,
                kBarHeight + 0.5 + end_size.height};
  };
  const auto free = [&](const Rect& box) {
    return frame.contains(box) &&
           std::none_of(occupied.begin(), occupied.end(), [&](const Rect& o) { return o.overlaps(box); });
  };
  if (!free(box_at(x, y))) {
    // Beside what is there: left of it or right of it on the same bottom line, else above it; a place over
    // open sea or paper first.
    std::vector<std::pair<double, double>> candidates;
    const double above = kInset + end_size.height + kBarHeight + 0.5;
    for (const Rect& o : occupied) {
      candidates.emplace_back(o.x - kInset - length - end_size.width / 2, y);
      candidates.emplace_back(o.right() - kInset - length - end_size.width / 2, o.y - above);
      candidates.emplace_back(o.right() + kInset + zero_half, y);
      candidates.emplace_back(o.x + kInset + zero_half, o.y - above);
    }
    const auto pick = [&](bool clear_of_units) {
      for (const auto& [cx, cy] : candidates)
        if (free(box_at(cx, cy)) && (!clear_of_units || !shows_units(scene, transform, box_at(cx, cy)))) {
          x = cx;
          y = cy;
          return true;
        }
      return false;
    };
    if (!pick(true)) pick(false);
  }

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
