#include "render/draw_units.hpp"

#include <algorithm>
#include <numeric>

#include "render/hatch.hpp"
#include "render/path_writer.hpp"
#include "render/polygon_paint.hpp"
#include "render/text.hpp"

namespace covermap::render {
namespace {

bool visible(const SceneUnit& unit, const MapTransform& transform, const Rect& frame) {
  if (unit.bounds.empty()) return false;
  const geo::Point top_left = transform.to_page({unit.bounds.min_x, unit.bounds.max_y});
  const geo::Point bottom_right = transform.to_page({unit.bounds.max_x, unit.bounds.min_y});
  return frame.overlaps({top_left.x, top_left.y, bottom_right.x - top_left.x, bottom_right.y - top_left.y});
}

// The part of `frame` that can show: the clip may be smaller (a raster page is drawn in bands, one per
// thread), and what lies well outside it need not be drawn at all. The margin keeps a border that reaches
// into the clip from a unit just outside it.
Rect drawable(cairo_t* cr, const Rect& frame) {
  constexpr double kMarginPt = 3;
  double x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  cairo_clip_extents(cr, &x1, &y1, &x2, &y2);
  return frame.intersection(
      {x1 - kMarginPt, y1 - kMarginPt, x2 - x1 + 2 * kMarginPt, y2 - y1 + 2 * kMarginPt});
}

}  // namespace

void draw_units(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& map_frame,
                double grid_pt, double pixel_pt) {
  const Rect frame = drawable(cr, map_frame);
  if (frame.width <= 0 || frame.height <= 0) return;
  CairoSaveGuard guard(cr);
  use_polygon_fill(cr);
  const styles::BorderStyle& borders = scene.style.borders;
  const bool bordered = borders.visible && borders.width_pt > 0;
  PathWriter path(cr, transform, frame, grid_pt);
  for (const auto& unit : scene.units) {
    if (!visible(unit, transform, frame)) continue;
    const styles::Color fill = unit.fill.value_or(scene.style.no_data.fill);
    cairo_new_path(cr);
    path.append(unit.shape);
    set_source(cr, fill);
    cairo_fill_preserve(cr);
    if (!unit.fill && scene.style.no_data.hatch) {
      {
        CairoSaveGuard clip_guard(cr);
        cairo_clip(cr);
        hatch_clip(cr);
      }
      cairo_new_path(cr);
      path.append(unit.shape);
    }
    if (bordered) {
      use_polygon_stroke(cr, borders.width_pt);
      set_source(cr, borders.color);
    } else {
      // Without borders, anti-aliased neighbours let the paper show through as hairline seams; a stroke of
      // the fill's own colour, 1.5 device pixels wide, closes them (1 pixel still leaves a faint line).
      use_polygon_stroke(cr, 1.5 * pixel_pt);
    }
    cairo_stroke(cr);
  }
}

void draw_labels(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& frame,
                 const std::vector<Rect>& keep_clear) {
  if (scene.style.labels.field.empty()) return;
  const TextStyle style = text_style(scene.style, scene.style.labels.size_pt, false, {0x22, 0x22, 0x22});
  // Larger units first: when labels collide, the one for the bigger unit stays.
  std::vector<std::size_t> order(scene.units.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scene.units[a].area > scene.units[b].area; });
  std::vector<Rect> placed = keep_clear;
  for (std::size_t index : order) {
    const SceneUnit& unit = scene.units[index];
    if (unit.label.empty()) continue;
    auto layout = make_layout(cr, unit.label, style);
    const TextSize size = layout_size(layout.get());
    // A unit smaller on the page than a line of text gets no label: it would name the neighbour it covers.
    if (std::max(unit.bounds.width(), unit.bounds.height()) * transform.scale() < size.height) continue;
    const geo::Point at = transform.to_page(unit.label_at);
    const Rect box{at.x - size.width / 2, at.y - size.height / 2, size.width, size.height};
    if (!frame.contains(box)) continue;
    if (std::any_of(placed.begin(), placed.end(), [&](const Rect& other) { return other.overlaps(box); }))
      continue;
    placed.push_back(box);
    // Dark text with a light halo on light fills; the reverse on dark ones, so every label reads.
    const styles::Color fill = unit.fill.value_or(scene.style.no_data.fill);
    const double luminance = (0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b) / 255;
    if (luminance < 0.4)
      draw_layout(cr, layout.get(), box.x, box.y, {255, 255, 255}, style.size_pt * 0.25, {0, 0, 0, 90});
    else
      draw_layout(cr, layout.get(), box.x, box.y, style.color, style.size_pt * 0.25);
  }
}

}  // namespace covermap::render
