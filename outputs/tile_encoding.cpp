#include "outputs/tile_encoding.hpp"

#include <tuple>

#include <map>

#include <webp/encode.h>

#include <cstring>
#include <vector>

#include "geo/error.hpp"
#include "outputs/argb32.hpp"
#include "render/polygon_raster.hpp"

namespace covermap::outputs {
namespace {

using detail::check_pixels;
using detail::pixel_at;
using detail::unpremultiply;

struct WebPPictureGuard {
  WebPPicture picture;
  ~WebPPictureGuard() { WebPPictureFree(&picture); }
};
struct WebPWriterGuard {
  WebPMemoryWriter writer;
  ~WebPWriterGuard() { WebPMemoryWriterClear(&writer); }
};

// Lossless preset level. On the PNG measurement set (tile_encoding.hpp): level 0: 14.7 kB/tile, level 1:
// 12.1 kB at the same speed, level 3: 10.5 kB at 5x the time, level 6: 10.4 kB at 11x. Palette PNG is
// smaller.
constexpr int kWebPLosslessLevel = 1;

std::string encode_webp(const unsigned char* argb32, int width, int height, int stride_bytes) {
  std::vector<unsigned char> rgba(static_cast<std::size_t>(width) * height * 4);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const auto pixel = unpremultiply(pixel_at(argb32, stride_bytes, x, y));
      std::memcpy(&rgba[(static_cast<std::size_t>(y) * width + x) * 4], pixel.data(), 4);
    }
  WebPConfig config;
  if (!WebPConfigInit(&config) || !WebPConfigLosslessPreset(&config, kWebPLosslessLevel))
    throw InternalError("libwebp", "could not set up the encoder");
  config.exact = 1;  // keep colours under alpha 0 as given (all zero): no encoder-dependent bytes
  WebPPictureGuard picture;
  if (!WebPPictureInit(&picture.picture)) throw InternalError("libwebp", "version mismatch");
  picture.picture.use_argb = 1;
  picture.picture.width = width;
  picture.picture.height = height;
  if (!WebPPictureImportRGBA(&picture.picture, rgba.data(), width * 4))
    throw InternalError("libwebp", "out of memory importing a tile");
  WebPWriterGuard writer;
  WebPMemoryWriterInit(&writer.writer);
  picture.picture.writer = WebPMemoryWrite;
  picture.picture.custom_ptr = &writer.writer;
  if (!WebPEncode(&config, &picture.picture))
    throw InternalError("libwebp",
                        "encoding failed (error " + std::to_string(picture.picture.error_code) + ")");
  return std::string(reinterpret_cast<const char*>(writer.writer.mem), writer.writer.size);
}

}  // namespace

TileFormat parse_tile_format(const std::string& name) {
  if (name == "png") return TileFormat::png;
  if (name == "webp") return TileFormat::webp;
  if (name == "mvt") return TileFormat::mvt;
  throw InputError("--format", "unknown tile format '" + name + "'", "use png, webp or mvt");
}

const char* tile_format_name(TileFormat format) {
  switch (format) {
    case TileFormat::png:
      break;
    case TileFormat::webp:
      return "webp";
    case TileFormat::mvt:
      return "pbf";
  }
  return "png";
}

std::string encode_tile(const unsigned char* argb32, int width, int height, int stride_bytes,
                        TileFormat format, const PngOptions& png_options) {
  if (format == TileFormat::mvt) throw InternalError("tiles", "vector tiles are not encoded from pixels");
  if (format == TileFormat::webp) {
    check_pixels(argb32, width, height, stride_bytes);
    return encode_webp(argb32, width, height, stride_bytes);
  }
  return encode_palette_png(argb32, width, height, stride_bytes, png_options);
}

std::string encode_tile(const unsigned char* argb32, int width, int height, int stride_bytes,
                        TileFormat format) {
  return encode_tile(argb32, width, height, stride_bytes, format, PngOptions{});
}

std::string encode_solid_tile(const styles::Color& color, int size, TileFormat format) {
  const std::uint32_t pixel = render::premultiplied_argb(color);
  thread_local std::map<std::tuple<std::uint32_t, int, TileFormat>, std::string> encoded;
  const auto key = std::make_tuple(pixel, size, format);
  if (const auto found = encoded.find(key); found != encoded.end()) return found->second;
  const std::vector<std::uint32_t> pixels(static_cast<std::size_t>(size) * static_cast<std::size_t>(size),
                                          pixel);
  std::string tile =
      encode_tile(reinterpret_cast<const unsigned char*>(pixels.data()), size, size, size * 4, format);
  if (encoded.size() >= 64) encoded.clear();
  return encoded.emplace(key, std::move(tile)).first->second;
}

}  // namespace covermap::outputs
