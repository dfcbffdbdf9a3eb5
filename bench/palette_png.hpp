#pragma once
// A stand-in tile encoder for the benchmark until outputs/ has its own: an 8-bit palette PNG (tRNS for
// transparency) like Mapnik's png8: the 256 most frequent colours exact, the rest mapped to the nearest of
// them; libpng, zlib level 6, no filtering.
#include <string>

#include "render/tile_renderer.hpp"

namespace covermap::bench {

std::string encode_palette_png(const render::TileRaster& raster);

}  // namespace covermap::bench
