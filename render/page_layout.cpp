#include "render/page_layout.hpp"

#include <algorithm>

namespace covermap::render {

MapTransform::MapTransform(const geo::Box& extent, const Rect& frame, Align align) {
  if (extent.empty() || extent.width() <= 0 || extent.height() <= 0) return;
  scale_ = std::min(frame.width / extent.width(), frame.height / extent.height());
  const double centre_x = (extent.min_x + extent.max_x) / 2;
  const double centre_y = (extent.min_y + extent.max_y) / 2;
  offset_x_ = frame.x + frame.width / 2 - centre_x * scale_;
  offset_y_ = frame.y + frame.height / 2 + centre_y * scale_;
  if (align == Align::top_left) {
    offset_x_ = frame.x - extent.min_x * scale_;
    offset_y_ = frame.y + extent.max_y * scale_;
  }
}

}  // namespace covermap::render
