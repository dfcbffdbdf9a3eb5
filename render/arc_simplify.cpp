#include "render/arc_simplify.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "render/parallel_for.hpp"

namespace covermap::render {
namespace {

struct GridPoint {
  std::int64_t x, y;
  std::uint64_t key() const { return (static_cast<std::uint64_t>(x) << 32) | static_cast<std::uint32_t>(y); }
};

// One vertex of one ring: its position and its two neighbours, ordered so both directions of travel agree.
struct Occurrence {
  std::uint64_t key, low, high;
};

std::vector<GridPoint> to_grid(const PixelRing& ring, double quantum) {
  std::vector<GridPoint> out;
  out.reserve(ring.points.size());
  for (const geo::Point& p : ring.points)
    out.push_back({std::llround(p.x / quantum), std::llround(p.y / quantum)});
  return out;
}

// Writes the ring's n - 1 vertex occurrences (it is closed) from `out` on.
void note_neighbours(const std::vector<GridPoint>& ring, Occurrence* out) {
  const std::size_t n = ring.size() - 1;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint64_t prev = ring[(i + n - 1) % n].key();
    const std::uint64_t next = ring[(i + 1) % n].key();
    out[i] = {ring[i].key(), std::min(prev, next), std::max(prev, next)};
  }
}

// junction[i] for every vertex occurrence: whether the rings through its point disagree on the neighbours.
std::vector<char> find_junctions(const std::vector<Occurrence>& occurrences) {
  std::vector<char> junction(occurrences.size(), 0);
  std::vector<std::pair<std::uint64_t, std::uint32_t>> by_key(occurrences.size());  // key, occurrence
  for (std::size_t i = 0; i < occurrences.size(); ++i)
    by_key[i] = {occurrences[i].key, static_cast<std::uint32_t>(i)};
  std::sort(by_key.begin(), by_key.end());
  for (std::size_t i = 0; i < by_key.size();) {
    const Occurrence& first = occurrences[by_key[i].second];
    std::size_t j = i + 1;
    bool disagree = false;
    for (; j < by_key.size() && by_key[j].first == by_key[i].first; ++j) {
      const Occurrence& other = occurrences[by_key[j].second];
      disagree = disagree || other.low != first.low || other.high != first.high;
    }
    if (disagree)
      for (std::size_t k = i; k < j; ++k) junction[by_key[k].second] = 1;
    i = j;
  }
  return junction;
}

// Marks the vertices to keep on the arc between anchors `s` and `e` (cyclic indices into a ring of n
// vertices), walking from the anchor both sides agree on, so either side of a shared edge keeps the same
// vertices: from an anchor, the walk reaches as far as it can while every skipped vertex lies within the
// tolerance of the chord (at most kMaxSkip vertices, so the walk stays linear).
void simplify_arc(const std::vector<GridPoint>& ring, std::size_t n, std::size_t s, std::size_t e,
                  double tolerance, std::vector<char>& keep) {
  constexpr std::size_t kMaxSkip = 32;
  std::vector<GridPoint> arc;
  for (std::size_t i = s;; i = (i + 1) % n) {
    arc.push_back(ring[i]);
    if (i == e && arc.size() > 1) break;
  }
  const std::size_t m = arc.size();
  if (m < 3) return;
  // Canonical direction: from the lower anchor; around a closed arc, towards the lower first step.
  const bool reversed = arc.front().key() != arc.back().key() ? arc.front().key() > arc.back().key()
                                                              : arc[1].key() > arc[m - 2].key();
  if (reversed) std::reverse(arc.begin(), arc.end());
  const double limit = tolerance * tolerance;
  std::size_t anchor = 0;
  while (anchor + 1 < m) {
    std::size_t reach = anchor + 1;
    for (std::size_t j = anchor + 2; j < m && j - anchor <= kMaxSkip; ++j) {
      const double ax = static_cast<double>(arc[anchor].x), ay = static_cast<double>(arc[anchor].y);
      const double dx = static_cast<double>(arc[j].x) - ax, dy = static_cast<double>(arc[j].y) - ay;
      const double length2 = dx * dx + dy * dy;
      bool fits = true;
      for (std::size_t k = anchor + 1; k < j && fits; ++k) {
        const double px = static_cast<double>(arc[k].x) - ax, py = static_cast<double>(arc[k].y) - ay;
        const double cross = dx * py - dy * px;
        fits = length2 == 0 ? px * px + py * py <= limit : cross * cross <= limit * length2;
      }
      if (!fits) break;
      reach = j;
    }
    if (reach + 1 < m) {
      const std::size_t index = (s + (reversed ? m - 1 - reach : reach)) % n;
      keep[index] = 1;
    }
    anchor = reach;
  }
}

// `junction` holds the flags of this ring's vertices, in order.
void simplify_ring(PixelRing& ring, const std::vector<GridPoint>& grid, const char* junction, double quantum,
                   double tolerance) {
  const std::size_t n = grid.size() - 1;
  std::vector<char> keep(n, 0);
  std::vector<std::size_t> anchors;
  for (std::size_t i = 0; i < n; ++i)
    if (junction[i]) anchors.push_back(i);
  if (anchors.empty()) {
    // A ring no other ring meets, or one shared whole (an enclave and its hole): anchor at the lowest and
    // highest points by position, which both sides agree on.
    std::size_t low = 0, high = 0;
    for (std::size_t i = 1; i < n; ++i) {
      if (grid[i].key() < grid[low].key()) low = i;
      if (grid[i].key() > grid[high].key()) high = i;
    }
    anchors = {std::min(low, high), std::max(low, high)};
    if (low == high) anchors.pop_back();
  }
  for (std::size_t a : anchors) keep[a] = 1;
  for (std::size_t k = 0; k < anchors.size(); ++k) {
    const std::size_t s = anchors[k];
    const std::size_t e = anchors[(k + 1) % anchors.size()];
    simplify_arc(grid, n, s, e, tolerance / quantum, keep);
  }
  std::vector<geo::Point> kept;
  for (std::size_t i = 0; i < n; ++i)
    if (keep[i])
      kept.push_back({static_cast<double>(grid[i].x) * quantum, static_cast<double>(grid[i].y) * quantum});
  if (kept.size() < 3) {
    ring.points.clear();
    ring.box = {};
    return;
  }
  kept.push_back(kept.front());
  ring.points = std::move(kept);
}

}  // namespace

void simplify_arcs(std::vector<PixelPart>& parts, double quantum, double tolerance_px, int threads) {
  if (tolerance_px <= 0) return;
  // Where each part's vertices start in the list of every ring's vertices.
  std::vector<std::size_t> first(parts.size() + 1, 0);
  for (std::size_t p = 0; p < parts.size(); ++p) {
    first[p + 1] = first[p];
    for (const PixelRing& ring : parts[p].rings) first[p + 1] += ring.points.size() - 1;
  }
  std::vector<Occurrence> occurrences(first.back());
  std::vector<std::vector<std::vector<GridPoint>>> grids(parts.size());
  parallel_for(parts.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t p = begin; p < end; ++p) {
      std::size_t at = first[p];
      for (const PixelRing& ring : parts[p].rings) {
        grids[p].push_back(to_grid(ring, quantum));
        note_neighbours(grids[p].back(), occurrences.data() + at);
        at += ring.points.size() - 1;
      }
    }
  });
  const std::vector<char> junction = find_junctions(occurrences);
  occurrences = {};
  parallel_for(parts.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t p = begin; p < end; ++p) {
      PixelPart& part = parts[p];
      std::size_t at = first[p];
      for (std::size_t r = 0; r < part.rings.size(); ++r) {
        simplify_ring(part.rings[r], grids[p][r], junction.data() + at, quantum, tolerance_px);
        at += grids[p][r].size() - 1;
      }
      grids[p] = {};
      if (part.rings.front().points.empty())
        part.rings.clear();  // the outer ring vanished: so does the part
      else
        std::erase_if(part.rings, [](const PixelRing& ring) { return ring.points.empty(); });
    }
  });
}

}  // namespace covermap::render
