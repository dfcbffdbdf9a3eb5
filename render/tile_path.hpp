#pragma once
// Appends world-pixel rings to a Cairo path in one tile's pixel coordinates: the tile's world offset (a whole
// number of pixels) is subtracted exactly, so an edge crossing from one tile into the next lands on the same
// pixels in both; runs of vertices in one region outside the tile collapse to their ends (what is inside the
// tile stays exactly as it was).
#include <vector>

#include "render/cairo_handles.hpp"
#include "render/tile_geometry.hpp"

namespace covermap::render {

class TilePath {
 public:
  // The tile covers world pixels [x0, x0 + size) x [y0, y0 + size); `margin` pixels around it count as
  // inside.
  TilePath(cairo_t* cr, double x0, double y0, int size, double margin);

  void append(const PixelPart& part);

 private:
  int outcode(const geo::Point& p) const;
  void append_ring(const PixelRing& ring);

  cairo_t* cr_;
  double x0_, y0_;
  geo::Box frame_;  // world pixels
  std::vector<int> codes_;
};

}  // namespace covermap::render
