#include "render/polygon_raster.hpp"

#include <algorithm>
#include <bit>
#include <cmath>

#include "render/polygon_paint.hpp"

namespace covermap::render {
namespace {

// On the inside of a turn the two offset edges meet at the point where they cross while it lies within this
// many half widths of the vertex (the turn is slight); past it they are joined straight across, crossing
// over each other (AGG's inner mitre join, as Mapnik strokes: 99.25% of the county pixels of
// tests/app/tiles_mapnik_test.cpp agree with Mapnik, against 98.96% with a notch through the vertex).
constexpr double kInnerMiterLimit = 1.01;

// Each 8-bit channel of `x` times a / 255, rounded (pixman's UN8x4_MUL_UN8).
std::uint32_t multiply_channels(std::uint32_t x, std::uint32_t a) {
  std::uint32_t rb = (x & 0x00ff00ffu) * a + 0x00800080u;
  rb = ((rb + ((rb >> 8) & 0x00ff00ffu)) >> 8) & 0x00ff00ffu;
  std::uint32_t ag = ((x >> 8) & 0x00ff00ffu) * a + 0x00800080u;
  ag = (ag + ((ag >> 8) & 0x00ff00ffu)) & 0xff00ff00u;
  return rb | ag;
}

// `colour` at `coverage` (0-255) over `pixel`, premultiplied (Cairo's OVER through a coverage mask).
std::uint32_t over(std::uint32_t pixel, std::uint32_t colour, std::uint32_t coverage) {
  const std::uint32_t source = coverage == 255 ? colour : multiply_channels(colour, coverage);
  const std::uint32_t rest = 255 - (source >> 24);
  // Premultiplied, no channel exceeds alpha, so no sum exceeds 255: the channels add without carries.
  return rest == 0 ? source : source + multiply_channels(pixel, rest);
}

double cross(const geo::Point& a, const geo::Point& b) {
  return a.x * b.y - a.y * b.x;
}

}  // namespace

std::uint32_t premultiplied_argb(const styles::Color& colour) {
  const auto scale = [&](std::uint32_t channel) { return (channel * colour.a + 127) / 255; };
  return (std::uint32_t{colour.a} << 24) | (scale(colour.r) << 16) | (scale(colour.g) << 8) | scale(colour.b);
}

void RingPath::close_ring() {
  const std::uint32_t begin = ring_ends.empty() ? 0 : ring_ends.back();
  if (points.size() - begin < 2)
    points.resize(begin);
  else
    ring_ends.push_back(static_cast<std::uint32_t>(points.size()));
}

PolygonRaster::PolygonRaster(int width, int height)
    : width_(width),
      height_(height),
      columns_(static_cast<std::size_t>(width) + 1),
      words_((columns_ + 63) / 64),
      sums_(columns_ * static_cast<std::size_t>(height)),
      reached_(words_ * static_cast<std::size_t>(height), 0),
      left_cover_(static_cast<std::size_t>(height), 0.0f) {}

void PolygonRaster::fill(const RingPath& path, std::uint32_t colour, std::uint32_t* pixels, bool antialias) {
  cover(path, scratch_);
  paint(scratch_, colour, pixels, antialias);
}

// The outline as two rings, the path's ring offset half the width to each side, the second reversed, so
// that the band between them winds once and the inside of the ring not at all. At a join the outer side
// takes the mitre's point (two points, bevelled, past the limit), the inner side as kInnerMiterLimit says.
void PolygonRaster::stroke(const RingPath& path, double width, std::uint32_t colour, std::uint32_t* pixels,
                           bool antialias) {
  const double half = width / 2;
  const double limit = kPolygonMiterLimit;
  std::uint32_t begin = 0;
  for (const std::uint32_t end : path.ring_ends) {
    ring_.clear();
    for (std::uint32_t i = begin; i < end; ++i)
      if (ring_.empty() || !(path.points[i] == ring_.back())) ring_.push_back(path.points[i]);
    begin = end;
    while (ring_.size() > 1 && ring_.back() == ring_.front()) ring_.pop_back();
    const std::size_t n = ring_.size();
    if (n < 2) continue;
    directions_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const geo::Point& a = ring_[i];
      const geo::Point& b = ring_[i + 1 == n ? 0 : i + 1];
      const double length = std::sqrt((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y));
      directions_[i] = {(b.x - a.x) / length, (b.y - a.y) / length};
    }
    // Both sides in one pass: their offsets mirror each other through the vertex.
    offset_.clear();
    other_offset_.clear();
    for (std::size_t i = 0; i < n; ++i) {
      const geo::Point& p = ring_[i];
      const geo::Point& a = directions_[i == 0 ? n - 1 : i - 1];
      const geo::Point& b = directions_[i];
      const geo::Point na{-a.y * half, a.x * half};  // the left side's normals
      const geo::Point nb{-b.y * half, b.x * half};
      const double turn = cross(a, b), dot = a.x * b.x + a.y * b.y;
      // The offset edges' crossing lies sqrt(2 / (1 + dot)) half widths from the vertex; the outside of the
      // turn is mitred to `limit`, the inside as kInnerMiterLimit says.
      const double left_reach = turn < 0 ? limit : kInnerMiterLimit;
      const double right_reach = turn > 0 ? limit : kInnerMiterLimit;
      const bool left_mitred = (1 + dot) * left_reach * left_reach >= 2;
      const bool right_mitred = (1 + dot) * right_reach * right_reach >= 2;
      if (left_mitred || right_mitred) {
        const geo::Point miter{(na.x + nb.x) / (1 + dot), (na.y + nb.y) / (1 + dot)};
        if (left_mitred) offset_.push_back({p.x + miter.x, p.y + miter.y});
        if (right_mitred) other_offset_.push_back({p.x + -miter.x, p.y + -miter.y});
      }
      if (!left_mitred) {
        offset_.push_back({p.x + na.x, p.y + na.y});
        offset_.push_back({p.x + nb.x, p.y + nb.y});
      }
      if (!right_mitred) {
        other_offset_.push_back({p.x + -na.x, p.y + -na.y});
        other_offset_.push_back({p.x + -nb.x, p.y + -nb.y});
      }
    }
    std::reverse(other_offset_.begin(), other_offset_.end());
    add_polygon(offset_.data(), offset_.size());
    add_polygon(other_offset_.data(), other_offset_.size());
  }
  take_coverage(scratch_);
  paint(scratch_, colour, pixels, antialias);
}

void PolygonRaster::add_polygon(const geo::Point* points, std::size_t count) {
  double min_x = points[0].x, max_x = min_x, min_y = points[0].y, max_y = min_y;
  for (std::size_t i = 1; i < count; ++i) {
    min_x = std::min(min_x, points[i].x);
    max_x = std::max(max_x, points[i].x);
    min_y = std::min(min_y, points[i].y);
    max_y = std::max(max_y, points[i].y);
  }
  if (max_x <= 0 || min_x >= width_ || max_y <= 0 || min_y >= height_) return;
  if (!std::isfinite(min_x + max_x + min_y + max_y)) return;  // no pixel is reached by what has no place
  // Most edges of a tile's finely simplified rings lie within one pixel: those are added here, the rest by
  // add_line (the same arithmetic as its path through add_row_piece). This path converts coordinates to int,
  // so a ring reaching further than an int (at a deep zoom) takes add_line's, which clips first.
  constexpr double kIntLimit = 1 << 30;
  const bool fits_int = min_x > -kIntLimit && max_x < kIntLimit && min_y > -kIntLimit && max_y < kIntLimit;
  for (std::size_t i = 0; i < count; ++i) {
    const geo::Point& a = points[i];
    const geo::Point& b = points[i + 1 == count ? 0 : i + 1];
    if (a.y == b.y) continue;  // changes no pixel's winding
    if (fits_int && a.x >= 0 && a.y >= 0 && b.x >= 0 && b.y >= 0) {
      const int column = static_cast<int>(a.x), row = static_cast<int>(a.y);
      if (column == static_cast<int>(b.x) && row == static_cast<int>(b.y) && column < width_ &&
          row < height_) {
        const double dy = b.y - a.y;
        add_to_cell(column, row, dy, dy * ((a.x + b.x) / 2 - column));
        continue;
      }
    }
    add_line(a, b);
  }
}

void PolygonRaster::add_left(double y0, double y1) {
  const double dy = y1 - y0;
  const double top = std::min(y0, y1), bottom = std::max(y0, y1);
  const int first = static_cast<int>(std::floor(top));
  const int last = std::min(static_cast<int>(std::ceil(bottom)), height_) - 1;
  if (left_first_ == left_end_) left_first_ = left_end_ = first;
  left_first_ = std::min(left_first_, first);
  left_end_ = std::max(left_end_, last + 1);
  const float sign = dy > 0 ? 1.0f : -1.0f;
  for (int row = first; row <= last; ++row) {
    const double covered = std::min<double>(row + 1, bottom) - std::max<double>(row, top);
    left_cover_[static_cast<std::size_t>(row)] += sign * static_cast<float>(covered);
  }
}

void PolygonRaster::add_line(geo::Point a, geo::Point b) {
  const double h = height_, w = width_;
  if (a.y == b.y) return;
  if (a.x >= 0 && b.x >= 0 && a.x <= w && b.x <= w && a.y >= 0 && b.y >= 0 && a.y <= h && b.y <= h) {
    add_in_columns(a, b);  // the common case: within the raster
    return;
  }
  if ((a.y <= 0 && b.y <= 0) || (a.y >= h && b.y >= h)) return;
  if (a.x >= w && b.x >= w) return;  // right of every pixel: changes none
  const auto at_y = [&](double y) { return geo::Point{a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x), y}; };
  geo::Point p = a.y < 0 ? at_y(0) : a.y > h ? at_y(h) : a;
  geo::Point q = b.y < 0 ? at_y(0) : b.y > h ? at_y(h) : b;
  // Split where the line crosses the raster's left and right sides: a piece left of it counts at column -1
  // (it covers every pixel of its rows), a piece right of it counts nowhere.
  double cuts[4] = {0, 1, 1, 1};
  std::size_t cut_count = 1;
  for (const double x : {0.0, w})
    if ((p.x - x) * (q.x - x) < 0) cuts[cut_count++] = (x - p.x) / (q.x - p.x);
  if (cut_count == 3 && cuts[2] < cuts[1]) std::swap(cuts[1], cuts[2]);
  cuts[cut_count] = 1;
  for (std::size_t i = 0; i < cut_count; ++i) {
    const double t0 = cuts[i], t1 = cuts[i + 1];
    if (t1 <= t0) continue;
    geo::Point s{p.x + t0 * (q.x - p.x), p.y + t0 * (q.y - p.y)};
    geo::Point e{p.x + t1 * (q.x - p.x), p.y + t1 * (q.y - p.y)};
    if (i + 1 == cut_count) e = q;
    const double middle = (s.x + e.x) / 2;
    if (middle >= w) continue;
    if (middle < 0) {
      add_left(s.y, e.y);
      continue;
    } else {
      s.x = std::clamp(s.x, 0.0, w);
      e.x = std::clamp(e.x, 0.0, w);
    }
    add_in_columns(s, e);
  }
}

// Coordinates are not negative from here on: integer conversion is the floor.
void PolygonRaster::add_in_columns(geo::Point a, geo::Point b) {
  const int row_a = static_cast<int>(a.y), row_b = static_cast<int>(b.y);
  if (row_a == row_b) {
    add_row_piece(row_a, a.x, a.y, b.x, b.y);
    return;
  }
  const double dx_dy = (b.x - a.x) / (b.y - a.y);
  double x = a.x, y = a.y;
  if (b.y > a.y) {
    for (int row = row_a; y < b.y; ++row) {
      const double next_y = std::min<double>(row + 1, b.y);
      const double next_x = next_y == b.y ? b.x : a.x + (next_y - a.y) * dx_dy;
      add_row_piece(row, x, y, next_x, next_y);
      x = next_x;
      y = next_y;
    }
  } else {
    for (int row = a.y > row_a ? row_a : row_a - 1; y > b.y; --row) {
      const double next_y = std::max<double>(row, b.y);
      const double next_x = next_y == b.y ? b.x : a.x + (next_y - a.y) * dx_dy;
      add_row_piece(row, x, y, next_x, next_y);
      x = next_x;
      y = next_y;
    }
  }
}

void PolygonRaster::add_row_piece(int row, double x0, double y0, double x1, double y1) {
  const int first = static_cast<int>(x0), last = static_cast<int>(x1);
  if (first == last) {
    const double dy = y1 - y0;
    add_to_cell(first, row, dy, dy * ((x0 + x1) / 2 - first));
    return;
  }
  const double dy_dx = (y1 - y0) / (x1 - x0);
  double x = x0, y = y0;
  const int step = last > first ? 1 : -1;
  for (int column = first; column != last; column += step) {
    const double edge = step > 0 ? column + 1 : column;  // the side of the column the piece leaves by
    const double edge_y = y0 + (edge - x0) * dy_dx;
    const double dy = edge_y - y;
    add_to_cell(column, row, dy, dy * ((x + edge) / 2 - column));
    x = edge;
    y = edge_y;
  }
  const double dy = y1 - y;
  add_to_cell(last, row, dy, dy * ((x + x1) / 2 - last));
}

void PolygonRaster::add_to_cell(int x, int y, double cover, double area) {
  if (has_current_ && current_.x == x && current_.y == y) {
    current_.cover += static_cast<float>(cover);
    current_.area += static_cast<float>(area);
    return;
  }
  flush_cell();
  current_ = {x, y, static_cast<float>(cover), static_cast<float>(area)};
  has_current_ = true;
}

void PolygonRaster::flush_cell() {
  if (has_current_ && (current_.cover != 0 || current_.area != 0)) {
    const auto x = static_cast<std::size_t>(current_.x), y = static_cast<std::size_t>(current_.y);
    Sums& sums = sums_[y * columns_ + x];
    sums.cover += current_.cover;
    sums.area += current_.area;
    reached_[y * words_ + x / 64] |= std::uint64_t{1} << (x % 64);
    if (reached_first_ == reached_end_) reached_first_ = reached_end_ = current_.y;
    reached_first_ = std::min(reached_first_, current_.y);
    reached_end_ = std::max(reached_end_, current_.y + 1);
  }
  has_current_ = false;
}

void PolygonRaster::take_coverage(Coverage& out) {
  flush_cell();
  out.cells.clear();
  out.first_row = out.end_row = 0;
  const bool reached = reached_first_ != reached_end_, left = left_first_ != left_end_;
  if (!reached && !left) return;
  // Only the rows pixels or pieces left of the raster reach.
  int first_row = reached ? reached_first_ : left_first_;
  int end_row = reached ? reached_end_ : left_end_;
  if (left) {
    first_row = std::min(first_row, left_first_);
    end_row = std::max(end_row, left_end_);
  }
  out.first_row = first_row;
  out.end_row = end_row;
  const auto rows = static_cast<std::size_t>(end_row - first_row);
  out.row_starts.resize(rows + 1);
  for (std::size_t row = 0; row < rows; ++row) {
    out.row_starts[row] = static_cast<std::uint32_t>(out.cells.size());
    const std::size_t y = row + static_cast<std::size_t>(first_row);
    std::uint64_t* words = reached_.data() + y * words_;
    Sums* sums = sums_.data() + y * columns_;
    for (std::size_t word = 0; word < words_; ++word) {
      for (std::uint64_t bits = words[word]; bits != 0; bits &= bits - 1) {
        const std::size_t x = word * 64 + static_cast<std::size_t>(std::countr_zero(bits));
        out.cells.push_back({static_cast<std::int32_t>(x), sums[x].cover, sums[x].area});
        sums[x] = {};
      }
      words[word] = 0;
    }
  }
  out.row_starts[rows] = static_cast<std::uint32_t>(out.cells.size());
  reached_first_ = reached_end_ = 0;
  out.left.assign(rows, 0.0f);
  for (int row = std::max(left_first_, first_row); row < std::min(left_end_, end_row); ++row) {
    out.left[static_cast<std::size_t>(row - first_row)] = left_cover_[static_cast<std::size_t>(row)];
    left_cover_[static_cast<std::size_t>(row)] = 0;
  }
  left_first_ = left_end_ = 0;
}

void PolygonRaster::cover(const RingPath& path, Coverage& out) {
  std::uint32_t begin = 0;
  for (const std::uint32_t end : path.ring_ends) {
    add_polygon(path.points.data() + begin, end - begin);
    begin = end;
  }
  take_coverage(out);
}

void PolygonRaster::paint(const Coverage& coverage, std::uint32_t colour, std::uint32_t* pixels,
                          bool antialias, bool base_under_antialiased, double threshold) const {
  const auto antialiased = [](double a) -> std::uint32_t {
    // NOLINTNEXTLINE(bugprone-incorrect-roundings): a is not negative, so this rounds half up
    return a >= 1 ? 255 : static_cast<std::uint32_t>(a * 255 + 0.5);
  };
  const bool leave_whole = base_under_antialiased && !antialias && (colour >> 24) == 255;
  const auto coverage_of = [&](double value) -> std::uint32_t {
    const double a = std::abs(value);
    if (antialias) return antialiased(a);
    if (leave_whole && antialiased(a) == 255) return 0;
    return a >= threshold ? 255 : 0;
  };
  const auto span = [&](std::uint32_t* line, int begin, int end, std::uint32_t c) {
    if (c == 255 && (colour >> 24) == 255) {
      std::fill(line + begin, line + end, colour);
    } else {
      for (int i = begin; i < end; ++i) line[i] = over(line[i], colour, c);
    }
  };
  for (int row = coverage.first_row; row < coverage.end_row; ++row) {
    const auto index = static_cast<std::size_t>(row - coverage.first_row);
    const Cell* begin = coverage.cells.data() + coverage.row_starts[index];
    const Cell* end = coverage.cells.data() + coverage.row_starts[index + 1];
    std::uint32_t* line = pixels + static_cast<std::ptrdiff_t>(row) * width_;
    // The cover of the pieces left of the current cell: the winding of the pixels up to it.
    double sum = coverage.left[index];
    if (begin == end) {
      if (const std::uint32_t c = coverage_of(sum); c > 0) span(line, 0, width_, c);
      continue;
    }
    if (begin->x > 0)
      if (const std::uint32_t c = coverage_of(sum); c > 0) span(line, 0, std::min(begin->x, width_), c);
    for (const Cell* cell = begin; cell != end;) {
      const int x = cell->x;
      const double cover = cell->cover, area = cell->area;
      ++cell;
      if (x < width_) {
        const std::uint32_t c = coverage_of(sum + cover - area);
        if (c > 0) line[x] = over(line[x], colour, c);
      }
      sum += cover;
      const int span_begin = std::max(x + 1, 0);
      const int span_end = std::min(cell == end ? width_ : cell->x, width_);
      if (span_begin >= span_end) continue;
      if (const std::uint32_t c = coverage_of(sum); c > 0) span(line, span_begin, span_end, c);
    }
  }
}

}  // namespace covermap::render
