#include "geo/shared_edge_simplify.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

namespace covermap::geo {
namespace {

std::uint64_t mix(std::uint64_t value) {  // splitmix64's finalizer
  value ^= value >> 30;
  value *= 0xbf58476d1ce4e5b9ULL;
  value ^= value >> 27;
  value *= 0x94d049bb133111ebULL;
  return value ^ (value >> 31);
}

std::uint64_t hash_point(const Point& p) {
  // +0.0 turns -0.0 into 0.0, so the two compare and hash alike.
  return mix(std::bit_cast<std::uint64_t>(p.x + 0.0) ^ mix(std::bit_cast<std::uint64_t>(p.y + 0.0)));
}

bool lexicographic_less(const Point& a, const Point& b) {
  return a.x < b.x || (a.x == b.x && a.y < b.y);
}

// Marks the nodes, where arcs must end: a vertex is a node when its occurrences do not all have the same
// (unordered) pair of neighbours, i.e. where neighbours part ways or a ring touches itself. Found by sorting
// every occurrence by a 64-bit hash of its point, which reads memory in order where a hash table would miss
// the cache on every vertex. A hash collision can only mark a vertex as a node that is not one: one vertex
// more is kept, and no gap opens.
class NodeFinder {
 public:
  void add(const Point& p, const Point& previous, const Point& next) {
    const auto index = static_cast<std::uint32_t>(occurrences_.size());
    occurrences_.push_back({hash_point(p), hash_point(previous) + hash_point(next), index});
  }

  // One flag per occurrence, in the order they were added.
  std::vector<char> nodes() {
    group_by_key();
    std::vector<char> node(occurrences_.size(), 0);
    for (std::size_t first = 0; first < occurrences_.size();) {
      std::size_t end = first + 1;
      bool parts = false;
      while (end < occurrences_.size() && occurrences_[end].key == occurrences_[first].key) {
        parts = parts || occurrences_[end].neighbours != occurrences_[first].neighbours;
        ++end;
      }
      if (parts)
        for (std::size_t i = first; i < end; ++i) node[occurrences_[i].index] = 1;
      first = end;
    }
    occurrences_ = {};
    return node;
  }

 private:
  struct Occurrence {
    std::uint64_t key;
    std::uint64_t neighbours;
    std::uint32_t index;
  };

  // Groups equal keys: an in-place bucket pass on the key's top 16 bits (American flag sort), then a small
  // comparison sort inside each bucket. Several times faster than sorting millions of occurrences by
  // comparison, and unlike a radix sort it needs no second buffer.
  void group_by_key() {
    constexpr int kShift = 48;
    constexpr std::size_t kBuckets = std::size_t{1} << 16;
    std::vector<std::size_t> start(kBuckets + 1, 0);
    for (const Occurrence& o : occurrences_) ++start[(o.key >> kShift) + 1];
    for (std::size_t b = 0; b < kBuckets; ++b) start[b + 1] += start[b];
    std::vector<std::size_t> next(start.begin(), start.end() - 1);
    for (std::size_t b = 0; b < kBuckets; ++b) {
      while (next[b] < start[b + 1]) {
        Occurrence& here = occurrences_[next[b]];
        const std::size_t home = here.key >> kShift;
        if (home == b)
          ++next[b];
        else
          std::swap(here, occurrences_[next[home]++]);
      }
    }
    // The buckets are sorted on two cores: the lower half of the occurrences on another thread.
    const auto sort_buckets = [&](std::size_t first, std::size_t last) {
      for (std::size_t b = first; b < last; ++b)
        std::sort(occurrences_.begin() + static_cast<std::ptrdiff_t>(start[b]),
                  occurrences_.begin() + static_cast<std::ptrdiff_t>(start[b + 1]),
                  [](const Occurrence& x, const Occurrence& y) { return x.key < y.key; });
    };
    const std::size_t middle = static_cast<std::size_t>(
        std::lower_bound(start.begin(), start.end(), occurrences_.size() / 2) - start.begin());
    const std::size_t split = std::min(middle, kBuckets);
    std::jthread lower(sort_buckets, 0, split);
    sort_buckets(split, kBuckets);
  }

  std::vector<Occurrence> occurrences_;
};

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

// Douglas-Peucker over arc[0..n-1], endpoints kept; marks the kept vertices. Ties go to the lower index, and
// the arc is always given in its canonical direction, so both sides of a border decide alike.
void douglas_peucker(const std::vector<Point>& arc, double tolerance2, std::vector<char>& keep,
                     std::vector<std::pair<std::size_t, std::size_t>>& stack) {
  keep.assign(arc.size(), 0);
  keep.front() = keep.back() = 1;
  stack.clear();
  stack.emplace_back(0, arc.size() - 1);
  while (!stack.empty()) {
    const auto [first, last] = stack.back();
    stack.pop_back();
    double worst = -1;
    std::size_t worst_index = first;
    for (std::size_t i = first + 1; i < last; ++i) {
      const double d = squared_distance_to_segment(arc[i], arc[first], arc[last]);
      if (d > worst) {
        worst = d;
        worst_index = i;
      }
    }
    if (worst > tolerance2) {
      keep[worst_index] = 1;
      stack.emplace_back(worst_index, last);
      stack.emplace_back(first, worst_index);
    }
  }
}

class RingSimplifier {
 public:
  explicit RingSimplifier(double tolerance) : tolerance2_(tolerance * tolerance) {}

  // `node` holds the NodeFinder's flags of this ring's vertices. Returns false when the ring collapsed (or
  // was too short to be a ring).
  bool simplify(Ring& ring, const char* node) {
    if (ring.size() < 4) return false;
    const std::size_t n = ring.size() - 1;  // distinct vertices; ring.back() repeats ring.front()
    starts_.clear();
    for (std::size_t i = 0; i < n; ++i)
      if (node[i]) starts_.push_back(i);
    if (starts_.empty()) {
      // A ring no neighbour parts from (an island, or a unit wholly inside another): both sides start it at
      // its lowest vertex.
      std::size_t lowest = 0;
      for (std::size_t i = 1; i < n; ++i)
        if (lexicographic_less(ring[i], ring[lowest])) lowest = i;
      starts_.push_back(lowest);
    }
    out_.clear();
    for (std::size_t k = 0; k < starts_.size(); ++k) {
      const std::size_t from = starts_[k];
      const std::size_t to = k + 1 < starts_.size() ? starts_[k + 1] : starts_[0] + n;
      arc_.clear();
      for (std::size_t i = from; i <= to; ++i) arc_.push_back(ring[i % n]);
      append_simplified_arc();
    }
    out_.push_back(out_.front());
    if (out_.size() < 4) return false;
    ring.swap(out_);
    return true;
  }

 private:
  void append_simplified_arc() {
    const bool reversed = arc_.front() == arc_.back() ? lexicographic_less(arc_[arc_.size() - 2], arc_[1])
                                                      : lexicographic_less(arc_.back(), arc_.front());
    if (reversed) std::reverse(arc_.begin(), arc_.end());
    douglas_peucker(arc_, tolerance2_, keep_, stack_);
    if (reversed) {
      std::reverse(arc_.begin(), arc_.end());
      std::reverse(keep_.begin(), keep_.end());
    }
    for (std::size_t i = 0; i + 1 < arc_.size(); ++i)  // the arc's last point starts the next arc
      if (keep_[i]) out_.push_back(arc_[i]);
  }

  double tolerance2_;
  std::vector<std::size_t> starts_;
  std::vector<Point> arc_;
  std::vector<Point> out_;
  std::vector<char> keep_;
  std::vector<std::pair<std::size_t, std::size_t>> stack_;
};

}  // namespace

std::vector<char> find_shared_nodes(std::span<const Ring* const> rings) {
  NodeFinder finder;
  for (const Ring* ring : rings) {
    if (ring->size() < 4) continue;
    const std::size_t n = ring->size() - 1;
    for (std::size_t i = 0; i < n; ++i)
      finder.add((*ring)[i], (*ring)[i == 0 ? n - 1 : i - 1], (*ring)[i + 1]);
  }
  return finder.nodes();
}

void simplify_shared_rings(std::span<Ring* const> rings, double tolerance,
                           std::span<const char> given_nodes) {
  std::vector<std::size_t> first_flag(rings.size() + 1, 0);
  for (std::size_t i = 0; i < rings.size(); ++i)
    first_flag[i + 1] = first_flag[i] + (rings[i]->size() < 4 ? 0 : rings[i]->size() - 1);
  std::vector<char> found;
  if (given_nodes.size() != first_flag.back()) {  // none given (or not for these rings): find them
    found = find_shared_nodes(std::span<const Ring* const>(rings.data(), rings.size()));
    given_nodes = found;
  }
  const std::span<const char> nodes = given_nodes;
  // Rings are independent once the nodes are known: they are shared out among the cores by vertex count, and
  // each ring's result is the same whoever simplifies it.
  const auto simplify_range = [&](std::size_t begin, std::size_t end) {
    RingSimplifier simplifier(tolerance);
    for (std::size_t i = begin; i < end; ++i)
      if (!simplifier.simplify(*rings[i], nodes.data() + first_flag[i])) rings[i]->clear();
  };
  const std::size_t workers =
      first_flag.back() < 100000 ? 1 : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  std::vector<std::jthread> threads;
  std::size_t begin = 0;
  for (std::size_t w = 1; w <= workers; ++w) {
    const std::size_t target = first_flag.back() * w / workers;
    std::size_t end = begin;
    while (end < rings.size() && (w == workers || first_flag[end + 1] <= target)) ++end;
    if (w == workers)
      simplify_range(begin, end);
    else
      threads.emplace_back(simplify_range, begin, end);
    begin = end;
  }
}

SimplifyStats simplify_shared_edges(std::span<MultiPolygon* const> shapes, double tolerance,
                                    std::span<const char> nodes) {
  SimplifyStats stats;
  std::vector<Ring*> rings;
  for (MultiPolygon* shape : shapes)
    for_each_ring(*shape, [&](Ring& ring) {
      stats.vertices_before += ring.size();
      rings.push_back(&ring);
    });
  simplify_shared_rings(rings, tolerance, nodes);
  for (MultiPolygon* shape : shapes) {
    MultiPolygon& polygons = *shape;
    std::erase_if(polygons, [&](Polygon& polygon) {
      const std::size_t holes = polygon.holes.size();
      std::erase_if(polygon.holes, [](const Ring& hole) { return hole.empty(); });
      stats.rings_dropped += holes - polygon.holes.size();
      if (!polygon.outer.empty()) return false;
      stats.rings_dropped += 1 + polygon.holes.size();  // an outer ring gone takes its holes along
      return true;
    });
    stats.vertices_after += vertex_count(polygons);
  }
  return stats;
}

}  // namespace covermap::geo
