#include "tests/render/tile_test_support.hpp"

#include <cstring>

#include "render/text.hpp"

namespace covermap::test {

std::uint32_t premultiplied(const styles::Color& color) {
  const auto scale = [&](std::uint8_t channel) {
    return static_cast<std::uint32_t>((channel * color.a + 127) / 255);
  };
  return (std::uint32_t{color.a} << 24) | (scale(color.r) << 16) | (scale(color.g) << 8) | scale(color.b);
}

std::uint32_t pixel_at(const render::TileRaster& raster, int x, int y) {
  switch (raster.kind) {
    case render::TileRaster::Kind::empty:
      return 0;
    case render::TileRaster::Kind::solid:
      return premultiplied(raster.color);
    case render::TileRaster::Kind::image:
      break;
  }
  return raster.pixels[static_cast<std::size_t>(y * raster.size + x)];
}

void write_png(const render::TileRaster& raster, const std::string& path) {
  const int n = raster.size;
  render::CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, n, n));
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      const std::uint32_t value = pixel_at(raster, x, y);
      std::memcpy(data + y * stride + x * 4, &value, 4);
    }
  cairo_surface_mark_dirty(surface.get());
  cairo_surface_write_to_png(surface.get(), path.c_str());
}

}  // namespace covermap::test
