#include "render/draw_points.hpp"

#include <algorithm>
#include <cmath>

#include "render/text.hpp"

namespace covermap::render {

void draw_points(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& frame) {
  if (scene.points.empty()) return;
  const styles::PointStyle& style = scene.style.points;
  std::vector<Rect> taken;
  for (const auto& point : scene.points) {
    const geo::Point at = transform.to_page(point.at);
    const Rect box{at.x - point.radius_pt, at.y - point.radius_pt, 2 * point.radius_pt, 2 * point.radius_pt};
    if (!frame.contains(box)) continue;
    cairo_new_path(cr);
    cairo_arc(cr, at.x, at.y, point.radius_pt, 0, 2 * M_PI);
    set_source(cr, style.fill);
    cairo_fill_preserve(cr);
    set_source(cr, style.stroke);
    cairo_set_line_width(cr, 0.4);
    cairo_stroke(cr);
    taken.push_back(box);
  }
  // Labels to the right of their circle, skipped where they would cover another label or circle.
  const TextStyle text = text_style(scene.style, style.label_size_pt, false, {0x22, 0x22, 0x22});
  std::vector<Rect> labels;
  for (const auto& point : scene.points) {
    if (point.label.empty()) continue;
    const geo::Point at = transform.to_page(point.at);
    auto layout = make_layout(cr, point.label, text);
    const TextSize size = layout_size(layout.get());
    const Rect box{at.x + point.radius_pt + 1, at.y - size.height / 2, size.width, size.height};
    if (!frame.contains(box)) continue;
    const auto hits = [&](const Rect& other) { return other.overlaps(box); };
    if (std::any_of(labels.begin(), labels.end(), hits) || std::any_of(taken.begin(), taken.end(), hits))
      continue;
    labels.push_back(box);
    draw_layout(cr, layout.get(), box.x, box.y, text.color, text.size_pt * 0.25);
  }
}

}  // namespace covermap::render
