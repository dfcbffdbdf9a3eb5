#include "geo/border_slivers.hpp"

#include <algorithm>
#include <cstdint>
#include <set>
#include <tuple>
#include <vector>

#include "geo/parallel_for.hpp"
#include "geo/parallel_sort.hpp"

namespace covermap::geo {
namespace {

struct Occurrence {
  Point point;
  std::uint32_t ring;
  std::uint32_t index;  // of the vertex in its ring
};

// Every distinct vertex of every ring (the closing point left out), sorted by position, then ring, then
// index: the rings that have a point, in ring order.
class VertexIndex {
 public:
  VertexIndex(std::span<Ring* const> rings, int threads) : first_(rings.size() + 1, 0) {
    for (std::size_t r = 0; r < rings.size(); ++r) {
      first_[r + 1] = first_[r] + (rings[r]->empty() ? 0 : rings[r]->size() - 1);
      for (std::size_t i = 0; i + 1 < rings[r]->size(); ++i)
        sorted_.push_back({(*rings[r])[i], static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(i)});
    }
    parallel_sort(sorted_.begin(), sorted_.end(), threads, [](const Occurrence& a, const Occurrence& b) {
      return std::tie(a.point.x, a.point.y, a.ring, a.index) <
             std::tie(b.point.x, b.point.y, b.ring, b.index);
    });
    run_of_.resize(sorted_.size());
    for (std::size_t begin = 0, end = 0; begin < sorted_.size(); begin = end) {
      for (end = begin + 1; end < sorted_.size() && sorted_[end].point == sorted_[begin].point;) ++end;
      const auto run = static_cast<std::uint32_t>(runs_.size());
      runs_.push_back({static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(end)});
      for (std::size_t k = begin; k < end; ++k) run_of_[first_[sorted_[k].ring] + sorted_[k].index] = run;
    }
  }

  // The occurrences of ring `ring`'s vertex `index`'s point, its own among them.
  std::span<const Occurrence> at(std::uint32_t ring, std::size_t index) const {
    const auto [begin, end] = runs_[run_of_[first_[ring] + index]];
    return {sorted_.begin() + begin, sorted_.begin() + end};
  }

  // Whether a ring other than `ring` has the ring's vertex `index`.
  bool shared(std::uint32_t ring, std::size_t index) const {
    // Sorted by ring within a run: more than one ring if the last differs from the first.
    const auto [begin, end] = runs_[run_of_[first_[ring] + index]];
    return sorted_[end - 1].ring != sorted_[begin].ring;
  }

 private:
  std::vector<Occurrence> sorted_;
  std::vector<std::size_t> first_;  // where each ring's vertices start in run_of_
  struct Run {
    std::uint32_t begin, end;  // in sorted_: the occurrences of one point
  };
  std::vector<Run> runs_;
  std::vector<std::uint32_t> run_of_;  // the run of each ring's vertex
};

// Whether every point of `line` lies within sqrt(tolerance2) of the polyline `other`. Both run along one
// border, so the search for each point starts at the segment that served the one before and widens from
// there.
bool within(std::span<const Point> line, std::span<const Point> other, double tolerance2) {
  if (other.size() < 2) return false;
  const std::size_t segments = other.size() - 1;
  std::size_t hint = 0;
  for (const Point& p : line) {
    bool found = false;
    for (std::size_t step = 0; step < 2 * segments && !found; ++step) {
      const std::size_t offset = (step + 1) / 2;
      if (step % 2 == 1 ? offset > hint : hint + offset >= segments) continue;
      const std::size_t s = step % 2 == 1 ? hint - offset : hint + offset;
      if (squared_distance_to_segment(p, other[s], other[s + 1]) <= tolerance2) found = true, hint = s;
    }
    if (!found) return false;
  }
  return true;
}

double orientation(const Point& a, const Point& b, const Point& c) {
  return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
}

// Whether segments a-b and c-d cross at a point inside both (not where they merely touch).
bool segments_cross(const Point& a, const Point& b, const Point& c, const Point& d) {
  const double abc = orientation(a, b, c), abd = orientation(a, b, d);
  const double cda = orientation(c, d, a), cdb = orientation(c, d, b);
  return ((abc > 0 && abd < 0) || (abc < 0 && abd > 0)) && ((cda > 0 && cdb < 0) || (cda < 0 && cdb > 0));
}

// Drops repeated points and spikes (a run out to a point and straight back, left where a ring took a line
// that doubles back along a border it already had) from an open ring, around its end too.
void drop_spikes(Ring& ring) {
  Ring kept;
  kept.reserve(ring.size());
  for (const Point& p : ring) {
    if (!kept.empty() && kept.back() == p) continue;
    if (kept.size() >= 2 && kept[kept.size() - 2] == p) {
      kept.pop_back();
      continue;
    }
    kept.push_back(p);
  }
  std::size_t begin = 0;
  while (kept.size() - begin >= 2) {
    if (kept.back() == kept[begin] || (kept.size() - begin >= 3 && kept[kept.size() - 2] == kept[begin])) {
      kept.pop_back();
    } else if (kept.size() - begin >= 3 && kept.back() == kept[begin + 1]) {
      ++begin;
    } else {
      break;
    }
  }
  ring.assign(kept.begin() + static_cast<std::ptrdiff_t>(begin), kept.end());
}

// A vertex of a ring, by the ring's index and its own.
struct VertexId {
  std::uint32_t ring;
  std::uint32_t index;
};

// A ring's run from one vertex that other rings share (an anchor) to the next, in the ring's order: named by
// the ring and the index of its first vertex.

struct StretchId {
  std::uint32_t ring;
  std::uint32_t start;
  // clang-tidy 14 sees the defaulted <=>'s comparison with literal 0 as a null pointer.
  auto operator<=>(const StretchId&) const = default;  // NOLINT(modernize-use-nullptr)
};

// Another line for a stretch: stretches of other rings end to end, joining the same two anchors.
struct Candidate {
  std::uint32_t start;  // the stretch it would replace
  std::vector<Point> line;
  std::vector<StretchId> pieces;
};

class SliverCloser {
 public:
  static constexpr int kPieces = 3;

  SliverCloser(std::span<Ring* const> rings, double tolerance, int threads)
      : rings_(rings), index_(rings, threads), tolerance2_(tolerance * tolerance) {}

  // The indices of a ring's anchors, in order.
  std::vector<std::uint32_t> anchors(std::uint32_t r) const {
    const Ring& ring = *rings_[r];
    std::vector<std::uint32_t> out;
    if (ring.size() < 4) return out;
    for (std::uint32_t i = 0; i + 1 < ring.size(); ++i)
      if (index_.shared(r, i)) out.push_back(i);
    return out;
  }

  // The candidates of a ring's stretches that no other ring shares, by start.
  std::vector<Candidate> candidates(std::uint32_t r) const {
    std::vector<Candidate> out;
    const std::vector<std::uint32_t> starts = anchors(r);
    if (starts.size() < 2) return out;
    const std::vector<Box> blocks = segment_blocks(*rings_[r]);
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const std::vector<Point> own = path(r, starts[k], starts[(k + 1) % starts.size()]);
      if (own.front() == own.back()) continue;
      if (own.size() == 2 && segment_shared(r, starts[k], own.back())) continue;
      Candidate candidate{starts[k], {own.front()}, {}};
      if (follow(r, own, candidate, kPieces, {r, starts[k]}) &&
          !crosses_rest(r, blocks, candidate.line, starts[k], starts[(k + 1) % starts.size()]))
        out.push_back(std::move(candidate));
    }
    return out;
  }

  // The ring with the chosen stretches replaced; empty if that would fold it flat or turn it inside out.
  Ring rebuild(std::uint32_t r, const std::vector<const Candidate*>& chosen) const {
    const Ring& ring = *rings_[r];
    const std::vector<std::uint32_t> starts = anchors(r);
    Ring rebuilt;
    rebuilt.reserve(ring.size());
    auto next = chosen.begin();
    for (std::size_t k = 0; k < starts.size(); ++k) {
      const std::vector<Point> own = path(r, starts[k], starts[(k + 1) % starts.size()]);
      const bool replaced = next != chosen.end() && (*next)->start == starts[k];
      const std::vector<Point>& line = replaced ? (*next++)->line : own;
      rebuilt.insert(rebuilt.end(), line.begin(), line.end() - 1);
    }
    drop_spikes(rebuilt);
    if (rebuilt.empty()) return {};
    rebuilt.push_back(rebuilt.front());
    const double before = signed_ring_area(ring);
    const double after = rebuilt.size() < 4 ? 0 : signed_ring_area(rebuilt);
    if (after == 0 || (after > 0) != (before > 0)) return {};
    return rebuilt;
  }

 private:
  // The vertices of ring r from index `from` to index `to`, going forward and wrapping around, both ends
  // included.
  std::vector<Point> path(std::uint32_t r, std::size_t from, std::size_t to) const {
    const Ring& ring = *rings_[r];
    const std::size_t count = ring.size() - 1;
    std::vector<Point> out;
    for (std::size_t i = from;; i = (i + 1) % count) {
      out.push_back(ring[i]);
      if (i == to) break;
    }
    return out;
  }

  // Extends the candidate's line, which ends at an anchor (`end`: the vertex of the ring it came along, going
  // `previous_step`), by one stretch of a ring other than r and, if that does not reach the end of `own`, by
  // up to `pieces` - 1 more. Only stretches within the tolerance of `own` are followed.
  bool follow(std::uint32_t r, const std::vector<Point>& own, Candidate& candidate, int pieces, VertexId end,
              std::size_t previous_step = 0) const {
    std::vector<Point>& line = candidate.line;
    // A stretch many times longer than `own` is no version of it.
    const std::size_t longest = 8 * own.size() + 256;
    const std::uint32_t previous = end.ring;
    for (const Occurrence& at : index_.at(end.ring, end.index)) {
      if (at.ring == r) continue;
      const Ring& other = *rings_[at.ring];
      const std::size_t count = other.size() - 1;
      // Neighbours run along a border in opposite directions (a hole and the unit inside it alike), but a
      // source may wind its rings either way: both directions are tried.
      for (const std::size_t step : {count - 1, std::size_t{1}}) {
        // Along the ring it came by, only onwards: a stretch may run on past a vertex that a third ring
        // shares.
        if (at.ring == previous && step != previous_step) continue;
        const std::size_t mark = line.size();
        bool too_long = false;
        std::size_t i = at.index;
        do {
          i = (i + step) % count;
          line.push_back(other[i]);
          too_long = line.size() - mark > longest;
        } while (!too_long && !index_.shared(at.ring, i));
        const std::span<const Point> piece(line.begin() + static_cast<std::ptrdiff_t>(mark - 1), line.end());
        if (!too_long && within(piece, own, tolerance2_)) {
          candidate.pieces.push_back({at.ring, static_cast<std::uint32_t>(step == 1 ? at.index : i)});
          if (line.back() == own.back()) {
            if (!(line.size() == 2 && own.size() == 2) && within(own, line, tolerance2_)) return true;
          } else if (pieces > 1 && line.back() != own.front() &&
                     follow(r, own, candidate, pieces - 1, {at.ring, static_cast<std::uint32_t>(i)}, step)) {
            return true;
          }
          candidate.pieces.pop_back();
        }
        line.resize(mark);
      }
    }
    return false;
  }

  // The boxes of a ring's segments (segment i: vertex i to the next), kBlock segments a box, from segment 0.
  static constexpr std::size_t kBlock = 32;
  static std::vector<Box> segment_blocks(const Ring& ring) {
    const std::size_t count = ring.size() - 1;
    std::vector<Box> blocks((count + kBlock - 1) / kBlock);
    for (std::size_t i = 0; i < count; ++i) {
      blocks[i / kBlock].expand(ring[i]);
      blocks[i / kBlock].expand(ring[(i + 1) % count]);
    }
    return blocks;
  }

  // Whether `line` crosses ring r outside the stretch from index `from` to index `to` that it would replace
  // (where the source's two versions of a border cross each other, besides parting): taking it would tie the
  // ring in a knot. `blocks`: the ring's segment_blocks, so a stretch far from the line is passed over a
  // block at a time, not read whole for each candidate (the county layer's candidates: 0.42 -> 0.15 s).
  bool crosses_rest(std::uint32_t r, const std::vector<Box>& blocks, const std::vector<Point>& line,
                    std::size_t from, std::size_t to) const {
    Box box;
    for (const Point& p : line) box.expand(p);
    const Ring& ring = *rings_[r];
    const std::size_t count = ring.size() - 1;
    // The ring's segments from `to` round to `from`.
    for (std::size_t i = to; i != from;) {
      const std::size_t block_length = std::min(kBlock, count - i);
      if (i % kBlock == 0 && (from + count - i) % count >= block_length &&
          !blocks[i / kBlock].intersects(box)) {
        i = (i + block_length) % count;
        continue;
      }
      const Point& c = ring[i];
      const Point& d = ring[(i + 1) % count];
      i = (i + 1) % count;
      if (std::max(c.x, d.x) < box.min_x || std::min(c.x, d.x) > box.max_x ||
          std::max(c.y, d.y) < box.min_y || std::min(c.y, d.y) > box.max_y)
        continue;
      for (std::size_t s = 0; s + 1 < line.size(); ++s)
        if (segments_cross(line[s], line[s + 1], c, d)) return true;
    }
    return false;
  }

  // Whether another ring has a and b as neighbouring vertices: a border already shared.
  bool segment_shared(std::uint32_t r, std::size_t a, const Point& b) const {
    for (const Occurrence& o : index_.at(r, a)) {
      if (o.ring == r) continue;
      const Ring& other = *rings_[o.ring];
      const std::size_t count = other.size() - 1;
      if (other[(o.index + 1) % count] == b || other[(o.index + count - 1) % count] == b) return true;
    }
    return false;
  }

  std::span<Ring* const> rings_;
  VertexIndex index_;
  double tolerance2_;
};

}  // namespace

BorderSliverStats close_border_slivers(std::span<Ring* const> rings, double tolerance, int threads) {
  BorderSliverStats stats;
  if (!(tolerance > 0) || rings.size() < 2) return stats;
  const SliverCloser closer(rings, tolerance, threads);
  // Every ring decides from the rings as they were, so the result does not depend on the order of work.
  std::vector<std::vector<Candidate>> candidates(rings.size());
  parallel_for(rings.size(), threads, [&](std::size_t first, std::size_t last) {
    for (std::size_t r = first; r < last; ++r)
      candidates[r] = closer.candidates(static_cast<std::uint32_t>(r));
  });
  // A sliver's sides can each take the others' lines; one must keep its own. Decided from the latest ring
  // down: a stretch takes its candidate unless a later ring takes its line, or a line it would take is being
  // replaced itself.
  std::set<StretchId> replaced, kept;
  std::vector<std::vector<const Candidate*>> chosen(rings.size());
  for (std::size_t r = rings.size(); r-- > 0;)
    for (const Candidate& candidate : candidates[r]) {
      const StretchId stretch{static_cast<std::uint32_t>(r), candidate.start};
      if (kept.count(stretch) ||
          std::any_of(candidate.pieces.begin(), candidate.pieces.end(),
                      [&](const StretchId& piece) { return replaced.count(piece) > 0; }))
        continue;
      replaced.insert(stretch);
      kept.insert(candidate.pieces.begin(), candidate.pieces.end());
      chosen[r].push_back(&candidate);
    }
  std::vector<Ring> rebuilt(rings.size());
  std::vector<std::size_t> closed(rings.size(), 0);
  parallel_for(rings.size(), threads, [&](std::size_t first, std::size_t last) {
    for (std::size_t r = first; r < last; ++r) {
      if (chosen[r].empty()) continue;
      rebuilt[r] = closer.rebuild(static_cast<std::uint32_t>(r), chosen[r]);
      if (!rebuilt[r].empty()) closed[r] = chosen[r].size();
    }
  });
  for (std::size_t r = 0; r < rings.size(); ++r) {
    if (closed[r] == 0) continue;
    *rings[r] = std::move(rebuilt[r]);
    stats.stretches_closed += closed[r];
  }
  return stats;
}

}  // namespace covermap::geo
