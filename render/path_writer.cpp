#include "render/path_writer.hpp"

#include <cmath>

namespace covermap::render {

namespace {
constexpr double kFrameMarginPt = 3;
}  // namespace

PathWriter::PathWriter(cairo_t* cr, const MapTransform& transform, const Rect& frame, double grid_pt)
    : cr_(cr),
      transform_(transform),
      frame_{frame.x - kFrameMarginPt, frame.y - kFrameMarginPt, frame.width + 2 * kFrameMarginPt,
             frame.height + 2 * kFrameMarginPt},
      grid_pt_(grid_pt) {}

// Which of the nine regions around the frame a point is in (0: inside). Each region is convex.
int PathWriter::outcode(const geo::Point& page) const {
  int code = 0;
  if (page.x < frame_.x) code |= 1;
  if (page.x > frame_.right()) code |= 2;
  if (page.y < frame_.y) code |= 4;
  if (page.y > frame_.bottom()) code |= 8;
  return code;
}

void PathWriter::append(const geo::MultiPolygon& shape) {
  for (const auto& polygon : shape) {
    append_ring(polygon.outer);
    for (const auto& hole : polygon.holes) append_ring(hole);
  }
}

void PathWriter::append_ring(const geo::Ring& ring) {
  const std::size_t n = ring.size();
  page_.resize(n);
  codes_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    page_[i] = transform_.to_page(ring[i]);
    codes_[i] = outcode(page_[i]);
  }
  bool started = false;
  double last_x = 0, last_y = 0;
  int emitted = 0;
  for (std::size_t i = 0; i < n; ++i) {
    // Inside a run of vertices in one outside region, only its ends matter: the region is convex and holds no
    // visible point, so the straight line between the ends changes nothing inside the frame.
    const bool interior_of_outside_run =
        codes_[i] != 0 && i > 0 && i + 1 < n && codes_[i - 1] == codes_[i] && codes_[i + 1] == codes_[i];
    if (interior_of_outside_run) continue;
    const double x = std::round(page_[i].x / grid_pt_) * grid_pt_;
    const double y = std::round(page_[i].y / grid_pt_) * grid_pt_;
    if (started && x == last_x && y == last_y) continue;
    if (started) {
      cairo_line_to(cr_, x, y);
    } else {
      cairo_move_to(cr_, x, y);
      started = true;
    }
    last_x = x, last_y = y;
    ++emitted;
  }
  if (emitted >= 3) cairo_close_path(cr_);
}

}  // namespace covermap::render
