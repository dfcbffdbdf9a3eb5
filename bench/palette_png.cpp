#include "bench/palette_png.hpp"

#include <png.h>

#include <algorithm>
#include <array>
#include <csetjmp>
#include <stdexcept>
#include <unordered_map>
#include <vector>

namespace covermap::bench {
namespace {

// Cairo's premultiplied ARGB32 to straight RGBA.
std::array<std::uint8_t, 4> unpremultiply(std::uint32_t p) {
  const std::uint32_t a = p >> 24;
  if (a == 0) return {0, 0, 0, 0};
  const auto channel = [&](int shift) {
    return static_cast<std::uint8_t>((((p >> shift) & 0xff) * 255 + a / 2) / a);
  };
  return {channel(16), channel(8), channel(0), static_cast<std::uint8_t>(a)};
}

void append(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}

struct PngWriter {
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png_create_info_struct(png);
  ~PngWriter() { png_destroy_write_struct(&png, &info); }
};

// An 8-bit palette image, one byte per pixel.
std::string write_png(int n, const std::vector<png_color>& colours, const std::vector<png_byte>& alphas,
                      const std::vector<png_byte>& data) {
  std::string out;
  PngWriter writer;
  const std::size_t row_bytes = static_cast<std::size_t>(n);
  std::vector<png_bytep> row_pointers(static_cast<std::size_t>(n));
  for (std::size_t y = 0; y < row_pointers.size(); ++y)
    row_pointers[y] = const_cast<png_bytep>(data.data()) + y * row_bytes;
  if (setjmp(png_jmpbuf(writer.png))) throw std::runtime_error("PNG encoding failed");
  png_set_write_fn(writer.png, &out, append, nullptr);
  png_set_compression_level(writer.png, 6);
  png_set_filter(writer.png, 0, PNG_FILTER_NONE);
  png_set_IHDR(writer.png, writer.info, n, n, 8, PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_set_PLTE(writer.png, writer.info, colours.data(), static_cast<int>(colours.size()));
  png_set_tRNS(writer.png, writer.info, alphas.data(), static_cast<int>(alphas.size()), nullptr);
  png_write_info(writer.png, writer.info);
  png_write_image(writer.png, row_pointers.data());
  png_write_end(writer.png, nullptr);
  return out;
}

}  // namespace

std::string encode_palette_png(const render::TileRaster& raster) {
  const int n = raster.size;
  std::vector<std::uint32_t> pixels = raster.pixels;
  if (raster.kind != render::TileRaster::Kind::image) {
    std::uint32_t value = 0;
    if (raster.kind == render::TileRaster::Kind::solid) {
      const auto& c = raster.color;
      const auto scale = [&](std::uint8_t v) { return static_cast<std::uint32_t>((v * c.a + 127) / 255); };
      value = (std::uint32_t{c.a} << 24) | (scale(c.r) << 16) | (scale(c.g) << 8) | scale(c.b);
    }
    pixels.assign(static_cast<std::size_t>(n) * n, value);
  }
  // The 256 most frequent colours (ties by value) keep their exact values; any other, an anti-aliased edge
  // pixel, takes the nearest of the most frequent ones; Mapnik's png8 quantizes with its own hextree.
  std::unordered_map<std::uint32_t, std::uint32_t> counts;
  for (std::size_t i = 0; i < pixels.size(); ++i)
    if (i == 0 || pixels[i] != pixels[i - 1]) ++counts[pixels[i]];
  std::vector<std::pair<std::uint32_t, std::uint32_t>> ranked(counts.begin(), counts.end());  // colour, count
  std::sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (ranked.size() > 256) ranked.resize(256);
  std::vector<std::uint32_t> palette;
  std::unordered_map<std::uint32_t, std::uint8_t> index;
  for (const auto& entry : ranked) {
    index.emplace(entry.first, static_cast<std::uint8_t>(palette.size()));
    palette.push_back(entry.first);
  }
  // Searching only the 64 most frequent colours keeps this cheap (they hold the fills and the common blends).
  const std::size_t candidates = std::min<std::size_t>(palette.size(), 64);
  const auto nearest = [&](std::uint32_t p) {
    std::uint8_t best = 0;
    int best_distance = 1 << 30;
    for (std::size_t k = 0; k < candidates; ++k) {
      int distance = 0;
      for (int shift : {0, 8, 16, 24}) {
        const int d = static_cast<int>((p >> shift) & 0xff) - static_cast<int>((palette[k] >> shift) & 0xff);
        distance += d * d;
      }
      if (distance < best_distance) best_distance = distance, best = static_cast<std::uint8_t>(k);
    }
    return best;
  };
  std::vector<png_byte> rows(pixels.size());
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    if (i > 0 && pixels[i] == pixels[i - 1]) {
      rows[i] = rows[i - 1];
      continue;
    }
    auto it = index.find(pixels[i]);
    if (it == index.end()) it = index.emplace(pixels[i], nearest(pixels[i])).first;
    rows[i] = it->second;
  }
  std::vector<png_color> colours;
  std::vector<png_byte> alphas;
  for (std::uint32_t p : palette) {
    const auto c = unpremultiply(p);
    colours.push_back({c[0], c[1], c[2]});
    alphas.push_back(c[3]);
  }
  return write_png(n, colours, alphas, rows);
}

}  // namespace covermap::bench
