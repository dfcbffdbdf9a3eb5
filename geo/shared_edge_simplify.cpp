#include "geo/shared_edge_simplify.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <thread>
#include <utility>
#include <vector>

#include "geo/parallel_for.hpp"

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

// Where each ring's flags start among all of them (ring i: [first[i], first[i + 1])); a ring under four
// points has none.
std::vector<std::size_t> flag_offsets(std::span<const Ring* const> rings) {
  std::vector<std::size_t> first(rings.size() + 1, 0);
  for (std::size_t i = 0; i < rings.size(); ++i)
    first[i + 1] = first[i] + (rings[i]->size() < 4 ? 0 : rings[i]->size() - 1);
  return first;
}

// Splits the rings into `workers` runs of about equal vertex counts: run w is [bounds[w], bounds[w + 1]).
std::vector<std::size_t> split_by_vertices(const std::vector<std::size_t>& first, std::size_t workers) {
  const std::size_t rings = first.size() - 1;
  std::vector<std::size_t> bounds{0};
  for (std::size_t w = 1; w < workers; ++w) {
    const std::size_t target = first.back() * w / workers;
    std::size_t end = bounds.back();
    while (end < rings && first[end + 1] <= target) ++end;
    bounds.push_back(end);
  }
  bounds.push_back(rings);
  return bounds;
}

std::size_t worker_count(std::size_t vertices) {
  return vertices < 100000 ? 1 : std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
}

// One vertex of one ring: its point's hash, the sum of its two neighbours' hashes (unordered), and where its
// flag goes.
struct Occurrence {
  std::uint64_t key;
  std::uint64_t neighbours;
  std::uint32_t index;
};

// Every occurrence, grouped by key: a counting pass on the key's top 16 bits (each worker counts and then
// places its own share, so the result does not depend on the number of workers), then a small comparison sort
// inside each bucket, the buckets shared out among the workers. Several times faster than sorting millions of
// occurrences by comparison. Returns the bucket starts.
std::vector<std::size_t> group_by_key(std::vector<Occurrence>& occurrences, std::size_t workers) {
  constexpr int kShift = 48;
  constexpr std::size_t kBuckets = std::size_t{1} << 16;
  const std::size_t n = occurrences.size();
  std::vector<std::vector<std::size_t>> counts(workers, std::vector<std::size_t>(kBuckets, 0));
  parallel_for(workers, static_cast<int>(workers), [&](std::size_t w0, std::size_t w1) {
    for (std::size_t w = w0; w < w1; ++w)
      for (std::size_t i = n * w / workers; i < n * (w + 1) / workers; ++i)
        ++counts[w][occurrences[i].key >> kShift];
  });
  std::vector<std::size_t> start(kBuckets + 1, 0);
  std::size_t running = 0;
  for (std::size_t b = 0; b < kBuckets; ++b) {
    start[b] = running;
    for (std::size_t w = 0; w < workers; ++w) {
      const std::size_t count = counts[w][b];
      counts[w][b] = running;  // where worker w places its first occurrence of bucket b
      running += count;
    }
  }
  start[kBuckets] = running;
  std::vector<Occurrence> grouped(n);
  parallel_for(workers, static_cast<int>(workers), [&](std::size_t w0, std::size_t w1) {
    for (std::size_t w = w0; w < w1; ++w)
      for (std::size_t i = n * w / workers; i < n * (w + 1) / workers; ++i)
        grouped[counts[w][occurrences[i].key >> kShift]++] = occurrences[i];
  });
  occurrences.swap(grouped);
  grouped = {};
  parallel_for(kBuckets, static_cast<int>(workers), [&](std::size_t b0, std::size_t b1) {
    for (std::size_t b = b0; b < b1; ++b)
      std::sort(occurrences.begin() + static_cast<std::ptrdiff_t>(start[b]),
                occurrences.begin() + static_cast<std::ptrdiff_t>(start[b + 1]),
                [](const Occurrence& x, const Occurrence& y) { return x.key < y.key; });
  });
  return start;
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

// A vertex is a node when its occurrences do not all have the same (unordered) pair of neighbours, i.e. where
// neighbours part ways or a ring touches itself. Found by grouping every occurrence by a 64-bit hash of its
// point, which reads memory in order where a hash table would miss the cache on every vertex. A hash
// collision can only mark a vertex as a node that is not one: one vertex more is kept, and no gap opens.
// Every step runs on all cores (the tiles prepare a zoom of 1.9 M vertices with it).
std::vector<char> find_shared_nodes(std::span<const Ring* const> rings) {
  const std::vector<std::size_t> first = flag_offsets(rings);
  const std::size_t workers = worker_count(first.back());
  std::vector<Occurrence> occurrences(first.back());
  const std::vector<std::size_t> runs = split_by_vertices(first, workers);
  parallel_for(workers, static_cast<int>(workers), [&](std::size_t w0, std::size_t w1) {
    std::vector<std::uint64_t> hashes;
    for (std::size_t r = runs[w0]; r < runs[w1]; ++r) {
      const Ring& ring = *rings[r];
      const std::size_t n = first[r + 1] - first[r];
      hashes.resize(n);
      for (std::size_t i = 0; i < n; ++i) hashes[i] = hash_point(ring[i]);
      for (std::size_t i = 0; i < n; ++i) {
        const std::size_t index = first[r] + i;
        occurrences[index] = {hashes[i], hashes[i == 0 ? n - 1 : i - 1] + hashes[i + 1 == n ? 0 : i + 1],
                              static_cast<std::uint32_t>(index)};
      }
    }
  });
  const std::vector<std::size_t> start = group_by_key(occurrences, workers);
  std::vector<char> node(occurrences.size(), 0);
  // Equal keys share a bucket, so buckets can be scanned apart.
  parallel_for(start.size() - 1, static_cast<int>(workers), [&](std::size_t b0, std::size_t b1) {
    for (std::size_t first_of_group = start[b0]; first_of_group < start[b1];) {
      std::size_t end = first_of_group + 1;
      bool parts = false;
      while (end < start[b1] && occurrences[end].key == occurrences[first_of_group].key) {
        parts = parts || occurrences[end].neighbours != occurrences[first_of_group].neighbours;
        ++end;
      }
      if (parts)
        for (std::size_t i = first_of_group; i < end; ++i) node[occurrences[i].index] = 1;
      first_of_group = end;
    }
  });
  return node;
}

void simplify_shared_rings(std::span<Ring* const> rings, double tolerance,
                           std::span<const char> given_nodes) {
  const std::span<const Ring* const> const_rings(rings.data(), rings.size());
  const std::vector<std::size_t> first_flag = flag_offsets(const_rings);
  std::vector<char> found;
  if (given_nodes.size() != first_flag.back()) {  // none given (or not for these rings): find them
    found = find_shared_nodes(const_rings);
    given_nodes = found;
  }
  const std::span<const char> nodes = given_nodes;
  // Rings are independent once the nodes are known: they are shared out among the cores by vertex count, and
  // each ring's result is the same whoever simplifies it.
  const std::size_t workers = worker_count(first_flag.back());
  const std::vector<std::size_t> runs = split_by_vertices(first_flag, workers);
  parallel_for(workers, static_cast<int>(workers), [&](std::size_t w0, std::size_t w1) {
    RingSimplifier simplifier(tolerance);
    for (std::size_t i = runs[w0]; i < runs[w1]; ++i)
      if (!simplifier.simplify(*rings[i], nodes.data() + first_flag[i])) rings[i]->clear();
  });
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
