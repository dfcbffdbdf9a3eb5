#pragma once
// Turns projected geometry into a Cairo path on the page: vertices snap to a fine grid (repeats dropped) and
// runs of vertices outside the frame collapse to their ends. Both keep what is visible exactly as it was, and
// both treat the two sides of a shared edge alike, so neighbours stay glued.
#include <vector>

#include "geo/geometry.hpp"
#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"

namespace covermap::render {

class PathWriter {
 public:
  // `frame` is the visible area; a margin is added so strokes along its edge are not cut short.
  PathWriter(cairo_t* cr, const MapTransform& transform, const Rect& frame, double grid_pt);

  void append(const geo::MultiPolygon& shape);

 private:
  void append_ring(const geo::Ring& ring);
  int outcode(const geo::Point& page) const;

  cairo_t* cr_;
  const MapTransform& transform_;
  Rect frame_;
  double grid_pt_;
  std::vector<geo::Point> page_;  // reused between rings
  std::vector<int> codes_;
};

}  // namespace covermap::render
