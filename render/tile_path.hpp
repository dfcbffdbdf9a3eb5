#pragma once
// World-pixel rings as a path in one tile's pixel coordinates: the tile's world offset (a whole number of
// pixels) is subtracted exactly, so an edge crossing from one tile into the next lands on the same pixels in
// both; runs of vertices in one region outside the tile collapse to their ends (what is inside the tile stays
// exactly as it was).
#include <vector>

#include "render/cairo_handles.hpp"
#include "render/polygon_raster.hpp"
#include "render/tile_geometry.hpp"

namespace covermap::render {

class TilePath {
 public:
  // The tile covers world pixels [x0, x0 + size) x [y0, y0 + size); `margin` pixels around it count as
  // inside.
  TilePath(double x0, double y0, int size, double margin);

  void clear() { path_.clear(); }
  void append(const PixelPart& part);
  const RingPath& path() const { return path_; }

 private:
  int outcode(const geo::Point& p) const;
  void append_ring(const PixelRing& ring);

  double x0_, y0_;
  geo::Box frame_;  // world pixels
  std::vector<int> codes_;
  RingPath path_;
};

// `path` as Cairo's current path (replacing it), for what Cairo still draws: hatching clipped to a unit.
void set_cairo_path(cairo_t* cr, const RingPath& path);

}  // namespace covermap::render
