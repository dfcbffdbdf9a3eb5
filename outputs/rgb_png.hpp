#pragma once
// A raster figure's page as a 24-bit RGB PNG, written with libpng at settings chosen for maps (rgb_png.cpp).
#include <string>

namespace covermap::outputs {

// `xrgb32` is Cairo's CAIRO_FORMAT_RGB24: a native-endian uint32 per pixel, the top byte unused. `dpi` is
// recorded (pHYs), so a layout program places the image at the page size it was drawn for.
std::string encode_rgb_png(const unsigned char* xrgb32, int width, int height, int stride_bytes, double dpi);

}  // namespace covermap::outputs
