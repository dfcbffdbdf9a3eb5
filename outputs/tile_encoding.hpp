#pragma once
// Encodes one rendered tile (Cairo ARGB32 pixels) as PNG or WebP bytes. Pure functions: same pixels, same
// bytes.
#include <cstdint>
#include <string>

namespace covermap::outputs {

enum class TileFormat { png, webp };

// "png" or "webp"; throws InputError otherwise.
TileFormat parse_tile_format(const std::string& name);
// "png" / "webp": the file extension, the MBTiles `format` and the TileJSON URL suffix.
const char* tile_format_name(TileFormat format);

// Pixels are Cairo's CAIRO_FORMAT_ARGB32: premultiplied, native-endian uint32 per pixel, `stride_bytes` per
// row.
//
// PNG is always an indexed (palette) PNG: with <= 256 distinct colours the palette is exact (alpha in tRNS,
// the smallest bit depth of 1, 2, 4 or 8 that holds it). With more, the 256 most frequent colours are kept
// (ties to the smaller ARGB value) and every other colour maps to its nearest kept colour in premultiplied
// RGBA space (squared distance, ties to the lower index): anti-aliased edges lose a few levels, flat fills
// never change. WebP is lossless.
std::string encode_tile(const unsigned char* argb32, int width, int height, int stride_bytes,
                        TileFormat format);

// PNG compression knobs. The defaults are zlib's level 6 (what Mapnik's png8 uses) with no row filters;
// measured on choropleth tiles (tests/outputs/choropleth_tile.hpp, 256 px, 2-8 units across, >256 colours):
//   level 1: 7,847 B, 1.9 M zlib instructions/tile;  Z_RLE: 7,384 B, 1.7 M;  level 3: 7,385 B, 2.0 M;
//   level 6: 6,893 B, 5.7 M;  level 9: 6,464 B, 38 M.  Row filters only add bytes to palette images.
// {1, 3 (Z_RLE), true} is the fast choice when throughput matters more than ~7% of bytes on mixed tiles.
struct PngOptions {
  int zlib_level = 6;
  int zlib_strategy = 0;  // Z_DEFAULT_STRATEGY; 3 = Z_RLE
  bool filter_none = true;
};
std::string encode_palette_png(const unsigned char* argb32, int width, int height, int stride_bytes,
                               const PngOptions& options);
// As encode_tile, with explicit PNG settings (ignored for WebP).
std::string encode_tile(const unsigned char* argb32, int width, int height, int stride_bytes,
                        TileFormat format, const PngOptions& png_options);

}  // namespace covermap::outputs
