#pragma once
// Which unit holds a point: a coarse grid over the units' extent lists the parts whose boxes meet each cell,
// and an even-odd crossing test decides among them. Used for tiles no edge comes near, where one point
// decides the whole tile.
#include <cstdint>
#include <functional>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::render {

class UnitLocator {
 public:
  UnitLocator() = default;
  // From each shape's polygons' outer boxes (any box holding the outer ring; an empty box: a polygon left
  // out), so the shapes themselves are needed only where a point is looked up.
  explicit UnitLocator(const std::vector<std::vector<geo::Box>>& outer_boxes);

  // Index of the first shape containing `p`, or -1; `shape_of(index)` gives the shape.
  int locate(geo::Point p, const std::function<const geo::MultiPolygon&(std::uint32_t)>& shape_of) const;

 private:
  struct Part {
    std::uint32_t shape;
    std::uint32_t polygon;
    geo::Box box;
  };
  static constexpr int kCells = 128;
  int cell_x(double x) const;
  int cell_y(double y) const;

  geo::Box extent_;
  std::vector<Part> parts_;
  std::vector<std::vector<std::uint32_t>> cells_;  // kCells * kCells lists of part indices
};

}  // namespace covermap::render
