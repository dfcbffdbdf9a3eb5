#include "tests/app/png_image.hpp"

#include <cairo.h>
#include <gtest/gtest.h>

#include "render/cairo_handles.hpp"

namespace covermap::test {

ArgbImage read_png(const std::string& path) {
  render::CairoSurfacePtr surface(cairo_image_surface_create_from_png(path.c_str()));
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS) {
    ADD_FAILURE() << path << ": " << cairo_status_to_string(cairo_surface_status(surface.get()));
    return {};
  }
  cairo_surface_flush(surface.get());
  ArgbImage image;
  image.width = cairo_image_surface_get_width(surface.get());
  image.height = cairo_image_surface_get_height(surface.get());
  const auto* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  image.pixels.reserve(static_cast<std::size_t>(image.width) * image.height);
  for (int y = 0; y < image.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    image.pixels.insert(image.pixels.end(), row, row + image.width);
  }
  return image;
}

}  // namespace covermap::test
