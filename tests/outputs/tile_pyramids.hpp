#pragma once
// Tile sets for the sink tests: the info of a China-wide set, a pyramid of small contents over it with
// repeats, and putting them into a sink in a shuffled order.
#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "geo/tile_math.hpp"
#include "outputs/tile_sink.hpp"

namespace covermap::test {

using TileKey = std::tuple<int, std::uint32_t, std::uint32_t>;

inline outputs::TileSetInfo china_info(int min_zoom, int max_zoom) {
  outputs::TileSetInfo info;
  info.name = "Coverage by county";
  info.description = "Share of households reached";
  info.attribution = "covermap tests";
  info.min_zoom = min_zoom;
  info.max_zoom = max_zoom;
  info.bounds = {73.5, 18.2, 134.8, 53.6};
  info.center = {104.1, 35.9};
  info.center_zoom = min_zoom;
  info.legend = nlohmann::ordered_json::array(
      {{{"label", "< 20%"}, {"color", "#fee5d9"}}, {{"label", ">= 80%"}, {"color", "#a50f15"}}});
  return info;
}

// Every tile over the info's bounds at its zooms, each with one of `distinct` contents scattered irregularly
// (so the directory does not compress to nothing), with identical neighbours now and then.
inline std::map<TileKey, std::string> pyramid(const outputs::TileSetInfo& info, int distinct) {
  std::map<TileKey, std::string> tiles;
  for (int z = info.min_zoom; z <= info.max_zoom; ++z) {
    const geo::TileRange range = geo::tiles_covering(info.bounds, z);
    for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
      for (std::uint32_t y = range.min_y; y <= range.max_y; ++y)
        tiles[{z, x, y}] =
            "tile content " + std::to_string(((x * 2654435761u) ^ (y * 40503u + z)) % 97 % distinct);
  }
  return tiles;
}

// In (z, x, y) order, or shuffled by `shuffle_seed` when it is not 0.
inline void put_all(outputs::TileSink& sink, const std::map<TileKey, std::string>& tiles,
                    unsigned shuffle_seed) {
  std::vector<std::pair<TileKey, std::string>> order(tiles.begin(), tiles.end());
  if (shuffle_seed != 0) std::shuffle(order.begin(), order.end(), std::mt19937(shuffle_seed));
  for (const auto& [key, bytes] : order)
    sink.put({std::get<0>(key), std::get<1>(key), std::get<2>(key)}, bytes);
}

}  // namespace covermap::test
