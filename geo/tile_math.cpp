#include "geo/tile_math.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace covermap::geo {
namespace {

constexpr double kEarthRadius = 6378137.0;

std::uint32_t clamp_index(double value, std::uint32_t last) {
  if (value <= 0) return 0;
  if (value >= static_cast<double>(last)) return last;
  return static_cast<std::uint32_t>(value);
}

// Rotates a quadrant of the Hilbert curve (the classic xy <-> d conversion).
void hilbert_rotate(std::uint64_t n, std::uint64_t& x, std::uint64_t& y, std::uint64_t rx, std::uint64_t ry) {
  if (ry == 0) {
    if (rx == 1) {
      x = n - 1 - x;
      y = n - 1 - y;
    }
    std::swap(x, y);
  }
}

// Position in tile units at zoom z, from degrees directly so that 0 E lands exactly on a tile edge.
Point lon_lat_to_tile_fraction(Point lon_lat, int z) {
  const double tiles = std::ldexp(1.0, z);
  const double lat =
      std::clamp(lon_lat.y, -kWebMercatorMaxLatitude, kWebMercatorMaxLatitude) * std::numbers::pi / 180.0;
  const double y = (1.0 - std::log(std::tan(lat) + 1.0 / std::cos(lat)) / std::numbers::pi) / 2.0;
  return {(lon_lat.x + 180.0) / 360.0 * tiles, y * tiles};
}

}  // namespace

Point lon_lat_to_mercator(Point lon_lat) {
  const double lat = std::clamp(lon_lat.y, -kWebMercatorMaxLatitude, kWebMercatorMaxLatitude);
  const double x = kEarthRadius * lon_lat.x * std::numbers::pi / 180.0;
  const double y = kEarthRadius * std::log(std::tan(std::numbers::pi / 4.0 + lat * std::numbers::pi / 360.0));
  return {x, y};
}

Point mercator_to_lon_lat(Point mercator) {
  const double lon = mercator.x / kEarthRadius * 180.0 / std::numbers::pi;
  const double lat = (2.0 * std::atan(std::exp(mercator.y / kEarthRadius)) - std::numbers::pi / 2.0) * 180.0 /
                     std::numbers::pi;
  return {lon, lat};
}

Point mercator_to_world_pixel(Point mercator, int z, int tile_size) {
  const double world = std::ldexp(static_cast<double>(tile_size), z);
  const double scale = world / (2.0 * kWebMercatorHalfWorld);
  return {(mercator.x + kWebMercatorHalfWorld) * scale, (kWebMercatorHalfWorld - mercator.y) * scale};
}

TileRange tiles_covering(const Box& lon_lat, int z) {
  const Point north_west = lon_lat_to_tile_fraction({lon_lat.min_x, lon_lat.max_y}, z);
  const Point south_east = lon_lat_to_tile_fraction({lon_lat.max_x, lon_lat.min_y}, z);
  const std::uint32_t last = (std::uint32_t{1} << z) - 1;
  // A box ending exactly on a tile edge ends in the tile before it.
  const auto last_index = [last](double edge) {
    const double floor_edge = std::floor(edge);
    return clamp_index(floor_edge == edge ? edge - 1 : floor_edge, last);
  };
  TileRange range;
  range.z = z;
  range.min_x = clamp_index(std::floor(north_west.x), last);
  range.min_y = clamp_index(std::floor(north_west.y), last);
  range.max_x = std::max(range.min_x, last_index(south_east.x));
  range.max_y = std::max(range.min_y, last_index(south_east.y));
  return range;
}

Box tile_bounds_mercator(const TileId& tile) {
  const double size = 2.0 * kWebMercatorHalfWorld / std::ldexp(1.0, tile.z);
  Box box;
  box.min_x = -kWebMercatorHalfWorld + tile.x * size;
  box.max_x = box.min_x + size;
  box.max_y = kWebMercatorHalfWorld - tile.y * size;
  box.min_y = box.max_y - size;
  return box;
}

Box tile_bounds_lon_lat(const TileId& tile) {
  const Box mercator = tile_bounds_mercator(tile);
  Box box;
  box.expand(mercator_to_lon_lat({mercator.min_x, mercator.min_y}));
  box.expand(mercator_to_lon_lat({mercator.max_x, mercator.max_y}));
  return box;
}

std::uint32_t tms_row(const TileId& tile) {
  return (std::uint32_t{1} << tile.z) - 1 - tile.y;
}

std::uint64_t pmtiles_tile_id(const TileId& tile) {
  const std::uint64_t n = std::uint64_t{1} << tile.z;
  std::uint64_t x = tile.x;
  std::uint64_t y = tile.y;
  std::uint64_t d = 0;
  for (std::uint64_t s = n / 2; s > 0; s /= 2) {
    const std::uint64_t rx = (x & s) > 0 ? 1 : 0;
    const std::uint64_t ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    hilbert_rotate(n, x, y, rx, ry);
  }
  return pmtiles_first_tile_id(tile.z) + d;
}

TileId tile_from_pmtiles_id(std::uint64_t id) {
  int z = 0;
  while (z < kMaxTileZoom && pmtiles_first_tile_id(z + 1) <= id) ++z;
  const std::uint64_t n = std::uint64_t{1} << z;
  std::uint64_t t = id - pmtiles_first_tile_id(z);
  std::uint64_t x = 0;
  std::uint64_t y = 0;
  for (std::uint64_t s = 1; s < n; s *= 2) {
    const std::uint64_t rx = 1 & (t / 2);
    const std::uint64_t ry = 1 & (t ^ rx);
    hilbert_rotate(s, x, y, rx, ry);
    x += s * rx;
    y += s * ry;
    t /= 4;
  }
  return {z, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

std::vector<TileId> tiles_in_hilbert_order(const Box& lon_lat, int z) {
  const TileRange range = tiles_covering(lon_lat, z);
  std::vector<std::pair<std::uint64_t, TileId>> by_id;
  by_id.reserve(range.count());
  for (std::uint32_t y = range.min_y; y <= range.max_y; ++y)
    for (std::uint32_t x = range.min_x; x <= range.max_x; ++x) {
      const TileId tile{z, x, y};
      by_id.emplace_back(pmtiles_tile_id(tile), tile);
    }
  std::sort(by_id.begin(), by_id.end());
  std::vector<TileId> tiles;
  tiles.reserve(by_id.size());
  for (const auto& [id, tile] : by_id) tiles.push_back(tile);
  return tiles;
}

}  // namespace covermap::geo
