#include "render/tile_path.hpp"

namespace covermap::render {

TilePath::TilePath(double x0, double y0, int size, double margin)
    : x0_(x0), y0_(y0), frame_{x0 - margin, y0 - margin, x0 + size + margin, y0 + size + margin} {}

// Which of the nine regions around the frame a point is in (0: inside). Each region is convex.
int TilePath::outcode(const geo::Point& p) const {
  int code = 0;
  if (p.x < frame_.min_x) code |= 1;
  if (p.x > frame_.max_x) code |= 2;
  if (p.y < frame_.min_y) code |= 4;
  if (p.y > frame_.max_y) code |= 8;
  return code;
}

void TilePath::append(const PixelPart& part) {
  for (const PixelRing& ring : part.rings)
    if (ring.box.intersects(frame_)) append_ring(ring);
}

void TilePath::append_ring(const PixelRing& ring) {
  const std::size_t n = ring.points.size();
  codes_.resize(n);
  for (std::size_t i = 0; i < n; ++i) codes_[i] = outcode(ring.points[i]);
  for (std::size_t i = 0; i < n; ++i) {
    // Inside a run of vertices in one outside region only its ends matter: the region is convex and holds no
    // visible point, so the straight line between the ends changes nothing inside the frame.
    if (codes_[i] != 0 && i > 0 && i + 1 < n && codes_[i - 1] == codes_[i] && codes_[i + 1] == codes_[i])
      continue;
    path_.add_point({ring.points[i].x - x0_, ring.points[i].y - y0_});
  }
  path_.close_ring();
}

void set_cairo_path(cairo_t* cr, const RingPath& path) {
  cairo_new_path(cr);
  std::uint32_t begin = 0;
  for (const std::uint32_t end : path.ring_ends) {
    cairo_move_to(cr, path.points[begin].x, path.points[begin].y);
    for (std::uint32_t i = begin + 1; i < end; ++i) cairo_line_to(cr, path.points[i].x, path.points[i].y);
    cairo_close_path(cr);
    begin = end;
  }
}

}  // namespace covermap::render
