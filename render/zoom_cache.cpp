#include "render/zoom_cache.hpp"

#include <string_view>

#include "geo/content_hash.hpp"
#include "geo/warnings.hpp"

namespace covermap::render {
namespace {

// Bump when preparing a zoom changes what it gives (quantization, simplification, the index), so old entries
// are not reused.
// 3: one record of arrays viewed in place, after the format line and zeros to a multiple of 8 bytes.
constexpr std::string_view kFormat = "covermap zoom cache 3\n";
constexpr std::size_t kRecordBegin =
    (kFormat.size() + geo::kRecordAlignment - 1) / geo::kRecordAlignment * geo::kRecordAlignment;

}  // namespace

ZoomCache::ZoomCache(std::string directory, const std::vector<std::string>& unit_hashes, int tile_size,
                     double margin_px, double simplify_px, bool coarse_sources)
    : directory_(std::move(directory)), units_(unit_hashes.size()) {
  if (directory_.empty()) return;
  const auto number = [](geo::ContentHash& hash, double v) {
    hash.add({reinterpret_cast<const char*>(&v), sizeof v});
  };
  geo::ContentHash hash;
  hash.add(kFormat);
  number(hash, tile_size);
  number(hash, margin_px);
  number(hash, simplify_px);
  number(hash, coarse_sources ? 1 : 0);
  number(hash, static_cast<double>(unit_hashes.size()));
  for (const std::string& unit_hash : unit_hashes) hash.add(unit_hash);
  key_ = hash.hex();
}

std::string ZoomCache::path(int z) const {
  return directory_ + "/zoom-" + key_ + "-" + std::to_string(z) + ".bin";
}

std::optional<ZoomGeometry> ZoomCache::read(int z) const {
  if (directory_.empty()) return std::nullopt;
  std::optional<geo::PageBuffer> bytes = geo::PageBuffer::read_file(path(z));
  if (!bytes || bytes->size() < kRecordBegin || bytes->view().substr(0, kFormat.size()) != kFormat)
    return std::nullopt;
  std::optional<ZoomGeometry> geometry = ZoomGeometry::read(std::move(*bytes), kRecordBegin);
  if (!geometry || geometry->zoom() != z) return std::nullopt;
  for (const PixelPart& part : geometry->parts())
    if (part.unit >= units_ || part.rings.empty()) return std::nullopt;
  return geometry;
}

void ZoomCache::write(const ZoomGeometry& geometry) const {
  if (directory_.empty()) return;
  geo::BinaryWriter record;
  record.bytes(kFormat.data(), kFormat.size());
  geometry.write(record);
  if (const auto reason = geo::write_cache_entry(directory_, path(geometry.zoom()), record.data()))
    warn_once("zoom-cache:" + directory_,
              "the tile geometry cache in " + directory_ + " cannot be written (" + *reason +
                  "); each zoom is prepared again every run (set COVERMAP_CACHE_DIR to a writable folder, or "
                  "to off)");
}

}  // namespace covermap::render
