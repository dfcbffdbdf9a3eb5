#pragma once
// Web Mercator (EPSG:3857) tile arithmetic for XYZ pyramids: y counts from the north, as web maps expect;
// MBTiles stores the TMS row (from the south), see tms_row.
#include <cstdint>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::geo {

inline constexpr double kWebMercatorHalfWorld = 20037508.342789244;  // metres, pi * 6378137
inline constexpr double kWebMercatorMaxLatitude = 85.0511287798066;
inline constexpr int kMaxTileZoom = 24;

struct TileId {
  int z = 0;
  std::uint32_t x = 0;
  std::uint32_t y = 0;
  bool operator==(const TileId&) const = default;
  // clang-tidy 14 sees the defaulted <=>'s comparison with literal 0 as a null pointer.
  auto operator<=>(const TileId&) const = default;  // NOLINT(modernize-use-nullptr)
};

// Inclusive rectangle of tiles at one zoom.
struct TileRange {
  int z = 0;
  std::uint32_t min_x = 0;
  std::uint32_t min_y = 0;
  std::uint32_t max_x = 0;
  std::uint32_t max_y = 0;
  std::uint64_t count() const { return std::uint64_t{max_x - min_x + 1} * std::uint64_t{max_y - min_y + 1}; }
};

// Zoom levels min to max, inclusive.
struct ZoomRange {
  int min = 0;
  int max = 0;
};

// Longitude/latitude in degrees to Web Mercator metres; latitude is clamped to the square world.
Point lon_lat_to_mercator(Point lon_lat);
Point mercator_to_lon_lat(Point mercator);

// Pixel position in the whole world at zoom z for tiles of `tile_size` pixels: (0, 0) is the north-west
// corner of the world, y grows southwards.
Point mercator_to_world_pixel(Point mercator, int z, int tile_size);

// The tiles that cover a lon/lat box at zoom z (a box touching a tile's edge does not pull in the next tile).
TileRange tiles_covering(const Box& lon_lat, int z);

// A tile's box in Web Mercator metres, and in lon/lat degrees.
Box tile_bounds_mercator(const TileId& tile);
Box tile_bounds_lon_lat(const TileId& tile);

// The TMS row MBTiles stores: rows counted from the south.
std::uint32_t tms_row(const TileId& tile);

// The tiles that cover a lon/lat box at zoom z, along the Hilbert curve: neighbours come one after the
// other (so a renderer's caches stay warm) and in the order PMTiles stores them.
std::vector<TileId> tiles_in_hilbert_order(const Box& lon_lat, int z);

// PMTiles v3 tile id: tiles of lower zooms first, then along the Hilbert curve within a zoom.
std::uint64_t pmtiles_tile_id(const TileId& tile);
// `id` must be below kPmtilesTileIdEnd.
TileId tile_from_pmtiles_id(std::uint64_t id);

// The first PMTiles tile id of zoom z (0 <= z <= kMaxTileZoom + 1): the tiles of all zooms below, (4^z - 1)
// / 3.
constexpr std::uint64_t pmtiles_first_tile_id(int z) {
  return ((std::uint64_t{1} << (2 * z)) - 1) / 3;
}
// One past the last tile id of zoom kMaxTileZoom.
inline constexpr std::uint64_t kPmtilesTileIdEnd = pmtiles_first_tile_id(kMaxTileZoom + 1);

}  // namespace covermap::geo
