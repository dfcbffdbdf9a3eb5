#include "geo/antimeridian.hpp"

#include <algorithm>
#include <cmath>

namespace covermap::geo {
namespace {

// Just inside the map's edge: PROJ puts exactly ±180° on either edge.
constexpr double kEdge = 180 - 1e-9;

// Into [-180, 180).
double wrap(double degrees) {
  double wrapped = std::fmod(degrees + 180, 360);
  if (wrapped < 0) wrapped += 360;
  return wrapped - 180;
}

// The ring's longitudes relative to the central meridian, unwrapped: each vertex within 180° of the one
// before it, so that a ring across the edge runs on past ±180° instead of jumping. A ring around a pole
// ends a whole turn from where it began; it is closed along the pole.
Ring unwrap(const Ring& ring, double central_meridian) {
  Ring out;
  out.reserve(ring.size() + 2);
  for (const Point& p : ring) {
    const double relative = wrap(p.x - central_meridian);
    out.push_back({out.empty() ? relative : out.back().x + wrap(relative - wrap(out.back().x)), p.y});
  }
  if (out.size() >= 2 && std::abs(out.back().x - out.front().x) > 180) {
    double mean_latitude = 0;
    for (const Point& p : out) mean_latitude += p.y;
    const double pole = mean_latitude >= 0 ? 90 : -90;
    const Point first = out.front();
    out.push_back({out.back().x, pole});
    out.push_back({first.x, pole});
    out.push_back(first);
  }
  return out;
}

// Sutherland-Hodgman against the strip lo <= x <= hi. A concave ring may come out as several pieces joined
// by zero-width runs along the strip's edge, which fill and outline as they should at the map's edge.
Ring clip_to_strip(const Ring& ring, double lo, double hi) {
  const auto clip = [](const Ring& in, double edge, bool keep_above) {
    Ring out;
    const auto inside = [&](const Point& p) { return keep_above ? p.x >= edge : p.x <= edge; };
    for (std::size_t i = 0; i < in.size(); ++i) {
      const Point& a = in[i];
      const Point& b = in[(i + 1) % in.size()];
      if (inside(a)) out.push_back(a);
      if (inside(a) != inside(b)) {
        const double t = (edge - a.x) / (b.x - a.x);
        out.push_back({edge, a.y + t * (b.y - a.y)});
      }
    }
    return out;
  };
  Ring open(ring.begin(), ring.end() - (ring.size() > 1 && ring.front() == ring.back() ? 1 : 0));
  Ring out = clip(clip(open, lo, true), hi, false);
  if (out.size() < 3) return {};
  out.push_back(out.front());
  return out;
}

Ring shifted(Ring ring, double by, double central_meridian) {
  for (Point& p : ring) p.x = std::clamp(p.x - by, -kEdge, kEdge) + central_meridian;
  return ring;
}

bool crosses(const Ring& unwrapped) {
  return std::any_of(unwrapped.begin(), unwrapped.end(),
                     [](const Point& p) { return std::abs(p.x) > kEdge; });
}

}  // namespace

MultiPolygon cut_at_antimeridian(MultiPolygon lon_lat, double central_meridian) {
  MultiPolygon out;
  out.reserve(lon_lat.size());
  for (Polygon& polygon : lon_lat) {
    Ring outer = unwrap(polygon.outer, central_meridian);
    std::vector<Ring> holes;
    for (const Ring& hole : polygon.holes) holes.push_back(unwrap(hole, central_meridian));
    if (!crosses(outer) && std::none_of(holes.begin(), holes.end(), crosses)) {
      out.push_back(std::move(polygon));
      continue;
    }
    // The windows of one turn the ring spans: [-180, 180] is the map; [180, 540] is shifted back by 360.
    double west = outer.front().x, east = west;
    for (const Point& p : outer) west = std::min(west, p.x), east = std::max(east, p.x);
    for (long turn = std::lround(std::floor((west + 180) / 360));
         static_cast<double>(turn) * 360 - 180 < east; ++turn) {
      const double offset = static_cast<double>(turn) * 360;
      Ring piece = clip_to_strip(outer, offset - 180, offset + 180);
      if (piece.empty()) continue;
      Polygon part{shifted(std::move(piece), offset, central_meridian), {}};
      for (const Ring& hole : holes) {
        // A hole lies within its outer ring, but was unwrapped on its own: bring it to the same turn.
        const double hole_offset = 360 * std::round((hole.front().x - outer.front().x) / 360);
        Ring moved = hole;
        for (Point& p : moved) p.x -= hole_offset;
        Ring clipped = clip_to_strip(moved, offset - 180, offset + 180);
        if (!clipped.empty()) part.holes.push_back(shifted(std::move(clipped), offset, central_meridian));
      }
      out.push_back(std::move(part));
    }
  }
  return out;
}

}  // namespace covermap::geo
