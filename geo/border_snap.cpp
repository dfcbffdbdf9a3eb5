#include "geo/border_snap.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <tuple>
#include <vector>

#include "geo/parallel_for.hpp"

namespace covermap::geo {
namespace {

double squared_distance(const Point& a, const Point& b) {
  const double dx = a.x - b.x;
  const double dy = a.y - b.y;
  return dx * dx + dy * dy;
}

// The vertices sorted by the square cell they fall in (by column, row, then index), each cell one run of the
// sorted list, found by column and row (index_columns).
class CellGrid {
 public:
  struct Cell {
    std::int64_t x;
    std::int64_t y;
    std::uint32_t begin;  // into order()
    std::uint32_t end;
  };

  CellGrid(const std::vector<Point>& points, double size) : size_(size) {
    sort_by_cell(points);
    index_columns();
  }

  std::int64_t cell_of(double v) const { return static_cast<std::int64_t>(std::floor(v / size_)); }
  const std::vector<Cell>& cells() const { return cells_; }
  const std::vector<std::uint32_t>& order() const { return order_; }

  // The cells of column x with a vertex, rows y0 to y1, in row order.
  std::span<const Cell> column(std::int64_t x, std::int64_t y0, std::int64_t y1) const {
    if (cells_.empty() || x < min_x_ || x > max_x_) return {};
    const Cell* first = nullptr;
    const Cell* last = nullptr;
    if (!column_start_.empty()) {
      const std::size_t c = column_offset(x);
      first = cells_.data() + column_start_[c];
      last = cells_.data() + column_start_[c + 1];
    } else {
      const auto [from, to] = std::equal_range(cells_.data(), cells_.data() + cells_.size(), Cell{x, 0, 0, 0},
                                               [](const Cell& a, const Cell& b) { return a.x < b.x; });
      first = from, last = to;
    }
    const auto row_below = [](const Cell& cell, std::int64_t y) { return cell.y < y; };
    const auto row_above = [](std::int64_t y, const Cell& cell) { return y < cell.y; };
    first = std::lower_bound(first, last, y0, row_below);
    return {first, std::upper_bound(first, last, y1, row_above)};
  }

  // The cell at (x, y), or null when no vertex falls in it.
  const Cell* find(std::int64_t x, std::int64_t y) const {
    const std::span<const Cell> cells = column(x, y, y);
    return cells.empty() ? nullptr : cells.data();
  }

 private:
  // Where each column's cells begin in cells_ (sorted by column, then row), so a segment's walk finds the
  // cells it passes with one search per column, in memory order, instead of a hash lookup per cell it passes
  // (most of them empty, each a cache miss). A grid with far more columns than cells, which only an
  // extreme spread of coordinates gives, searches the whole list by column instead.
  // Column x counted from the lowest, in unsigned arithmetic (exact for any two 64-bit columns).
  std::size_t column_offset(std::int64_t x) const {
    return static_cast<std::size_t>(static_cast<std::uint64_t>(x) - static_cast<std::uint64_t>(min_x_));
  }

  void index_columns() {
    if (cells_.empty()) return;
    const std::uint64_t columns = static_cast<std::uint64_t>(max_x_) - static_cast<std::uint64_t>(min_x_) + 1;
    if (columns == 0 || columns > 4 * cells_.size() + 1024) return;
    column_start_.assign(static_cast<std::size_t>(columns) + 1, 0);
    for (const Cell& cell : cells_) ++column_start_[column_offset(cell.x) + 1];
    for (std::size_t c = 1; c < column_start_.size(); ++c) column_start_[c] += column_start_[c - 1];
  }

  // Fills order_ and cells_. Each vertex's column and row, counted from the lowest, packed into one key
  // (column above row): a stable radix sort of the keys, 11 bits a pass over the bits in use, orders the
  // vertices as sorting the (column, row, index) triples would, in a few linear passes instead of a
  // comparison sort (the county layer's 1.9 M vertices: 4 passes). A grid whose key needs more than 64 bits
  // is sorted by comparison.
  void sort_by_cell(const std::vector<Point>& points) {
    const std::size_t count = points.size();
    if (count == 0) return;
    std::int64_t min_x = cell_of(points[0].x), max_x = min_x, min_y = cell_of(points[0].y), max_y = min_y;
    for (const Point& p : points) {
      const std::int64_t x = cell_of(p.x), y = cell_of(p.y);
      min_x = std::min(min_x, x), max_x = std::max(max_x, x);
      min_y = std::min(min_y, y), max_y = std::max(max_y, y);
    }
    min_x_ = min_x, max_x_ = max_x;
    // Offsets from the lowest, in unsigned arithmetic: exact for any two 64-bit cells.
    const auto offset = [](std::int64_t v, std::int64_t lowest) {
      return static_cast<std::uint64_t>(v) - static_cast<std::uint64_t>(lowest);
    };
    const int x_bits = static_cast<int>(std::bit_width(offset(max_x, min_x)));
    const int y_bits = static_cast<int>(std::bit_width(offset(max_y, min_y)));
    struct Keyed {
      std::uint64_t key;
      std::uint32_t index;
    };
    std::vector<Keyed> keyed(count);
    if (x_bits + y_bits <= 64 && y_bits < 64) {
      for (std::size_t i = 0; i < count; ++i)
        keyed[i] = {offset(cell_of(points[i].x), min_x) << y_bits | offset(cell_of(points[i].y), min_y),
                    static_cast<std::uint32_t>(i)};
      constexpr int kDigitBits = 11;
      constexpr std::size_t kDigits = std::size_t{1} << kDigitBits;
      std::vector<Keyed> scratch(count);
      for (int shift = 0; shift < x_bits + y_bits; shift += kDigitBits) {
        std::vector<std::size_t> start(kDigits + 1, 0);
        for (const Keyed& k : keyed) ++start[((k.key >> shift) & (kDigits - 1)) + 1];
        for (std::size_t d = 1; d <= kDigits; ++d) start[d] += start[d - 1];
        for (const Keyed& k : keyed) scratch[start[(k.key >> shift) & (kDigits - 1)]++] = k;
        keyed.swap(scratch);
      }
    } else {
      std::vector<std::tuple<std::int64_t, std::int64_t, std::uint32_t>> triples(count);
      for (std::size_t i = 0; i < count; ++i)
        triples[i] = {cell_of(points[i].x), cell_of(points[i].y), static_cast<std::uint32_t>(i)};
      std::sort(triples.begin(), triples.end());
      // Ranks stand in for the keys: equal cells, equal ranks.
      std::uint64_t rank = 0;
      for (std::size_t i = 0; i < count; ++i) {
        if (i > 0 && (std::get<0>(triples[i]) != std::get<0>(triples[i - 1]) ||
                      std::get<1>(triples[i]) != std::get<1>(triples[i - 1])))
          ++rank;
        keyed[i] = {rank, std::get<2>(triples[i])};
      }
    }
    order_.resize(count);
    for (std::uint32_t i = 0; i < count; ++i) {
      order_[i] = keyed[i].index;
      if (i == 0 || keyed[i].key != keyed[i - 1].key) {
        const Point& p = points[keyed[i].index];
        cells_.push_back({cell_of(p.x), cell_of(p.y), i, i});
      }
      cells_.back().end = i + 1;
    }
  }

  double size_;
  std::int64_t min_x_ = 0;
  std::int64_t max_x_ = -1;
  std::vector<std::uint32_t> order_;
  std::vector<Cell> cells_;
  std::vector<std::uint32_t> column_start_;
};

// Phase one, a sweep over cells one tolerance wide in sorted order: each vertex joins the nearest vertex of
// another ring already swept (in the cells to its left, the cell below it, or earlier in its own cell) that
// did not join one itself. Every pair of vertices within the tolerance meets once, from its later side.
std::size_t snap_vertices(std::vector<Point>& points, const std::vector<std::uint32_t>& ring_of,
                          double tolerance) {
  const CellGrid grid(points, tolerance);
  const auto& cells = grid.cells();
  const auto& order = grid.order();
  const double tolerance2 = tolerance * tolerance;
  std::vector<char> stays(points.size(), 0);
  std::size_t moved = 0;
  std::size_t left = 0;  // the first cell at or after (x - 1, y - 1): it only moves forward
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const CellGrid::Cell& cell = cells[c];
    while (left < cells.size() && std::tie(cells[left].x, cells[left].y) < std::tuple{cell.x - 1, cell.y - 1})
      ++left;
    for (std::uint32_t k = cell.begin; k < cell.end; ++k) {
      const std::uint32_t i = order[k];
      const Point& p = points[i];
      double best2 = tolerance2;
      std::uint32_t best = i;
      const auto consider = [&](std::uint32_t j) {
        if (!stays[j] || ring_of[j] == ring_of[i]) return;
        const double d2 = squared_distance(points[j], p);
        if (d2 < best2 || (d2 == best2 && best != i && j < best)) best2 = d2, best = j;
      };
      for (std::size_t l = left; l < cells.size() && cells[l].x == cell.x - 1 && cells[l].y <= cell.y + 1;
           ++l)
        for (std::uint32_t m = cells[l].begin; m < cells[l].end; ++m) consider(order[m]);
      if (c > 0 && cells[c - 1].x == cell.x && cells[c - 1].y == cell.y - 1)
        for (std::uint32_t m = cells[c - 1].begin; m < cells[c - 1].end; ++m) consider(order[m]);
      for (std::uint32_t m = cell.begin; m < k; ++m) consider(order[m]);
      if (best == i) {
        stays[i] = 1;
      } else if (points[best] != p) {  // in place: only vertices that stay are ever looked at again
        points[i] = points[best];
        ++moved;
      }
    }
  }
  return moved;
}

struct Insertion {
  std::uint32_t segment;  // the index of its first vertex
  double along;           // where on it, 0 to 1
  Point point;
};

// Phase two: the vertices of other rings beside each segment (a ring's segment i runs from vertex i to the
// next of its ring), within the tolerance and strictly between its ends; a point goes into a ring once, and
// never into a ring that has it already (twice would pinch the ring where a narrow neck passes the point on
// both sides).
std::vector<Insertion> find_insertions(const std::vector<Point>& points,
                                       const std::vector<std::uint32_t>& ring_of,
                                       const std::vector<std::uint32_t>& next, double tolerance,
                                       int threads) {
  // Cells about as long as a typical segment (at least twice the tolerance): a segment then spans a few
  // cells holding a few vertices each, from a continent at zoom 0 to a county at zoom 14.
  std::vector<double> lengths;
  for (std::size_t s = 0; s < points.size(); s += 16)
    lengths.push_back(std::sqrt(squared_distance(points[s], points[next[s]])));
  double size = 2 * tolerance;
  if (!lengths.empty()) {
    const auto middle = lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2);
    std::nth_element(lengths.begin(), middle, lengths.end());
    size = std::max(size, *middle);
  }
  const CellGrid grid(points, size);
  const double tolerance2 = tolerance * tolerance;
  const auto ring_has = [&](std::uint32_t ring, const Point& p) {
    const CellGrid::Cell* cell = grid.find(grid.cell_of(p.x), grid.cell_of(p.y));
    for (std::uint32_t m = cell->begin; m < cell->end; ++m)
      if (ring_of[grid.order()[m]] == ring && points[grid.order()[m]] == p) return true;
    return false;
  };

  const std::size_t chunks = static_cast<std::size_t>(std::max(threads, 1)) * 4;
  std::vector<std::vector<Insertion>> found(chunks);
  parallel_for(chunks, threads, [&](std::size_t first_chunk, std::size_t last_chunk) {
    for (std::size_t chunk = first_chunk; chunk < last_chunk; ++chunk)
      for (std::size_t s = points.size() * chunk / chunks; s < points.size() * (chunk + 1) / chunks; ++s) {
        const Point& a = points[s];
        const Point& b = points[next[s]];
        const double dx = b.x - a.x, dy = b.y - a.y;
        const double length2 = dx * dx + dy * dy;
        if (!(length2 > 0)) continue;
        // Column by column, only the rows the segment passes (widened by the tolerance): a long edge
        // visits the cells along it, not every cell of its box.
        const double lo_x = std::min(a.x, b.x), hi_x = std::max(a.x, b.x);
        const std::int64_t x1 = grid.cell_of(hi_x + tolerance);
        for (std::int64_t x = grid.cell_of(lo_x - tolerance); x <= x1; ++x) {
          double from = a.y, to = b.y;
          if (dx != 0) {
            const double left = std::clamp(static_cast<double>(x) * size - tolerance, lo_x, hi_x);
            const double right = std::clamp(static_cast<double>(x + 1) * size + tolerance, lo_x, hi_x);
            from = a.y + (left - a.x) * dy / dx;
            to = a.y + (right - a.x) * dy / dx;
          }
          const std::int64_t y1 = grid.cell_of(std::max(from, to) + tolerance);
          for (const CellGrid::Cell& cell :
               grid.column(x, grid.cell_of(std::min(from, to) - tolerance), y1)) {
            for (std::uint32_t m = cell.begin; m < cell.end; ++m) {
              const std::uint32_t j = grid.order()[m];
              const Point& p = points[j];
              if (ring_of[j] == ring_of[s] || p == a || p == b) continue;
              const double t = ((p.x - a.x) * dx + (p.y - a.y) * dy) / length2;
              if (!(t > 0 && t < 1)) continue;
              if (squared_distance({a.x + t * dx, a.y + t * dy}, p) >= tolerance2) continue;
              if (ring_has(ring_of[s], p)) continue;
              found[chunk].push_back({static_cast<std::uint32_t>(s), t, p});
            }
          }
        }
      }
  });
  std::vector<Insertion> insertions;
  for (auto& part : found) insertions.insert(insertions.end(), part.begin(), part.end());
  // Once per ring and point: the first segment that takes it.
  const auto key = [&](const Insertion& x) { return std::tuple{ring_of[x.segment], x.point.x, x.point.y}; };
  std::sort(insertions.begin(), insertions.end(), [&](const Insertion& x, const Insertion& y) {
    return std::tuple_cat(key(x), std::tuple{x.segment}) < std::tuple_cat(key(y), std::tuple{y.segment});
  });
  insertions.erase(std::unique(insertions.begin(), insertions.end(),
                               [&](const Insertion& x, const Insertion& y) { return key(x) == key(y); }),
                   insertions.end());
  std::sort(insertions.begin(), insertions.end(), [](const Insertion& x, const Insertion& y) {
    return x.segment != y.segment ? x.segment < y.segment : x.along < y.along;
  });
  return insertions;
}

void drop_repeats(Ring& ring) {
  ring.erase(std::unique(ring.begin(), ring.end()), ring.end());
  if (ring.size() > 1 && ring.front() == ring.back()) ring.pop_back();
  if (!ring.empty()) ring.push_back(ring.front());
}

}  // namespace

BorderSnapStats snap_borders(std::span<Ring* const> rings, double tolerance, int threads) {
  BorderSnapStats stats;
  if (!(tolerance > 0)) return stats;
  // The distinct vertices of every ring (each ring's closing point left out), the ring of each, and the
  // vertex each segment runs to.
  std::vector<Point> points;
  std::vector<std::uint32_t> ring_of;
  std::vector<std::uint32_t> next;
  for (std::size_t r = 0; r < rings.size(); ++r) {
    const Ring& ring = *rings[r];
    if (ring.size() < 2) continue;
    const std::size_t first = points.size();
    if (first + ring.size() >= std::numeric_limits<std::uint32_t>::max()) return stats;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i) {
      points.push_back(ring[i]);
      ring_of.push_back(static_cast<std::uint32_t>(r));
      next.push_back(static_cast<std::uint32_t>(i + 2 < ring.size() ? points.size() : first));
    }
  }
  stats.vertices_moved = snap_vertices(points, ring_of, tolerance);
  const std::vector<Insertion> insertions = find_insertions(points, ring_of, next, tolerance, threads);
  stats.vertices_inserted = insertions.size();
  if (stats.vertices_moved == 0 && insertions.empty()) return stats;

  std::size_t vertex = 0;
  auto insertion = insertions.begin();
  for (Ring* ring : rings) {
    if (ring->size() < 2) continue;
    Ring rebuilt;
    rebuilt.reserve(ring->size());
    for (std::size_t i = 0; i + 1 < ring->size(); ++i, ++vertex) {
      rebuilt.push_back(points[vertex]);
      for (; insertion != insertions.end() && insertion->segment == vertex; ++insertion)
        rebuilt.push_back(insertion->point);
    }
    rebuilt.push_back(rebuilt.front());
    drop_repeats(rebuilt);
    // A ring the snap folded flat or turned inside out is gone at this tolerance.
    const double before = signed_ring_area(*ring);
    const double after = rebuilt.size() < 4 ? 0 : signed_ring_area(rebuilt);
    if (after == 0 || (after > 0) != (before > 0)) {
      ++stats.rings_collapsed;
      rebuilt.clear();
    }
    *ring = std::move(rebuilt);
  }
  return stats;
}

}  // namespace covermap::geo
