#pragma once
// Which unit holds a point: a coarse grid over the units' extent lists the parts whose boxes meet each cell,
// and an even-odd crossing test decides among them. Used for tiles no edge comes near, where one point
// decides the whole tile.
#include <cstdint>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::render {

class UnitLocator {
 public:
  UnitLocator() = default;
  explicit UnitLocator(const std::vector<geo::MultiPolygon>& shapes);

  // Index of the first of `shapes` (the ones it was built from) containing `p`, or -1.
  int locate(const std::vector<geo::MultiPolygon>& shapes, geo::Point p) const;

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
