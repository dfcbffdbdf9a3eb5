#include "render/unit_locator.hpp"

#include <algorithm>
#include <cmath>

namespace covermap::render {

UnitLocator::UnitLocator(const std::vector<std::vector<geo::Box>>& outer_boxes)
    : cells_(static_cast<std::size_t>(kCells) * kCells) {
  for (std::uint32_t s = 0; s < outer_boxes.size(); ++s)
    for (std::uint32_t i = 0; i < outer_boxes[s].size(); ++i) {
      const geo::Box& box = outer_boxes[s][i];
      if (box.empty()) continue;
      parts_.push_back({s, i, box});
      extent_.expand(box);
    }
  for (std::uint32_t k = 0; k < parts_.size(); ++k) {
    const geo::Box& box = parts_[k].box;
    for (int cy = cell_y(box.min_y); cy <= cell_y(box.max_y); ++cy)
      for (int cx = cell_x(box.min_x); cx <= cell_x(box.max_x); ++cx)
        cells_[static_cast<std::size_t>(cy) * kCells + static_cast<std::size_t>(cx)].push_back(k);
  }
}

int UnitLocator::cell_x(double x) const {
  if (!(extent_.width() > 0)) return 0;
  const double t = (x - extent_.min_x) / extent_.width() * kCells;
  return std::clamp(static_cast<int>(std::floor(t)), 0, kCells - 1);
}

int UnitLocator::cell_y(double y) const {
  if (!(extent_.height() > 0)) return 0;
  const double t = (y - extent_.min_y) / extent_.height() * kCells;
  return std::clamp(static_cast<int>(std::floor(t)), 0, kCells - 1);
}

int UnitLocator::locate(geo::Point p,
                        const std::function<const geo::MultiPolygon&(std::uint32_t)>& shape_of) const {
  if (parts_.empty() || p.x < extent_.min_x || p.x > extent_.max_x || p.y < extent_.min_y ||
      p.y > extent_.max_y)
    return -1;
  const std::size_t cell =
      static_cast<std::size_t>(cell_y(p.y)) * kCells + static_cast<std::size_t>(cell_x(p.x));
  for (std::uint32_t k : cells_[cell]) {
    const Part& part = parts_[k];
    if (p.x < part.box.min_x || p.x > part.box.max_x || p.y < part.box.min_y || p.y > part.box.max_y)
      continue;
    if (geo::polygon_contains(shape_of(part.shape)[part.polygon], p)) return static_cast<int>(part.shape);
  }
  return -1;
}

}  // namespace covermap::render
