#pragma once
// What one vector tile holds, from the tile renderer's per-zoom geometry (the same projection, shared-edge
// simplification and tile index as the raster tiles, so whatever speeds up prepare_zoom speeds up both):
// each unit near the tile as polygons clipped to the tile and its buffer on the 4096 grid
// (render/tile_clip), and the label point of each unit whose label lies in the tile. A tile no edge comes
// near is reported as inside one unit, without clipping, so a pyramid's thousands of such tiles cost a
// lookup each.
#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "geo/geos_context.hpp"
#include "render/tile_clip.hpp"
#include "render/tile_renderer.hpp"

namespace covermap::render {

inline constexpr int kVectorTileExtent = 4096;
// The renderer's grid is kQuantumPx (1/8) of a pixel: on 512-pixel tiles, one unit of the 4096 extent.
inline constexpr int kVectorTilePixels = 512;
// Units beyond each edge of the tile: more than any border a style draws (a line along the cut then lies
// outside what the client shows), 1/64 of the tile.
inline constexpr int kVectorTileBuffer = 64;
// How far simplified outlines may stray, in units of the grid (an eighth of a CSS pixel where MapLibre shows
// the tile). One unit rather than the raster tiles' 0.05 px (0.4 units): the county pyramid (z0-10) 10%
// smaller (19.8 MB instead of 22.1) and a third faster, its fills still the raster tiles' to the pixel.
inline constexpr double kVectorTileSimplifyUnits = 1;
// What a tile's polygons are clipped to: the tile and its buffer.
inline constexpr GridBox kVectorTileClipBox{-kVectorTileBuffer, -kVectorTileBuffer,
                                            kVectorTileExtent + kVectorTileBuffer,
                                            kVectorTileExtent + kVectorTileBuffer};

struct VectorTileFeature {
  std::uint32_t unit = 0;
  std::vector<GridRing> rings;  // MVT order: each exterior followed by its holes
};

struct VectorTileLabel {
  std::uint32_t unit = 0;
  GridPoint at;  // within [0, 4096)
};

struct VectorTile {
  enum class Kind { empty, inside_unit, features };
  Kind kind = Kind::empty;
  std::uint32_t unit = 0;                // inside_unit: the unit covering the tile and its buffer
  std::vector<VectorTileFeature> units;  // features: in the units' order
  std::vector<VectorTileLabel> labels;   // features: in the units' order
};

// Where a unit is labelled: geo::label_point (as the figures place labels) on its Web Mercator shape, and
// the first zoom at which its largest part is wide or tall enough for a label (kLabelMinSpanPx on a 512-pixel
// tile); lower zooms leave the label out, as a map would not print it there.
struct UnitLabel {
  geo::Point at;  // normalized Web Mercator
  int min_zoom = 0;
};
inline constexpr double kLabelMinSpanPx = 32;

class VectorTileBuilder {
 public:
  // Projects the units once (a TileRenderer on the vector tiles' grid, indexing parts within the buffer)
  // and places every unit's label, with `threads` threads.
  VectorTileBuilder(std::vector<TileUnit> units, const geo::GeosContext& geos, int threads);

  geo::Box lon_lat_bounds() const { return renderer_.lon_lat_bounds(); }
  const std::vector<std::optional<UnitLabel>>& labels() const { return labels_; }

  // As TileRenderer::prepare_zoom, add_zoom and release_zoom; build() then makes tiles of the zooms prepared.
  void prepare_zoom(int z, int threads);
  void add_zoom(int z, int threads);
  void release_zoom(int z);
  // Thread-safe, each thread with its own GEOS context (for the polygons the grid made invalid). Throws
  // InternalError for a tile of another zoom.
  VectorTile build(const geo::TileId& tile, const geo::GeosContext& geos) const;
  // What build(tile) will do, without doing it (thread-safe).
  TileWork work(const geo::TileId& tile) const { return renderer_.work(tile, false); }

 private:
  TileRenderer renderer_;
  std::vector<std::optional<UnitLabel>> labels_;
  // Each prepared zoom's labels: (tile key, unit, position in the tile), sorted.
  struct PlacedLabel {
    std::uint64_t tile_key;
    VectorTileLabel label;
  };
  std::array<std::vector<PlacedLabel>, geo::kMaxTileZoom + 1> placed_;
};

}  // namespace covermap::render
