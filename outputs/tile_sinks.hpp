#pragma once
// Internal to outputs/: the three TileSink implementations behind open_tile_sink, and what they share.
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "geo/atomic_output.hpp"
#include "outputs/tile_sink.hpp"

namespace covermap::outputs::detail {

using geo::FilePtr;

std::unique_ptr<TileSink> make_directory_sink(const std::string& path, TileFormat format);
std::unique_ptr<TileSink> make_mbtiles_sink(const std::string& path, TileFormat format,
                                            const TileSinkMemory& memory);
std::unique_ptr<TileSink> make_pmtiles_sink(const std::string& path, TileFormat format,
                                            const TileSinkMemory& memory);

// InputError naming `path` when the zooms, tile size or format of `info` do not fit a sink of `format`.
void check_info(const TileSetInfo& info, TileFormat format, const std::string& path);

// Writes tilejson(path, info) to tilejson_path(path), atomically.
void write_tilejson(const std::string& path, const TileSetInfo& info);

// MBTiles 1.3 metadata rows (name, value): name, format, bounds, center, zooms, attribution, description,
// type, version, and `json` holding the vector layers of vector tiles and the legend. Also what a vector
// tile folder's metadata.json holds, as tippecanoe writes it, for readers such as GDAL's MVT driver.
std::vector<std::pair<std::string, std::string>> mbtiles_metadata(const TileSetInfo& info);

// The info's bounds clamped to the Web Mercator world (the whole world when empty), west, south, east, north.
geo::Box clamped_bounds(const TileSetInfo& info);

}  // namespace covermap::outputs::detail
