#include "render/tile_geometry.hpp"

#include <algorithm>
#include <cmath>

#include "geo/parallel_for.hpp"
#include "geo/shared_edge_simplify.hpp"

namespace covermap::render {
namespace {

std::uint64_t tile_key(std::uint32_t x, std::uint32_t y) {
  return (std::uint64_t{x} << 32) | y;
}

// A part while the zoom is prepared, before it goes into the record.
struct BuiltRing {
  geo::Ring points;
  geo::Box box;
};
struct BuiltPart {
  std::uint32_t unit = 0;
  std::vector<BuiltRing> rings;
  geo::Box box;
};

// The ring in world pixels on the 1/8 pixel grid, without repeated vertices; empty when fewer than three
// distinct vertices remain (the ring is then smaller than a pixel and draws nothing).
BuiltRing quantize(const geo::Ring& ring, double scale) {
  BuiltRing out;
  out.points.reserve(ring.size());
  for (const geo::Point& p : ring) {
    const geo::Point q{std::round(p.x * scale / kQuantumPx) * kQuantumPx,
                       std::round(p.y * scale / kQuantumPx) * kQuantumPx};
    if (!out.points.empty() && out.points.back() == q) continue;
    out.points.push_back(q);
  }
  if (out.points.size() < 4) {
    out.points.clear();
    return out;
  }
  for (const geo::Point& p : out.points) out.box.expand(p);
  return out;
}

// Adds the keys of the tiles each edge of the ring passes within the margin of (a segment crossing many tile
// columns adds, per column, only the rows its own stretch spans).
void index_ring(std::span<const geo::Point> points, int z, int tile_size, double margin_px,
                std::vector<std::uint64_t>& keys) {
  const double size = tile_size;
  const double m = margin_px;
  const double last = std::ldexp(1.0, z) - 1;
  const auto tile_of = [&](double px) {
    return static_cast<std::uint32_t>(std::clamp(std::floor(px / size), 0.0, last));
  };
  const auto add_column = [&](std::uint32_t column, double y0, double y1) {
    for (std::uint32_t row = tile_of(y0 - m), end = tile_of(y1 + m); row <= end; ++row)
      keys.push_back(tile_key(column, row));
  };
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    const geo::Point a = points[i];
    const geo::Point b = points[i + 1];
    const std::uint32_t first = tile_of(std::min(a.x, b.x) - m);
    const std::uint32_t final = tile_of(std::max(a.x, b.x) + m);
    if (first == final || a.x == b.x) {
      for (std::uint32_t column = first; column <= final; ++column)
        add_column(column, std::min(a.y, b.y), std::max(a.y, b.y));
      continue;
    }
    // The segment's y over each column's x span (widened by the margin), clamped to the segment's ends.
    const double slope = (b.y - a.y) / (b.x - a.x);
    const double lo_x = std::min(a.x, b.x);
    const double hi_x = std::max(a.x, b.x);
    for (std::uint32_t column = first; column <= final; ++column) {
      const double x0 = std::max(lo_x, column * size - m);
      const double x1 = std::min(hi_x, (column + 1) * size + m);
      const double y0 = a.y + (x0 - a.x) * slope;
      const double y1 = a.y + (x1 - a.x) * slope;
      add_column(column, std::min(y0, y1), std::max(y0, y1));
    }
  }
}

}  // namespace

ZoomGeometry::ZoomGeometry(const std::vector<WorldShape>& world, int z, int tile_size, double margin_px,
                           int threads, double simplify_px)
    : z_(z), tile_size_(tile_size), margin_px_(margin_px) {
  const double scale = std::ldexp(static_cast<double>(tile_size), z);
  std::vector<std::vector<BuiltPart>> by_unit(world.size());
  geo::parallel_for(world.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t unit = begin; unit < end; ++unit)
      for (const geo::Polygon& polygon : world[unit]) {
        BuiltPart part;
        part.unit = static_cast<std::uint32_t>(unit);
        BuiltRing outer = quantize(polygon.outer, scale);
        if (outer.points.empty()) continue;
        part.box = outer.box;
        part.rings.push_back(std::move(outer));
        for (const geo::Ring& hole : polygon.holes) {
          BuiltRing ring = quantize(hole, scale);
          if (!ring.points.empty()) part.rings.push_back(std::move(ring));
        }
        by_unit[unit].push_back(std::move(part));
      }
  });
  std::vector<BuiltPart> built;
  for (auto& parts : by_unit)
    for (auto& part : parts) built.push_back(std::move(part));
  by_unit = {};
  // Shared arcs simplified alike on both sides, while the 1/8-pixel grid fits the keys (to zoom 15 at 512
  // pixels).
  if (scale / kQuantumPx < 2147483648.0) {
    std::vector<geo::Ring*> rings;
    for (BuiltPart& part : built)
      for (BuiltRing& ring : part.rings) rings.push_back(&ring.points);
    geo::simplify_shared_rings(rings, simplify_px);
    for (BuiltPart& part : built) {
      if (part.rings.front().points.empty())
        part.rings.clear();  // the outer ring vanished: so does the part
      else
        std::erase_if(part.rings, [](const BuiltRing& ring) { return ring.points.empty(); });
    }
    std::erase_if(built, [](const BuiltPart& part) { return part.rings.empty(); });
  }

  // (tile, part) pairs, each part's tiles deduplicated first so the sort stays small; chunks joined in order.
  const std::size_t chunks = static_cast<std::size_t>(std::max(threads, 1));
  std::vector<std::vector<std::pair<std::uint64_t, std::uint32_t>>> chunk_pairs(chunks);
  geo::parallel_for(chunks, threads, [&](std::size_t first_chunk, std::size_t last_chunk) {
    for (std::size_t chunk = first_chunk; chunk < last_chunk; ++chunk) {
      std::vector<std::uint64_t> keys;
      for (std::size_t part = built.size() * chunk / chunks; part < built.size() * (chunk + 1) / chunks;
           ++part) {
        keys.clear();
        for (const BuiltRing& ring : built[part].rings)
          index_ring(ring.points, z, tile_size, margin_px, keys);
        std::sort(keys.begin(), keys.end());
        keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
        for (std::uint64_t key : keys) chunk_pairs[chunk].emplace_back(key, static_cast<std::uint32_t>(part));
      }
    }
  });
  std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs;
  for (auto& chunk : chunk_pairs) pairs.insert(pairs.end(), chunk.begin(), chunk.end());
  chunk_pairs = {};
  std::sort(pairs.begin(), pairs.end());
  std::vector<std::uint64_t> keys;
  std::vector<std::uint32_t> offsets;
  std::vector<std::uint32_t> part_ids;
  part_ids.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i == 0 || pairs[i].first != pairs[i - 1].first) {
      keys.push_back(pairs[i].first);
      offsets.push_back(static_cast<std::uint32_t>(part_ids.size()));
    }
    part_ids.push_back(pairs[i].second);
  }
  offsets.push_back(static_cast<std::uint32_t>(part_ids.size()));
  pairs = {};

  std::vector<PartRecord> part_records;
  std::vector<RingRecord> ring_records;
  std::vector<geo::Point> points;
  part_records.reserve(built.size());
  for (const BuiltPart& part : built) {
    const auto first_ring = static_cast<std::uint32_t>(ring_records.size());
    for (const BuiltRing& ring : part.rings) {
      const auto first_point = static_cast<std::uint32_t>(points.size());
      points.insert(points.end(), ring.points.begin(), ring.points.end());
      ring_records.push_back({first_point, static_cast<std::uint32_t>(points.size()), ring.box});
    }
    part_records.push_back(
        {part.unit, first_ring, static_cast<std::uint32_t>(ring_records.size()), 0, part.box});
  }
  built = {};
  make_record(part_records, ring_records, points, keys, offsets, part_ids);
}

std::span<const std::uint32_t> ZoomGeometry::parts_touching(const geo::TileId& tile) const {
  const auto it = std::lower_bound(keys_.begin(), keys_.end(), tile_key(tile.x, tile.y));
  if (it == keys_.end() || *it != tile_key(tile.x, tile.y)) return {};
  const std::size_t i = static_cast<std::size_t>(it - keys_.begin());
  return {part_ids_.data() + offsets_[i], part_ids_.data() + offsets_[i + 1]};
}

}  // namespace covermap::render
