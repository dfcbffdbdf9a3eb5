#include "render/draw_points.hpp"

#include <algorithm>
#include <array>
#include <cmath>

#include "render/point_symbol.hpp"
#include "render/text.hpp"

namespace covermap::render {
namespace {

constexpr double kBadgeGapPt = 0.8;  // between badges moved apart
constexpr double kLabelGapPt = 1;    // between a symbol and its label

bool hits_any(const std::vector<Rect>& taken, const Rect& box) {
  return std::any_of(taken.begin(), taken.end(), [&](const Rect& other) { return other.overlaps(box); });
}

// Where a badge goes: at its point, or, when an earlier badge is there (two highlights in one city), the
// nearest free place beside it, so every number stays readable.
std::optional<geo::Point> badge_place(const Badge& badge, geo::Point at, const Rect& frame,
                                      const std::vector<Rect>& badges) {
  const double step_x = badge.width() + kBadgeGapPt, step_y = badge.height() + kBadgeGapPt;
  constexpr std::array<std::array<int, 2>, 9> kOffsets{
      {{0, 0}, {1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {-1, 1}, {2, 0}, {-2, 0}}};
  for (const auto& [dx, dy] : kOffsets) {
    const geo::Point centre{at.x + dx * step_x, at.y + dy * step_y};
    const Rect box = badge.box(centre);
    if (frame.contains(box) && !hits_any(badges, box)) return centre;
  }
  return std::nullopt;
}

}  // namespace

PointPlacement place_points(cairo_t* cr, const Scene& scene, const MapTransform& transform,
                            const Rect& frame) {
  PointPlacement placed;
  if (scene.points.empty()) return placed;
  const styles::PointStyle& style = scene.style.points;
  for (std::size_t i = 0; i < scene.points.size(); ++i) {
    const ScenePoint& point = scene.points[i];
    if (!point.number.empty()) continue;
    const geo::Point at = transform.to_page(point.at);
    const Rect box = symbol_box(point.shape, at, point.radius_pt);
    if (!frame.contains(box)) continue;
    placed.symbols.push_back({i, at});
    placed.boxes.push_back(box);
  }
  const TextStyle badge_text = text_style(scene.style, style.badge_size_pt, true, {255, 255, 255});
  std::vector<Rect> badges;
  for (std::size_t i = 0; i < scene.points.size(); ++i) {
    const ScenePoint& point = scene.points[i];
    if (point.number.empty()) continue;
    const Badge badge(cr, point.number, badge_text);
    const auto centre = badge_place(badge, transform.to_page(point.at), frame, badges);
    if (!centre) continue;
    placed.badges.push_back({i, *centre});
    badges.push_back(badge.box(*centre));
  }
  placed.boxes.insert(placed.boxes.end(), badges.begin(), badges.end());

  // Labels beside their symbol: right, else left, above or below; left out where each would cover another
  // label or symbol.
  const TextStyle text = text_style(scene.style, style.label_size_pt, false, {0x22, 0x22, 0x22});
  for (const auto& [index, at] : placed.symbols) {
    const ScenePoint& point = scene.points[index];
    if (point.label.empty()) continue;
    auto layout = make_layout(cr, point.label, text);
    const TextSize size = layout_size(layout.get());
    const Rect symbol = symbol_box(point.shape, at, point.radius_pt);
    const std::array<Rect, 4> candidates{
        Rect{symbol.right() + kLabelGapPt, at.y - size.height / 2, size.width, size.height},
        Rect{symbol.x - kLabelGapPt - size.width, at.y - size.height / 2, size.width, size.height},
        Rect{at.x - size.width / 2, symbol.y - size.height, size.width, size.height},
        Rect{at.x - size.width / 2, symbol.bottom(), size.width, size.height}};
    for (const Rect& box : candidates) {
      if (!frame.contains(box) || hits_any(placed.boxes, box)) continue;
      placed.labels.push_back({index, {box.x, box.y}});
      placed.boxes.push_back(box);
      break;
    }
  }
  return placed;
}

void draw_points(cairo_t* cr, const Scene& scene, const PointPlacement& placed) {
  const styles::PointStyle& style = scene.style.points;
  for (const auto& [index, at] : placed.symbols) {
    const ScenePoint& point = scene.points[index];
    draw_symbol(cr, point.shape, at, point.radius_pt, point.fill, style.stroke);
  }
  const TextStyle badge_text = text_style(scene.style, style.badge_size_pt, true, {255, 255, 255});
  for (const auto& [index, centre] : placed.badges)
    Badge(cr, scene.points[index].number, badge_text).draw(cr, centre, style.badge_fill, false);
  const TextStyle text = text_style(scene.style, style.label_size_pt, false, {0x22, 0x22, 0x22});
  for (const auto& [index, corner] : placed.labels) {
    auto layout = make_layout(cr, scene.points[index].label, text);
    draw_layout(cr, layout.get(), corner.x, corner.y, text.color, text.size_pt * 0.25);
  }
}

}  // namespace covermap::render
