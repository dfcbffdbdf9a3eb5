#pragma once
// Each zoom's tile geometry (render/tile_geometry.hpp) kept on disk beside the boundary cache, so that a
// regeneration of the same map (covermap build's updates, a re-run after an edit of the data) never prepares
// a zoom twice: preparing one (projection to pixels, shared-edge simplification, the tile index) is most of a
// low zoom's time. An entry depends on the units' geometry (keyed by their lon/lat coordinates, which fix
// the Web Mercator ones) and the tile settings, never on the data or the colours, so recoloured maps share
// it.
#include <optional>
#include <string>
#include <vector>

#include "render/tile_geometry.hpp"

namespace covermap::render {

class ZoomCache {
 public:
  // No cache: reads find nothing and writes do nothing.
  ZoomCache() = default;
  // In `directory` (boundaries::cache_directory(); empty: none), for units whose coordinates have these
  // hashes (geo::coordinates_hash), in order, prepared with these settings (TileStyle's).
  ZoomCache(std::string directory, const std::vector<std::string>& unit_hashes, int tile_size,
            double margin_px, double simplify_px, bool coarse_sources);

  // The geometry of zoom z, or nothing when absent or damaged (a damaged entry is never trusted).
  std::optional<ZoomGeometry> read(int z) const;
  // Stores it atomically; a cache that cannot be written is said once a run and only costs time.
  void write(const ZoomGeometry& geometry) const;

 private:
  std::string path(int z) const;

  std::string directory_;
  std::string key_;
  std::size_t units_ = 0;
};

}  // namespace covermap::render
