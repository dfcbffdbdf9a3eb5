#include "render/tile_path.hpp"

namespace covermap::render {

TilePath::TilePath(cairo_t* cr, double x0, double y0, int size, double margin)
    : cr_(cr), x0_(x0), y0_(y0), frame_{x0 - margin, y0 - margin, x0 + size + margin, y0 + size + margin} {}

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
  bool started = false;
  for (std::size_t i = 0; i < n; ++i) {
    // Inside a run of vertices in one outside region only its ends matter: the region is convex and holds no
    // visible point, so the straight line between the ends changes nothing inside the frame.
    if (codes_[i] != 0 && i > 0 && i + 1 < n && codes_[i - 1] == codes_[i] && codes_[i + 1] == codes_[i])
      continue;
    const double x = ring.points[i].x - x0_;
    const double y = ring.points[i].y - y0_;
    if (started) {
      cairo_line_to(cr_, x, y);
    } else {
      cairo_move_to(cr_, x, y);
      started = true;
    }
  }
  if (started) cairo_close_path(cr_);
}

}  // namespace covermap::render
