#include "render/tile_clip.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>

namespace covermap::render {
namespace {

// Coordinates of far-away vertices reach 2^36 and their products 2^74: exact in 128 bits.
__extension__ typedef __int128 Int128;

// The clip works in doubled coordinates, against a box half a unit outside the inclusive one: every vertex
// (even) is then strictly inside or strictly outside (the box's edges are odd), so no vertex lies on the
// edge and crossings are never ambiguous. Crossings are snapped onto the inclusive box's edge.
struct Doubled {
  Int128 x0, y0, x1, y1;  // the half-unit-wider box, doubled: odd numbers
  explicit Doubled(const GridBox& box)
      : x0(Int128{box.min_x} * 2 - 1),
        y0(Int128{box.min_y} * 2 - 1),
        x1(Int128{box.max_x} * 2 + 1),
        y1(Int128{box.max_y} * 2 + 1) {}
  long double width() const { return static_cast<long double>(x1 - x0); }
  long double height() const { return static_cast<long double>(y1 - y0); }
  long double perimeter() const { return 2 * (width() + height()); }
};

bool inside(const GridPoint& p, const GridBox& box) {
  return p.x >= box.min_x && p.x <= box.max_x && p.y >= box.min_y && p.y <= box.max_y;
}

// Nearest integer to num / den (den > 0), halves rounded up.
std::int64_t round_div(Int128 num, Int128 den) {
  const Int128 twice = 2 * num + den;
  const Int128 d = 2 * den;
  Int128 q = twice / d;
  if (twice % d != 0 && twice < 0) --q;  // floor
  return static_cast<std::int64_t>(q);
}

enum class Side { left, bottom, right, top };

// Where along the box's edge a point lies, counted counter-clockwise in grid coordinates (the way an
// exterior ring runs) from the corner (x0, y0): the order in which pieces are joined.
long double perimeter_position(const Doubled& d, Side side, long double along) {
  switch (side) {
    case Side::bottom:
      return along - static_cast<long double>(d.x0);
    case Side::right:
      return d.width() + (along - static_cast<long double>(d.y0));
    case Side::top:
      return d.width() + d.height() + (static_cast<long double>(d.x1) - along);
    case Side::left:
      break;
  }
  return 2 * d.width() + d.height() + (static_cast<long double>(d.y1) - along);
}

struct Crossing {
  GridPoint at;       // on the inclusive box's edge
  long double s = 0;  // perimeter_position
};

// The point where segment a-b (doubled) meets the side's line, snapped to the grid box.
Crossing crossing(GridPoint a, GridPoint b, Side side, const Doubled& d, const GridBox& box) {
  const Int128 ax = Int128{a.x} * 2, ay = Int128{a.y} * 2, bx = Int128{b.x} * 2, by = Int128{b.y} * 2;
  const bool vertical_side = side == Side::left || side == Side::right;
  const Int128 line = side == Side::left     ? d.x0
                      : side == Side::right  ? d.x1
                      : side == Side::bottom ? d.y0
                                             : d.y1;
  // Along the side: a + (line - a_n) / (b_n - a_n) * (b - a), for n the side's normal axis.
  const Int128 a_n = vertical_side ? ax : ay, b_n = vertical_side ? bx : by;
  const Int128 a_t = vertical_side ? ay : ax, b_t = vertical_side ? by : bx;
  Int128 den = b_n - a_n;
  Int128 num = a_t * den + (line - a_n) * (b_t - a_t);
  if (den < 0) num = -num, den = -den;
  const long double along = static_cast<long double>(num) / static_cast<long double>(den);
  Crossing c;
  c.s = perimeter_position(d, side, along);
  const std::int64_t t = round_div(num, 2 * den);  // undoubled
  if (vertical_side)
    c.at = {side == Side::left ? box.min_x : box.max_x, std::clamp(t, box.min_y, box.max_y)};
  else
    c.at = {std::clamp(t, box.min_x, box.max_x), side == Side::bottom ? box.min_y : box.max_y};
  return c;
}

struct SegmentClip {
  Crossing enter, exit;
};

// Liang-Barsky against the open doubled box, exactly: where segment a->b enters and leaves it, if it passes
// through. Computed with the endpoints in a fixed order, so b->a gives the same points, swapped.
std::optional<SegmentClip> clip_segment(GridPoint a, GridPoint b, const Doubled& d, const GridBox& box) {
  const bool swapped = b.x < a.x || (b.x == a.x && b.y < a.y);
  if (swapped) std::swap(a, b);
  struct Fraction {
    Int128 num, den;  // den > 0
  };
  const auto less = [](const Fraction& p, const Fraction& q) { return p.num * q.den < q.num * p.den; };
  Fraction t_enter{0, 1}, t_exit{1, 1};
  std::optional<Side> enter_side, exit_side;
  const auto axis = [&](Int128 from, Int128 to, Int128 low, Int128 high, Side low_side, Side high_side) {
    const Int128 delta = to - from;
    if (delta == 0) return from > low && from < high;
    const Fraction at_low = delta > 0 ? Fraction{low - from, delta} : Fraction{from - low, -delta};
    const Fraction at_high = delta > 0 ? Fraction{high - from, delta} : Fraction{from - high, -delta};
    const Fraction& in = delta > 0 ? at_low : at_high;
    const Fraction& out = delta > 0 ? at_high : at_low;
    if (less(t_enter, in)) t_enter = in, enter_side = delta > 0 ? low_side : high_side;
    if (less(out, t_exit)) t_exit = out, exit_side = delta > 0 ? high_side : low_side;
    return true;
  };
  if (!axis(Int128{a.x} * 2, Int128{b.x} * 2, d.x0, d.x1, Side::left, Side::right)) return std::nullopt;
  if (!axis(Int128{a.y} * 2, Int128{b.y} * 2, d.y0, d.y1, Side::bottom, Side::top)) return std::nullopt;
  if (!less(t_enter, t_exit)) return std::nullopt;
  SegmentClip clip;
  // A missing side means the segment starts (or ends) inside: that end is then not a crossing.
  if (enter_side) clip.enter = crossing(a, b, *enter_side, d, box);
  if (exit_side) clip.exit = crossing(a, b, *exit_side, d, box);
  if (swapped) std::swap(clip.enter, clip.exit);
  return clip;
}

Int128 cross(const GridPoint& o, const GridPoint& a, const GridPoint& b) {
  return Int128{a.x - o.x} * (b.y - o.y) - Int128{a.y - o.y} * (b.x - o.x);
}

struct Piece {
  GridRing points;  // from the entry crossing to the exit crossing
  long double enter_s = 0, exit_s = 0;
};

// Walks one ring, starting at a vertex outside the box: the runs inside, each from where it enters to where
// it leaves. Empty when the ring never enters.
std::vector<Piece> pieces_inside(const GridRing& ring, std::size_t start, const Doubled& d,
                                 const GridBox& box) {
  std::vector<Piece> pieces;
  Piece piece;
  const std::size_t n = ring.size();
  for (std::size_t k = 0; k < n; ++k) {
    const GridPoint& a = ring[(start + k) % n];
    const GridPoint& b = ring[(start + k + 1) % n];
    const bool a_in = inside(a, box), b_in = inside(b, box);
    if (a_in && b_in) {
      piece.points.push_back(b);
      continue;
    }
    const std::optional<SegmentClip> clip = clip_segment(a, b, d, box);
    if (!clip) continue;
    if (!a_in) {
      piece = Piece{{clip->enter.at}, clip->enter.s, 0};
    }
    if (b_in) {
      piece.points.push_back(b);
    } else {
      piece.points.push_back(clip->exit.at);
      piece.exit_s = clip->exit.s;
      pieces.push_back(std::move(piece));
      piece = Piece{};
    }
  }
  return pieces;
}

// Joins the pieces into closed rings: from each exit, along the box's edge counter-clockwise (through the
// corners passed) to the nearest entry not yet taken.
std::vector<GridRing> join_pieces(std::vector<Piece>& pieces, const Doubled& d, const GridBox& box) {
  const long double perimeter = d.perimeter();
  const std::array<std::pair<long double, GridPoint>, 4> corners{{
      {0, {box.min_x, box.min_y}},
      {d.width(), {box.max_x, box.min_y}},
      {d.width() + d.height(), {box.max_x, box.max_y}},
      {2 * d.width() + d.height(), {box.min_x, box.max_y}},
  }};
  const auto distance = [&](long double from, long double to) {
    const long double delta = to - from;
    return delta >= 0 ? delta : delta + perimeter;
  };
  std::vector<std::size_t> next(pieces.size());
  std::vector<bool> taken(pieces.size(), false);
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    std::size_t best = pieces.size();
    for (std::size_t j = 0; j < pieces.size(); ++j)
      if (!taken[j] && (best == pieces.size() || distance(pieces[i].exit_s, pieces[j].enter_s) <
                                                     distance(pieces[i].exit_s, pieces[best].enter_s)))
        best = j;
    next[i] = best;
    taken[best] = true;
  }
  std::vector<GridRing> rings;
  std::vector<bool> used(pieces.size(), false);
  for (std::size_t first = 0; first < pieces.size(); ++first) {
    if (used[first]) continue;
    GridRing ring;
    for (std::size_t i = first; !used[i]; i = next[i]) {
      used[i] = true;
      ring.insert(ring.end(), pieces[i].points.begin(), pieces[i].points.end());
      // The corners passed, in the order met: they are sorted by position, so start after `from`.
      const long double from = pieces[i].exit_s;
      const long double gap = distance(from, pieces[next[i]].enter_s);
      std::size_t c = 0;
      while (c < corners.size() && corners[c].first <= from) ++c;
      for (std::size_t k = 0; k < corners.size(); ++k) {
        const auto& [s, corner] = corners[(c + k) % corners.size()];
        const long double along = distance(from, s);
        if (along <= 0 || along >= gap) break;
        ring.push_back(corner);
      }
    }
    rings.push_back(std::move(ring));
  }
  return rings;
}

bool on_segment(const GridPoint& p, const GridPoint& a, const GridPoint& b) {
  return cross(a, b, p) == 0 && std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) &&
         std::min(a.y, b.y) <= p.y && p.y <= std::max(a.y, b.y);
}

// Whether `inner` (which does not cross `outer`) lies inside it: decided at the first vertex of `inner` not
// on `outer`'s boundary (a hole may touch its exterior at a point).
bool ring_holds(const GridRing& outer, const GridRing& inner) {
  for (const GridPoint& p : inner) {
    bool on_boundary = false;
    for (std::size_t i = 0, j = outer.size() - 1; i < outer.size() && !on_boundary; j = i++)
      on_boundary = on_segment(p, outer[j], outer[i]);
    if (!on_boundary) return point_in_ring(p, outer);
  }
  return false;
}

std::uint64_t point_key(const GridPoint& p) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(p.x)) << 32) |
         static_cast<std::uint32_t>(p.y);
}

// Appends the ring, cleaned, to `out`; a ring passing twice through a vertex is appended as its loops.
void split_at_touching_vertices(GridRing ring, std::vector<GridRing>& out) {
  if (!clean_ring(ring)) return;
  std::vector<std::uint64_t> keys(ring.size());
  std::transform(ring.begin(), ring.end(), keys.begin(), point_key);
  std::sort(keys.begin(), keys.end());
  if (std::adjacent_find(keys.begin(), keys.end()) == keys.end()) {
    out.push_back(std::move(ring));
    return;
  }
  // Walk the ring keeping the path since the last loop closed; a vertex met again closes a loop.
  std::unordered_map<std::uint64_t, std::size_t> position;
  GridRing path;
  for (const GridPoint& p : ring) {
    const auto found = position.find(point_key(p));
    if (found == position.end()) {
      position.emplace(point_key(p), path.size());
      path.push_back(p);
      continue;
    }
    GridRing loop(path.begin() + static_cast<std::ptrdiff_t>(found->second), path.end());
    for (std::size_t i = found->second + 1; i < path.size(); ++i) position.erase(point_key(path[i]));
    path.resize(found->second + 1);
    if (clean_ring(loop)) out.push_back(std::move(loop));
  }
  if (clean_ring(path)) out.push_back(std::move(path));
}

}  // namespace

bool point_in_ring(const GridPoint& p, const GridRing& ring) {
  bool in = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const GridPoint& a = ring[i];
    const GridPoint& b = ring[j];
    if ((a.y > p.y) == (b.y > p.y)) continue;
    // p.x < the edge's x at p.y, compared without division (the sign of b.y - a.y decides the direction).
    const Int128 lhs = Int128{p.x - a.x} * (b.y - a.y);
    const Int128 rhs = Int128{b.x - a.x} * (p.y - a.y);
    if ((b.y > a.y) ? lhs < rhs : lhs > rhs) in = !in;
  }
  return in;
}

long double twice_signed_area(const GridRing& ring) {
  Int128 sum = 0;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++)
    sum += Int128{ring[j].x} * ring[i].y - Int128{ring[i].x} * ring[j].y;
  return static_cast<long double>(sum);
}

bool clean_ring(GridRing& ring) {
  GridRing out;
  out.reserve(ring.size());
  for (const GridPoint& p : ring) {
    while (out.size() >= 2 && cross(out[out.size() - 2], out.back(), p) == 0) out.pop_back();
    if (!out.empty() && out.back() == p) continue;
    out.push_back(p);
  }
  // Where the ring closes: the last vertex against the first two, and the first against the last two.
  std::size_t begin = 0;
  for (bool changed = true; changed && out.size() - begin >= 3;) {
    changed = false;
    if (out.back() == out[begin] || cross(out[out.size() - 2], out.back(), out[begin]) == 0) {
      out.pop_back();
      changed = true;
    } else if (cross(out.back(), out[begin], out[begin + 1]) == 0) {
      ++begin;
      changed = true;
    }
  }
  out.erase(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(begin));
  ring = std::move(out);
  return ring.size() >= 3 && twice_signed_area(ring) != 0;
}

GridRing box_ring(const GridBox& box) {
  return {{box.min_x, box.min_y}, {box.max_x, box.min_y}, {box.max_x, box.max_y}, {box.min_x, box.max_y}};
}

std::vector<GridRing> clip_polygon(const std::vector<GridRing>& rings, const GridBox& box) {
  const Doubled d(box);
  const GridPoint centre{box.min_x + (box.max_x - box.min_x) / 2, box.min_y + (box.max_y - box.min_y) / 2};
  std::vector<Piece> pieces;
  std::vector<GridRing> exteriors, holes;
  bool box_in_outer = false, box_in_hole = false;
  for (std::size_t r = 0; r < rings.size(); ++r) {
    if (rings[r].size() < 3) {
      if (r == 0) return {};
      continue;
    }
    // Outer rings positive, holes negative: the interior on the same side of every ring, so pieces of the
    // outer ring and of holes join alike.
    GridRing ring = rings[r];
    if ((twice_signed_area(ring) > 0) != (r == 0)) std::reverse(ring.begin(), ring.end());
    const auto outside =
        std::find_if(ring.begin(), ring.end(), [&](const GridPoint& p) { return !inside(p, box); });
    if (outside == ring.end()) {
      (r == 0 ? exteriors : holes).push_back(std::move(ring));
      continue;
    }
    std::vector<Piece> found = pieces_inside(ring, static_cast<std::size_t>(outside - ring.begin()), d, box);
    if (found.empty()) {
      // Wholly outside the box: it either holds the box or misses it.
      if (point_in_ring(centre, ring)) (r == 0 ? box_in_outer : box_in_hole) = true;
      if (r == 0 && !box_in_outer) return {};
      continue;
    }
    for (Piece& piece : found) pieces.push_back(std::move(piece));
  }
  if (box_in_hole) return {};
  if (!pieces.empty())
    for (GridRing& ring : join_pieces(pieces, d, box)) exteriors.push_back(std::move(ring));
  else if (box_in_outer)
    exteriors.push_back(box_ring(box));

  // Rings that touch themselves (a neck narrower than the grid closes to a point) become one ring per loop,
  // each an exterior or a hole by its own winding, and each hole goes after the exterior that holds it.
  std::vector<GridRing> loops;
  for (GridRing& ring : exteriors) split_at_touching_vertices(std::move(ring), loops);
  for (GridRing& ring : holes) split_at_touching_vertices(std::move(ring), loops);
  exteriors.clear();
  holes.clear();
  for (GridRing& loop : loops) (twice_signed_area(loop) > 0 ? exteriors : holes).push_back(std::move(loop));
  std::vector<GridRing> out;
  if (exteriors.size() == 1) {
    out.push_back(std::move(exteriors.front()));
    for (GridRing& hole : holes) out.push_back(std::move(hole));
    return out;
  }
  std::vector<std::vector<GridRing*>> holes_of(exteriors.size());
  for (GridRing& hole : holes)
    for (std::size_t e = 0; e < exteriors.size(); ++e)
      if (ring_holds(exteriors[e], hole)) {
        holes_of[e].push_back(&hole);
        break;
      }
  for (std::size_t e = 0; e < exteriors.size(); ++e) {
    out.push_back(std::move(exteriors[e]));
    for (GridRing* hole : holes_of[e]) out.push_back(std::move(*hole));
  }
  return out;
}

}  // namespace covermap::render
