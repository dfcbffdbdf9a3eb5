#pragma once
// Where each part of the figure goes on the page, and how projected coordinates map onto it.
#include "geo/geometry.hpp"

namespace covermap::render {

struct Rect {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;
  double right() const { return x + width; }
  double bottom() const { return y + height; }
  bool overlaps(const Rect& other) const {
    return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
  }
  bool contains(const Rect& other) const {
    return other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom();
  }
};

// Projected metres (y up) to page points (y down), fitting `extent` centred in `frame`.
class MapTransform {
 public:
  MapTransform(const geo::Box& extent, const Rect& frame);
  geo::Point to_page(const geo::Point& p) const {
    return {offset_x_ + p.x * scale_, offset_y_ - p.y * scale_};
  }
  double scale() const { return scale_; }  // page points per projected unit

 private:
  double scale_ = 1;
  double offset_x_ = 0;
  double offset_y_ = 0;
};

constexpr double points_from_mm(double mm) {
  return mm * 72.0 / 25.4;
}

}  // namespace covermap::render
