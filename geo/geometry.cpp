#include "geo/geometry.hpp"

#include <algorithm>
#include <cmath>

namespace covermap::geo {

Box bounds(const MultiPolygon& geometry) {
  Box box;
  for (const auto& polygon : geometry)
    for (const auto& p : polygon.outer) box.expand(p);
  return box;
}

Box ring_bounds(const Ring& ring) {
  Box box;
  for (const auto& p : ring) box.expand(p);
  return box;
}

void close_rings(MultiPolygon& geometry) {
  auto close = [](Ring& ring) {
    if (!ring.empty() && !(ring.front() == ring.back())) ring.push_back(ring.front());
  };
  for (auto& polygon : geometry) {
    close(polygon.outer);
    for (auto& hole : polygon.holes) close(hole);
  }
}

double signed_ring_area(const Ring& ring) {
  if (ring.size() < 3) return 0;
  double twice_area = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    twice_area += (ring[j].x - ring[i].x) * (ring[j].y + ring[i].y);
  return twice_area / 2;
}

void orient_rings(MultiPolygon& geometry) {
  for (Polygon& polygon : geometry) {
    if (signed_ring_area(polygon.outer) < 0) std::reverse(polygon.outer.begin(), polygon.outer.end());
    for (Ring& hole : polygon.holes)
      if (signed_ring_area(hole) > 0) std::reverse(hole.begin(), hole.end());
  }
}

double area(const Polygon& polygon) {
  double total = std::abs(signed_ring_area(polygon.outer));
  for (const auto& hole : polygon.holes) total -= std::abs(signed_ring_area(hole));
  return total;
}

double area(const MultiPolygon& geometry) {
  double total = 0;
  for (const auto& polygon : geometry) total += area(polygon);
  return total;
}

std::size_t vertex_count(const MultiPolygon& geometry) {
  std::size_t count = 0;
  for (const auto& polygon : geometry) {
    count += polygon.outer.size();
    for (const auto& hole : polygon.holes) count += hole.size();
  }
  return count;
}

bool ring_contains(const Ring& ring, const Point& p) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const Point& a = ring[i];
    const Point& b = ring[j];
    if ((a.y > p.y) != (b.y > p.y) && p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x) in = !in;
  }
  return in;
}

bool polygon_contains(const Polygon& polygon, const Point& p) {
  if (polygon.outer.size() < 3 || !ring_contains(polygon.outer, p)) return false;
  for (const auto& hole : polygon.holes)
    if (hole.size() >= 3 && ring_contains(hole, p)) return false;
  return true;
}

double squared_distance_to_segment(const Point& p, const Point& a, const Point& b) {
  const double dx = b.x - a.x;
  const double dy = b.y - a.y;
  const double length2 = dx * dx + dy * dy;
  double t = 0;
  if (length2 > 0) t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0, 1.0);
  const double ex = a.x + t * dx - p.x;
  const double ey = a.y + t * dy - p.y;
  return ex * ex + ey * ey;
}

}  // namespace covermap::geo
