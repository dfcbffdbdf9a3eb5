#pragma once
// One zoom's geometry for the tile renderer: every polygon part in world pixels, quantized to 1/8 pixel with
// repeated vertices dropped and shared arcs simplified (both sides of a shared edge stay identical), and an
// index from each tile to the parts whose edges come within `margin_px` of it. A tile no edge comes near lies
// wholly inside one unit or outside all of them. It is kept as one record, the zoom cache's (points, rings,
// parts and index each an array), which the parts and rings view in place: reading a cached zoom is one read
// into huge pages (geo/page_buffer.hpp), not 5,000 allocations and 8,000 page faults.
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "geo/binary_record.hpp"
#include "geo/geometry.hpp"
#include "geo/page_buffer.hpp"
#include "geo/tile_math.hpp"

namespace covermap::render {

// Normalized Web Mercator: x and y in [0, 1] over the square world, y growing southwards.
using WorldShape = geo::MultiPolygon;

// Views into the ZoomGeometry they come from.
struct PixelRing {
  std::span<const geo::Point> points;  // world pixels, multiples of 1/8; closed (first point repeated last)
  geo::Box box;
};

struct PixelPart {
  std::uint32_t unit = 0;
  std::span<const PixelRing> rings;  // outer first, then holes; outer and holes wind opposite ways
  geo::Box box;
};

inline constexpr double kQuantumPx = 1.0 / 8;
// Vertices closer than this to the simplified line are dropped (geo/shared_edge_simplify.hpp). 0.05 px: at
// z3-5, where a county is a few pixels across, coarser outlines move the 0.4 px borders enough to show
// against Mapnik, which draws every vertex (agreement on the sampled county tiles of
// tests/app/tiles_mapnik_test.cpp: 0.25 px 97.1%, 0.1 px 98.3%, 0.05 px 98.9%, 0.02 px 98.9%). Over z0-10 it
// costs 1.2% more bytes than 0.25 px and no speed this machine can tell from its run-to-run noise (0.1 px
// neither).
inline constexpr double kSimplifyPx = 0.05;

class ZoomGeometry {
 public:
  ZoomGeometry() = default;
  // `threads` share the work; the result is the same for any number. Vertices closer than `simplify_px` to
  // the simplified line are dropped.
  ZoomGeometry(const std::vector<WorldShape>& world, int z, int tile_size, double margin_px, int threads = 1,
               double simplify_px = kSimplifyPx);

  int zoom() const { return z_; }
  const std::vector<PixelPart>& parts() const { return parts_; }
  // Parts (indices into parts(), ascending) with an edge within the margin of the tile; empty: none.
  std::span<const std::uint32_t> parts_touching(const geo::TileId& tile) const;
  std::size_t touched_tile_count() const { return keys_.size(); }

  // As a record of the zoom cache (render/zoom_cache.hpp) and back: what read() gives equals what was
  // written, member for member; nothing when the record is damaged. write() starts the record on a multiple
  // of 8 bytes from the start of `out`; read() takes the record that starts at `begin` (a multiple of 8) of
  // `bytes` and runs to its end, and keeps `bytes`.
  void write(geo::BinaryWriter& out) const;
  static std::optional<ZoomGeometry> read(geo::PageBuffer bytes, std::size_t begin);

 private:
  // The record's parts and rings: each a range of the next array, and its box. Every byte is a field, so the
  // same geometry always gives the same record.
  struct PartRecord {
    std::uint32_t unit;
    std::uint32_t first_ring;
    std::uint32_t ring_end;
    std::uint32_t unused;
    geo::Box box;
  };
  struct RingRecord {
    std::uint32_t first_point;
    std::uint32_t point_end;
    geo::Box box;
  };

  // record_ made from the arrays, and viewed.
  void make_record(std::span<const PartRecord> parts, std::span<const RingRecord> rings,
                   std::span<const geo::Point> points, std::span<const std::uint64_t> keys,
                   std::span<const std::uint32_t> offsets, std::span<const std::uint32_t> part_ids);
  // The views of record_ from record_begin_ on; false when the record is damaged.
  bool view_record();

  int z_ = -1;
  int tile_size_ = 256;
  double margin_px_ = 1;
  geo::PageBuffer record_;
  std::size_t record_begin_ = 0;
  std::vector<PixelRing> rings_;
  std::vector<PixelPart> parts_;
  // Compressed rows: keys_ (sorted tile keys) -> part_ids_[offsets_[i], offsets_[i + 1]).
  std::span<const std::uint64_t> keys_;
  std::span<const std::uint32_t> offsets_;
  std::span<const std::uint32_t> part_ids_;
};

}  // namespace covermap::render
