#pragma once
// Test-only helpers for tile rasters: pixel access and writing a PNG to look at.
#include <cstdint>
#include <string>

#include "render/tile_renderer.hpp"

namespace covermap::test {

// The ARGB32 (premultiplied) value every pixel of a tile of this colour has.
std::uint32_t premultiplied(const styles::Color& color);

// Pixel (x, y) of a raster of any kind, as Cairo's premultiplied ARGB32.
std::uint32_t pixel_at(const render::TileRaster& raster, int x, int y);

// Writes the raster as a PNG (Cairo's writer), for looking at tiles while debugging.
void write_png(const render::TileRaster& raster, const std::string& path);

}  // namespace covermap::test
