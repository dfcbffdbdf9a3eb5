#pragma once
// Internal to outputs/: the libpng writer of the figures' RGB PNGs (the tiles' palette PNGs: png_chunks.hpp).
#include <png.h>

#include <array>
#include <string>
#include <vector>

namespace covermap::outputs::detail {

// Everything libpng is given, prepared before its setjmp so no C++ object is live across a longjmp.
struct PngImage {
  int width = 0, height = 0, depth = 8;
  int colour_type = PNG_COLOR_TYPE_RGB;
  int palette_size = 0, translucent = 0;  // palette images: entries, and entries with alpha (tRNS)
  int pixels_per_metre = 0;               // written as pHYs when set, so the image places at its size
  std::array<png_color, 256> palette{};
  std::array<png_byte, 256> alpha{};
  std::vector<png_byte> packed;  // the rows, packed (palette images: each behind its filter byte)
  std::vector<png_bytep> rows;   // into packed
};

struct PngCompression {
  int zlib_level = 6;
  int zlib_strategy = 0;  // Z_DEFAULT_STRATEGY
  int filters = PNG_ALL_FILTERS;
};

// Appends the PNG of a grey or RGB(A) image to `out` (palette images: png_chunks.hpp). Returns false with
// `error` set when libpng fails.
bool write_png(const PngImage& image, const PngCompression& compression, std::string& out,
               std::string& error);

}  // namespace covermap::outputs::detail
