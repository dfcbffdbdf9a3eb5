#include "render/map_space.hpp"

namespace covermap::render {

bool shows_units(const Scene& scene, const MapTransform& transform, const Rect& box) {
  // The box in projected coordinates (y up).
  const double scale = transform.scale();
  const geo::Point origin = transform.to_page({0, 0});
  const geo::Box projected{(box.x - origin.x) / scale, (origin.y - box.bottom()) / scale,
                           (box.right() - origin.x) / scale, (origin.y - box.y) / scale};
  const geo::Point centre{(projected.min_x + projected.max_x) / 2, (projected.min_y + projected.max_y) / 2};
  for (const SceneUnit& unit : scene.units) {
    if (unit.bounds.empty() || !unit.bounds.intersects(projected)) continue;
    for (const geo::Polygon& polygon : unit.shape) {
      for (const geo::Point& p : polygon.outer)
        if (p.x >= projected.min_x && p.x <= projected.max_x && p.y >= projected.min_y &&
            p.y <= projected.max_y)
          return true;
      if (geo::polygon_contains(polygon, centre)) return true;
    }
  }
  return false;
}

}  // namespace covermap::render
