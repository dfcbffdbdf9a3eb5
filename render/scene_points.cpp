#include <algorithm>
#include <cmath>

#include "geo/projection.hpp"
#include "render/scene.hpp"

namespace covermap::render {

void add_points(Scene& scene, const std::vector<PointMark>& marks) {
  if (marks.empty()) return;
  const geo::Projector projector(scene.style.projection);
  const styles::PointStyle& style = scene.style.points;
  double largest = 0;
  for (const auto& mark : marks)
    if (mark.size) largest = std::max(largest, std::abs(*mark.size));
  for (const auto& mark : marks) {
    const geo::Point at = projector.forward(mark.lon_lat);
    if (!std::isfinite(at.x) || !std::isfinite(at.y)) continue;
    double radius = style.min_radius_pt;
    // Area, not radius, proportional to the value: the eye reads a circle by its area.
    if (mark.size && largest > 0)
      radius = std::max(style.min_radius_pt, style.max_radius_pt * std::sqrt(std::abs(*mark.size) / largest));
    scene.points.push_back({at, radius, mark.label});
  }
  // Big circles under small ones, so none hides another; ties keep the table's order.
  std::stable_sort(scene.points.begin(), scene.points.end(),
                   [](const ScenePoint& a, const ScenePoint& b) { return a.radius_pt > b.radius_pt; });
}

}  // namespace covermap::render
