#pragma once
// Reads back every tile of an earlier tile output, whatever its kind (a folder of z/x/y files, MBTiles or
// PMTiles, chosen by the name as open_tile_sink chooses): for an update that keeps most of them.
#include <functional>
#include <string>
#include <string_view>

#include "geo/tile_math.hpp"
#include "outputs/tile_encoding.hpp"

namespace covermap::outputs {

// Calls `visit` once per stored tile with its bytes as stored (`bytes` lives until visit returns), in an
// order of the format's choosing. In a folder, only `z/x/y.<format>` files count; tiles.json is skipped and
// any other file is an InputError, as is anything that cannot be read.
void for_each_stored_tile(const std::string& path, TileFormat format,
                          const std::function<void(const geo::TileId& tile, std::string_view bytes)>& visit);

}  // namespace covermap::outputs
