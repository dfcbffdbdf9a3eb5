#pragma once
// Encodes one rendered tile (Cairo ARGB32 pixels) as PNG or WebP bytes. Pure functions: same pixels, same
// bytes. Vector tiles (mvt) are encoded by outputs/vector_tiles.
#include <cstdint>
#include <string>

#include "styles/color.hpp"

namespace covermap::outputs {

enum class TileFormat { png, webp, mvt };

// "png", "webp" or "mvt"; throws InputError otherwise.
TileFormat parse_tile_format(const std::string& name);
// "png" / "webp" / "pbf" (Mapbox Vector Tiles, gzipped): the file extension, the MBTiles `format` and the
// TileJSON URL suffix.
const char* tile_format_name(TileFormat format);

// Pixels are Cairo's CAIRO_FORMAT_ARGB32: premultiplied, native-endian uint32 per pixel, `stride_bytes` per
// row.
//
// PNG is always an indexed (palette) PNG: with <= 256 distinct colours the palette is exact (alpha in tRNS,
// the smallest bit depth of 1, 2, 4 or 8 that holds it). With more, PngOptions::quantized_colours are kept:
// by frequency (ties to the smaller ARGB value), skipping near-duplicates of colours already kept so the
// rarer edge blends are reached too, and every other colour maps to its nearest kept colour in premultiplied
// RGBA space (squared distance, ties to the lower index): anti-aliased edges lose a few levels, flat fills
// never change. A uniform tile is encoded once per thread and reused. WebP is
// lossless.
std::string encode_tile(const unsigned char* argb32, int width, int height, int stride_bytes,
                        TileFormat format);

// PNG knobs. Rows are written unfiltered: filters only add bytes to palette images (+15% at every zlib
// level). Keeping 128 instead of 256 colours on a busy tile leaves 96.6% of pixels exact (Mapnik's
// png8: 95.8%), and makes it smaller. The rows are compressed by outputs/row_deflate.hpp.
struct PngOptions {
  int quantized_colours = 128;  // palette size when a tile has more than 256 colours (2-256)
};
std::string encode_palette_png(const unsigned char* argb32, int width, int height, int stride_bytes,
                               const PngOptions& options);
// A tile of one colour, with no pixel buffer from the caller: a pyramid's solid tiles (wholly inside one
// unit) repeat by the thousand, so each colour is encoded once per thread, size and format.
std::string encode_solid_tile(const styles::Color& color, int size, TileFormat format);

// As encode_tile, with explicit PNG settings (ignored for WebP).
std::string encode_tile(const unsigned char* argb32, int width, int height, int stride_bytes,
                        TileFormat format, const PngOptions& png_options);

}  // namespace covermap::outputs
