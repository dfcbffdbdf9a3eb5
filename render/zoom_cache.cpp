#include "render/zoom_cache.hpp"

#include <string_view>

#include "geo/content_hash.hpp"
#include "geo/parallel_for.hpp"
#include "geo/warnings.hpp"

namespace covermap::render {
namespace {

// Bump when preparing a zoom changes what it gives (quantization, simplification, the index), so old entries
// are not reused.
// 3: one record of arrays viewed in place, after the format line and zeros to a multiple of 8 bytes.
constexpr std::string_view kFormat = "covermap zoom cache 3\n";
constexpr std::size_t kRecordBegin =
    (kFormat.size() + geo::kRecordAlignment - 1) / geo::kRecordAlignment * geo::kRecordAlignment;

std::string_view as_bytes(const geo::Ring& ring) {
  return {reinterpret_cast<const char*>(ring.data()), ring.size() * sizeof(geo::Point)};
}

}  // namespace

ZoomCache::ZoomCache(std::string directory, const std::vector<geo::MultiPolygon>& lon_lat, int tile_size,
                     double margin_px, double simplify_px, bool coarse_sources, int threads)
    : directory_(std::move(directory)), units_(lon_lat.size()) {
  if (directory_.empty()) return;
  const auto number = [](geo::ContentHash& hash, double v) {
    hash.add({reinterpret_cast<const char*>(&v), sizeof v});
  };
  // Each unit's coordinates hashed on its own (on several threads), then the units' hashes in order: the key
  // does not depend on the number of threads.
  std::vector<std::string> unit_hashes(lon_lat.size());
  geo::parallel_for(lon_lat.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) {
      geo::ContentHash hash;
      number(hash, static_cast<double>(lon_lat[i].size()));
      for (const geo::Polygon& polygon : lon_lat[i]) {
        hash.add(as_bytes(polygon.outer));
        number(hash, static_cast<double>(polygon.holes.size()));
        for (const geo::Ring& hole : polygon.holes) hash.add(as_bytes(hole));
      }
      unit_hashes[i] = hash.hex();
    }
  });
  geo::ContentHash hash;
  hash.add(kFormat);
  number(hash, tile_size);
  number(hash, margin_px);
  number(hash, simplify_px);
  number(hash, coarse_sources ? 1 : 0);
  number(hash, static_cast<double>(lon_lat.size()));
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
