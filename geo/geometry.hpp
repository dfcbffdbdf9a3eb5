#pragma once
// The plain geometry model every layer above geo/ works with: no GDAL, GEOS or PROJ types leak past geo/.
#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace covermap::geo {

struct Point {
  double x = 0;
  double y = 0;
  bool operator==(const Point&) const = default;
};

// A closed ring: the first point is repeated as the last.
using Ring = std::vector<Point>;

struct Polygon {
  Ring outer;
  std::vector<Ring> holes;
  bool operator==(const Polygon&) const = default;
};

using MultiPolygon = std::vector<Polygon>;

// Polylines, for boundary lines that are not areas (e.g. a maritime line).
using LineString = std::vector<Point>;

struct Box {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  bool empty() const { return min_x > max_x || min_y > max_y; }
  double width() const { return max_x - min_x; }
  double height() const { return max_y - min_y; }
  void expand(const Point& p) {
    min_x = std::min(min_x, p.x);
    min_y = std::min(min_y, p.y);
    max_x = std::max(max_x, p.x);
    max_y = std::max(max_y, p.y);
  }
  void expand(const Box& other) {
    if (other.empty()) return;
    expand(Point{other.min_x, other.min_y});
    expand(Point{other.max_x, other.max_y});
  }
  bool intersects(const Box& other) const {
    return !(other.min_x > max_x || other.max_x < min_x || other.min_y > max_y || other.max_y < min_y);
  }
};

Box bounds(const MultiPolygon& geometry);
Box ring_bounds(const Ring& ring);

// Repeats each ring's first point at its end where a source left it open.
void close_rings(MultiPolygon& geometry);

// Planar area (units of the coordinates squared); holes subtract.
double area(const Polygon& polygon);
double area(const MultiPolygon& geometry);
double signed_ring_area(const Ring& ring);  // positive for counter-clockwise (y up)

// Winds every outer ring counter-clockwise and every hole clockwise (y up), whatever the source did, so the
// non-zero fill rule fills parts and leaves holes (render/polygon_paint).
void orient_rings(MultiPolygon& geometry);

// Even-odd (crossing number) point-in-polygon: whether `p` is inside the ring, and inside the polygon's outer
// ring but none of its holes. A point exactly on an edge may go either way.
bool ring_contains(const Ring& ring, const Point& p);
bool polygon_contains(const Polygon& polygon, const Point& p);

// The squared distance from p to the nearest point of segment a-b.
double squared_distance_to_segment(const Point& p, const Point& a, const Point& b);

// Total number of vertices, for reports and benchmarks.
std::size_t vertex_count(const MultiPolygon& geometry);

// Calls visit(ring) for every ring of `shape` (a MultiPolygon, const or not): each part's outer ring, then
// its holes. The order every per-vertex list of a shape follows.
template <typename Shape, typename Visit>
void for_each_ring(Shape& shape, Visit visit) {
  for (auto& polygon : shape) {
    visit(polygon.outer);
    for (auto& hole : polygon.holes) visit(hole);
  }
}

}  // namespace covermap::geo
