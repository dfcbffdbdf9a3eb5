// ZoomGeometry as a record of the zoom cache: the parts ring by ring, then the tile index as it is.
#include "render/tile_geometry.hpp"

namespace covermap::render {

void ZoomGeometry::write(geo::BinaryWriter& out) const {
  out.value(std::int32_t{z_});
  out.value(std::int32_t{tile_size_});
  out.value(margin_px_);
  out.u32(static_cast<std::uint32_t>(parts_.size()));
  for (const PixelPart& part : parts_) {
    out.u32(part.unit);
    out.value(part.box);
    out.u32(static_cast<std::uint32_t>(part.rings.size()));
    for (const PixelRing& ring : part.rings) {
      out.value(ring.box);
      out.ring(ring.points);
    }
  }
  out.array(keys_);
  out.array(offsets_);
  out.array(part_ids_);
}

std::optional<ZoomGeometry> ZoomGeometry::read(geo::BinaryReader& in) {
  ZoomGeometry geometry;
  geometry.z_ = in.value<std::int32_t>();
  geometry.tile_size_ = in.value<std::int32_t>();
  geometry.margin_px_ = in.value<double>();
  geometry.parts_.resize(in.count(sizeof(std::uint32_t) + sizeof(geo::Box) + sizeof(std::uint32_t)));
  for (PixelPart& part : geometry.parts_) {
    part.unit = in.u32();
    part.box = in.value<geo::Box>();
    part.rings.resize(in.count(sizeof(geo::Box) + sizeof(std::uint32_t)));
    for (PixelRing& ring : part.rings) {
      ring.box = in.value<geo::Box>();
      ring.points = in.ring();
    }
    if (!in.ok()) return std::nullopt;
  }
  geometry.keys_ = in.array<std::uint64_t>();
  geometry.offsets_ = in.array<std::uint32_t>();
  geometry.part_ids_ = in.array<std::uint32_t>();
  if (!in.ok()) return std::nullopt;
  // The index must point inside the parts, or a damaged record could send a tile out of bounds.
  if (geometry.offsets_.size() != geometry.keys_.size() + 1 ||
      geometry.offsets_.back() != geometry.part_ids_.size())
    return std::nullopt;
  for (std::size_t i = 0; i + 1 < geometry.offsets_.size(); ++i)
    if (geometry.offsets_[i] > geometry.offsets_[i + 1]) return std::nullopt;
  for (const std::uint32_t part : geometry.part_ids_)
    if (part >= geometry.parts_.size()) return std::nullopt;
  return geometry;
}

}  // namespace covermap::render
