#include "outputs/tile_encoding.hpp"

#include <gtest/gtest.h>
#include <png.h>
#include <webp/decode.h>

#include <cstring>
#include <vector>

#include "geo/error.hpp"
#include "tests/outputs/choropleth_tile.hpp"

namespace covermap::outputs {
namespace {

struct Rgba {
  int width = 0, height = 0;
  std::vector<unsigned char> pixels;  // straight (not premultiplied) RGBA
  const unsigned char* at(int x, int y) const {
    return &pixels[(static_cast<std::size_t>(y) * width + x) * 4];
  }
};

Rgba decode_png(const std::string& bytes) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  EXPECT_TRUE(png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) << image.message;
  image.format = PNG_FORMAT_RGBA;
  Rgba out{static_cast<int>(image.width), static_cast<int>(image.height), {}};
  out.pixels.resize(PNG_IMAGE_SIZE(image));
  EXPECT_TRUE(png_image_finish_read(&image, nullptr, out.pixels.data(), 0, nullptr)) << image.message;
  return out;
}

Rgba decode_webp(const std::string& bytes) {
  Rgba out;
  unsigned char* data =
      WebPDecodeRGBA(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), &out.width, &out.height);
  EXPECT_NE(data, nullptr);
  if (data) out.pixels.assign(data, data + static_cast<std::size_t>(out.width) * out.height * 4);
  WebPFree(data);
  return out;
}

// The straight RGBA a premultiplied ARGB32 pixel stands for (Cairo's rounding).
std::array<int, 4> straight(std::uint32_t argb) {
  const int a = static_cast<int>(argb >> 24);
  if (a == 0) return {0, 0, 0, 0};
  const auto c = [a](std::uint32_t v) { return std::min(255, static_cast<int>((v * 255 + a / 2) / a)); };
  return {c((argb >> 16) & 0xff), c((argb >> 8) & 0xff), c(argb & 0xff), a};
}

int png_bit_depth(const std::string& png) {
  return static_cast<unsigned char>(png[24]);
}
int png_colour_type(const std::string& png) {
  return static_cast<unsigned char>(png[25]);
}

// A width x height buffer of `colours` in horizontal stripes, premultiplied ARGB32.
std::vector<std::uint32_t> stripes(int width, int height, const std::vector<std::uint32_t>& colours) {
  std::vector<std::uint32_t> pixels(static_cast<std::size_t>(width) * height);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) pixels[y * width + x] = colours[(y * colours.size()) / height];
  return pixels;
}

void expect_exact(const std::vector<std::uint32_t>& pixels, int width, const Rgba& decoded) {
  for (std::size_t i = 0; i < pixels.size(); ++i) {
    const auto want = straight(pixels[i]);
    const unsigned char* got = decoded.at(static_cast<int>(i % width), static_cast<int>(i / width));
    ASSERT_EQ((std::array<int, 4>{got[0], got[1], got[2], got[3]}), want) << "pixel " << i;
  }
}

TEST(TileEncoding, ParsesFormatsAndRejectsOthers) {
  EXPECT_EQ(parse_tile_format("png"), TileFormat::png);
  EXPECT_EQ(parse_tile_format("webp"), TileFormat::webp);
  EXPECT_THROW(parse_tile_format("jpg"), InputError);
  EXPECT_THROW(parse_tile_format("PNG8"), InputError);
}

TEST(TileEncoding, FewColoursGiveAnExactPaletteAtTheSmallestBitDepth) {
  // Opaque and translucent colours, premultiplied: 50% red is 0x80800000.
  const std::vector<std::uint32_t> palette = {0xff2166ac, 0x80800000, 0x00000000, 0xff67a9cf, 0x40101010,
                                              0xffd1e5f0, 0xfffddbc7, 0xffef8a62, 0xffb2182b, 0xff000000,
                                              0xffffffff, 0x20202020, 0xff123456, 0xff654321, 0xff0000ff,
                                              0xff00ff00, 0xffff0000};
  const std::pair<int, int> counts_and_depths[] = {{1, 1}, {2, 1}, {3, 2}, {4, 2}, {5, 4}, {16, 4}, {17, 8}};
  for (const auto& [count, depth] : counts_and_depths) {
    const std::vector<std::uint32_t> colours(palette.begin(), palette.begin() + count);
    const auto pixels = stripes(256, 256, colours);
    const std::string png =
        encode_tile(reinterpret_cast<const unsigned char*>(pixels.data()), 256, 256, 1024, TileFormat::png);
    EXPECT_EQ(png_colour_type(png), PNG_COLOR_TYPE_PALETTE) << count << " colours";
    EXPECT_EQ(png_bit_depth(png), depth) << count << " colours";
    expect_exact(pixels, 256, decode_png(png));
  }
}

TEST(TileEncoding, OpaqueSingleColourTileIsTinyAndExact) {
  const auto tile = test::flat_tile(256, 0xde / 255.0, 0x2d / 255.0, 0x26 / 255.0, 1);
  const std::string png = encode_tile(tile.data(), 256, 256, tile.stride(), TileFormat::png);
  EXPECT_LT(png.size(), 120u);
  const Rgba decoded = decode_png(png);
  EXPECT_EQ(decoded.at(200, 17)[0], 0xde);
  EXPECT_EQ(decoded.at(200, 17)[1], 0x2d);
  EXPECT_EQ(decoded.at(200, 17)[3], 255);
  // The per-thread cache of uniform tiles gives the same bytes whatever the settings.
  EXPECT_EQ(encode_tile(tile.data(), 256, 256, tile.stride(), TileFormat::png), png);
  EXPECT_EQ(encode_tile(tile.data(), 256, 256, tile.stride(), TileFormat::png, PngOptions{64}), png);
  const auto transparent = test::flat_tile(512, 0, 0, 0, 0);
  const Rgba empty =
      decode_png(encode_tile(transparent.data(), 512, 512, transparent.stride(), TileFormat::png));
  EXPECT_EQ(empty.width, 512);
  EXPECT_EQ(empty.at(511, 511)[3], 0);
}

TEST(TileEncoding, ManyColoursKeepFlatFillsAndStayCloseOnEdges) {
  const auto tile = test::choropleth_tile(256, 4, 3);
  const std::string png = encode_tile(tile.data(), 256, 256, tile.stride(), TileFormat::png);
  EXPECT_EQ(png_colour_type(png), PNG_COLOR_TYPE_PALETTE);
  EXPECT_EQ(png_bit_depth(png), 8);
  const Rgba decoded = decode_png(png);
  int exact = 0;
  double error_sum = 0;
  int worst = 0;
  for (int y = 0; y < 256; ++y)
    for (int x = 0; x < 256; ++x) {
      const auto want = straight(tile.pixel(x, y));
      int error = 0;
      for (int c = 0; c < 4; ++c) error = std::max(error, std::abs(decoded.at(x, y)[c] - want[c]));
      // Nearly transparent pixels may round far in straight colour but are invisible.
      if (want[3] < 16) error = std::abs(decoded.at(x, y)[3] - want[3]);
      exact += error == 0;
      error_sum += error;
      worst = std::max(worst, error);
    }
  EXPECT_GT(exact, 256 * 256 * 95 / 100);  // every flat fill and the common edge blends
  EXPECT_LT(error_sum / (256 * 256), 0.5);
  // The palette reaches the rare blends too: no pixel is off by more than a tenth (most-frequent-only
  // palettes left pixels 62 levels off).
  EXPECT_LE(worst, 24);
  EXPECT_EQ(encode_tile(tile.data(), 256, 256, tile.stride(), TileFormat::png), png);  // deterministic
  EXPECT_LT(png.size(), 12000u);
  // Every setting decodes to the same flat fills; more kept colours, more exact pixels.
  const Rgba exact_256 =
      decode_png(encode_tile(tile.data(), 256, 256, tile.stride(), TileFormat::png, PngOptions{256}));
  int exact_more = 0;
  for (int y = 0; y < 256; ++y)
    for (int x = 0; x < 256; ++x) {
      const auto want = straight(tile.pixel(x, y));
      exact_more += std::equal(want.begin(), want.end(), exact_256.at(x, y),
                               [](int a, unsigned char b) { return a == b; });
    }
  EXPECT_GT(exact_more, exact);
}

TEST(TileEncoding, StrideWiderThanTheTileIsHonoured) {
  const auto big = test::choropleth_tile(512, 8, 1);
  // The top-left 100 x 60 pixels of a 512-wide buffer.
  const std::string png = encode_tile(big.data(), 100, 60, big.stride(), TileFormat::png);
  const Rgba decoded = decode_png(png);
  ASSERT_EQ(decoded.width, 100);
  ASSERT_EQ(decoded.height, 60);
  EXPECT_EQ(decoded.at(99, 59)[3], straight(big.pixel(99, 59))[3]);
  EXPECT_THROW(encode_tile(big.data(), 100, 60, 10, TileFormat::png), InternalError);
}

TEST(TileEncoding, WebpIsLossless) {
  const auto tile = test::choropleth_tile(256, 4, 5);
  const std::string webp = encode_tile(tile.data(), 256, 256, tile.stride(), TileFormat::webp);
  ASSERT_GT(webp.size(), 12u);
  EXPECT_EQ(webp.substr(0, 4), "RIFF");
  EXPECT_EQ(webp.substr(8, 4), "WEBP");
  const Rgba decoded = decode_webp(webp);
  ASSERT_EQ(decoded.width, 256);
  for (int y = 0; y < 256; ++y)
    for (int x = 0; x < 256; ++x) {
      const auto want = straight(tile.pixel(x, y));
      ASSERT_EQ((std::array<int, 4>{decoded.at(x, y)[0], decoded.at(x, y)[1], decoded.at(x, y)[2],
                                    decoded.at(x, y)[3]}),
                want)
          << x << "," << y;
    }
  EXPECT_EQ(encode_tile(tile.data(), 256, 256, tile.stride(), TileFormat::webp), webp);
}

}  // namespace
}  // namespace covermap::outputs
