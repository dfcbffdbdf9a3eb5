#include <algorithm>
#include <cmath>

#include "geo/projection.hpp"
#include "render/scene.hpp"

namespace covermap::render {

void add_points(Scene& scene, const styles::PointLayer& layer) {
  const styles::PointStyle& style = scene.style.points;
  for (auto& entry : styles::point_legend_entries(layer, style)) scene.legend.push_back(std::move(entry));
  if (layer.marks.empty()) return;
  const geo::Projector projector(scene.style.projection);
  double largest = 0;
  for (const auto& mark : layer.marks)
    if (mark.size) largest = std::max(largest, std::abs(*mark.size));
  for (const auto& mark : layer.marks) {
    if (!mark.lon_lat) continue;  // listed in the legend only
    const geo::Point at = projector.forward(*mark.lon_lat);
    if (!std::isfinite(at.x) || !std::isfinite(at.y)) continue;
    ScenePoint point{at, style.min_radius_pt, mark.label, style.fill, style.shape, mark.number};
    if (mark.kind >= 0) {
      const styles::PointKind& kind = layer.kinds[static_cast<std::size_t>(mark.kind)];
      point.fill = kind.fill;
      point.shape = kind.shape;
      if (kind.radius_pt > 0) point.radius_pt = kind.radius_pt;
    }
    // Area, not radius, proportional to the value: the eye reads a circle by its area.
    if (mark.size && largest > 0)
      point.radius_pt =
          std::max(style.min_radius_pt, style.max_radius_pt * std::sqrt(std::abs(*mark.size) / largest));
    scene.points.push_back(std::move(point));
  }
  // Big symbols under small ones, so none hides another, and badges above all; ties keep the table's order.
  std::stable_sort(scene.points.begin(), scene.points.end(), [](const ScenePoint& a, const ScenePoint& b) {
    if (a.number.empty() != b.number.empty()) return a.number.empty();
    return a.radius_pt > b.radius_pt;
  });
}

}  // namespace covermap::render
