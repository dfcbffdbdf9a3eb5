#pragma once
#include <algorithm>
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
  // The part of this inside `other` (zero-sized where they do not meet).
  Rect intersection(const Rect& other) const {
    const double left = std::max(x, other.x), top = std::max(y, other.y);
    return {left, top, std::max(0.0, std::min(right(), other.right()) - left),
            std::max(0.0, std::min(bottom(), other.bottom()) - top)};
  }
};

// Projected metres (y up) to page points (y down), fitting `extent` in `frame`: centred, or in its top-left
// corner so that the space left over gathers at the right and bottom (for an inset there).
class MapTransform {
 public:
  enum class Align { centre, top_left };
  MapTransform(const geo::Box& extent, const Rect& frame, Align align = Align::centre);
  geo::Point to_page(const geo::Point& p) const {
    return {offset_x_ + p.x * scale_, offset_y_ - p.y * scale_};
  }
  geo::Point to_map(const geo::Point& page) const {
    return {(page.x - offset_x_) / scale_, (offset_y_ - page.y) / scale_};
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
