#include "render/draw_units.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <optional>

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

bool inside(const SceneUnit& unit, const geo::Point& at) {
  return std::any_of(unit.shape.begin(), unit.shape.end(),
                     [&](const geo::Polygon& part) { return geo::polygon_contains(part, at); });
}

// Where a unit's label goes: centred on its label point, or, when something already placed is there (a
// point's label, a neighbour's), a line above or below it, or half its width aside, as long as the label's
// centre stays inside the unit.
std::optional<Rect> label_box(const SceneUnit& unit, const geo::Point& at, const TextSize& size,
                              const MapTransform& transform, const Rect& frame,
                              const std::vector<Rect>& placed) {
  const std::array<geo::Point, 5> offsets{geo::Point{0, 0}, geo::Point{0, -size.height},
                                          geo::Point{0, size.height}, geo::Point{-size.width / 2, 0},
                                          geo::Point{size.width / 2, 0}};
  for (const geo::Point& offset : offsets) {
    const geo::Point centre{at.x + offset.x, at.y + offset.y};
    const Rect box{centre.x - size.width / 2, centre.y - size.height / 2, size.width, size.height};
    if (!frame.contains(box)) continue;
    if (std::any_of(placed.begin(), placed.end(), [&](const Rect& other) { return other.overlaps(box); }))
      continue;
    if (offset.x != 0 || offset.y != 0) {
      if (!inside(unit, transform.to_map(centre))) continue;
    }
    return box;
  }
  return std::nullopt;
}

// Beside a unit too small to hold its label: right of it, else left, centred on it.
std::optional<Rect> beside_box(const SceneUnit& unit, const TextSize& size, const MapTransform& transform,
                               const Rect& frame, const std::vector<Rect>& placed) {
  constexpr double kGap = 1.5;
  const geo::Point top_left = transform.to_page({unit.bounds.min_x, unit.bounds.max_y});
  const geo::Point bottom_right = transform.to_page({unit.bounds.max_x, unit.bounds.min_y});
  const double middle = (top_left.y + bottom_right.y) / 2;
  for (const double x : {bottom_right.x + kGap, top_left.x - kGap - size.width}) {
    const Rect box{x, middle - size.height / 2, size.width, size.height};
    if (frame.contains(box) &&
        std::none_of(placed.begin(), placed.end(), [&](const Rect& other) { return other.overlaps(box); }))
      return box;
  }
  return std::nullopt;
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
    // A unit smaller on the page than a line of text would have its label cover the neighbours: it gets none,
    // unless the map asked for this very label (labels.column, one row per unit): then it goes beside the
    // unit.
    const bool small = std::max(unit.bounds.width(), unit.bounds.height()) * transform.scale() < size.height;
    if (small && scene.style.labels.column.empty()) continue;
    const std::optional<Rect> found =
        small ? beside_box(unit, size, transform, frame, placed)
              : label_box(unit, transform.to_page(unit.label_at), size, transform, frame, placed);
    if (!found) continue;
    const Rect box = *found;
    placed.push_back(box);
    if (small) {
      draw_layout(cr, layout.get(), box.x, box.y, style.color, style.size_pt * 0.25);
      continue;
    }
    // Dark text with a light halo on light fills; the reverse on dark ones, so every label reads. A label
    // wider than its unit lies mostly on the neighbours, whose fills are not its unit's: dark on light.
    const styles::Color fill = unit.fill.value_or(scene.style.no_data.fill);
    const double luminance = (0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b) / 255;
    const bool spills = box.width > unit.bounds.width() * transform.scale();
    if (luminance < 0.4 && !spills)
      draw_layout(cr, layout.get(), box.x, box.y, {255, 255, 255}, style.size_pt * 0.25, {0, 0, 0, 90});
    else
      draw_layout(cr, layout.get(), box.x, box.y, style.color, style.size_pt * 0.25);
  }
}

}  // namespace covermap::render
