// ZoomGeometry's record, the zoom cache's: the zoom, then the parts, the rings, the points and the tile
// index, each an array the geometry views in place.
#include <cmath>
#include <cstring>

#include "render/tile_geometry.hpp"

namespace covermap::render {
namespace {

// Whether `inner` (a point's box, or a ring's) lies within `outer`; false for NaN anywhere.
bool within(const geo::Box& inner, const geo::Box& outer) {
  return inner.min_x >= outer.min_x && inner.max_x <= outer.max_x && inner.min_y >= outer.min_y &&
         inner.max_y <= outer.max_y && inner.min_x <= inner.max_x && inner.min_y <= inner.max_y;
}

// Whether every point lies within `box` (false for NaN), without a branch per point.
bool all_within(std::span<const geo::Point> points, const geo::Box& box) {
  unsigned inside = 1;
  for (const geo::Point& p : points)
    inside &= static_cast<unsigned>(p.x >= box.min_x) & static_cast<unsigned>(p.x <= box.max_x) &
              static_cast<unsigned>(p.y >= box.min_y) & static_cast<unsigned>(p.y <= box.max_y);
  return inside != 0;
}

}  // namespace

void ZoomGeometry::make_record(std::span<const PartRecord> parts, std::span<const RingRecord> rings,
                               std::span<const geo::Point> points, std::span<const std::uint64_t> keys,
                               std::span<const std::uint32_t> offsets,
                               std::span<const std::uint32_t> part_ids) {
  geo::BinaryWriter out;
  out.value(std::int32_t{z_});
  out.value(std::int32_t{tile_size_});
  out.value(margin_px_);
  out.aligned_array(parts);
  out.aligned_array(rings);
  out.aligned_array(points);
  out.aligned_array(keys);
  out.aligned_array(offsets);
  out.aligned_array(part_ids);
  record_ = geo::PageBuffer(out.data().size());
  std::memcpy(record_.data(), out.data().data(), out.data().size());
  record_begin_ = 0;
  view_record();  // cannot fail: the arrays were made consistent
}

void ZoomGeometry::write(geo::BinaryWriter& out) const {
  out.align();
  out.bytes(record_.data() + record_begin_, record_.size() - record_begin_);
}

std::optional<ZoomGeometry> ZoomGeometry::read(geo::PageBuffer bytes, std::size_t begin) {
  if (begin % geo::kRecordAlignment != 0 || begin > bytes.size()) return std::nullopt;
  ZoomGeometry geometry;
  geometry.record_ = std::move(bytes);
  geometry.record_begin_ = begin;
  if (!geometry.view_record()) return std::nullopt;
  return geometry;
}

bool ZoomGeometry::view_record() {
  geo::BinaryReader in(record_.view().substr(record_begin_));
  z_ = in.value<std::int32_t>();
  tile_size_ = in.value<std::int32_t>();
  margin_px_ = in.value<double>();
  const auto parts = in.view<PartRecord>();
  const auto rings = in.view<RingRecord>();
  const auto points = in.view<geo::Point>();
  keys_ = in.view<std::uint64_t>();
  offsets_ = in.view<std::uint32_t>();
  part_ids_ = in.view<std::uint32_t>();
  if (!in.ok() || !in.at_end()) return false;
  if (z_ < 0 || z_ > geo::kMaxTileZoom || tile_size_ <= 0 || tile_size_ > 4096 || !(margin_px_ >= 0) ||
      !(margin_px_ <= tile_size_))
    return false;
  // Every coordinate finite and near the world (longitudes past the antimeridian reach beyond it), and inside
  // its ring's box: what preparing a zoom makes, so a tile is drawn from numbers the raster is made for.
  const double world = std::ldexp(static_cast<double>(tile_size_), z_);
  const geo::Box near_world{-world, -world, 2 * world, 2 * world};
  // Every range must lie inside its array, and the index point inside the parts, or a damaged record could
  // send a tile out of bounds.
  rings_.clear();
  rings_.reserve(rings.size());
  for (const RingRecord& ring : rings) {
    if (ring.first_point > ring.point_end || ring.point_end > points.size() || !within(ring.box, near_world))
      return false;
    const auto ring_points = points.subspan(ring.first_point, ring.point_end - ring.first_point);
    if (!all_within(ring_points, ring.box)) return false;
    rings_.push_back({ring_points, ring.box});
  }
  parts_.clear();
  parts_.reserve(parts.size());
  const std::span<const PixelRing> all_rings(rings_);
  for (const PartRecord& part : parts) {
    if (part.first_ring > part.ring_end || part.ring_end > all_rings.size() || !within(part.box, near_world))
      return false;
    parts_.push_back(
        {part.unit, all_rings.subspan(part.first_ring, part.ring_end - part.first_ring), part.box});
  }
  if (offsets_.size() != keys_.size() + 1 || offsets_.back() != part_ids_.size()) return false;
  for (std::size_t i = 0; i + 1 < offsets_.size(); ++i)
    if (offsets_[i] > offsets_[i + 1] || (i > 0 && keys_[i - 1] >= keys_[i])) return false;
  for (const std::uint32_t part : part_ids_)
    if (part >= parts_.size()) return false;
  return true;
}

}  // namespace covermap::render
