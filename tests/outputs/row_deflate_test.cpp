#include "outputs/row_deflate.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <array>
#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

namespace covermap::outputs::detail {
namespace {

std::vector<unsigned char> compressed(const std::vector<unsigned char>& data, std::size_t stride) {
  std::vector<unsigned char> out{0xab};  // appended to what is there
  deflate_rows(data.data(), data.size(), stride, out);
  EXPECT_EQ(out.front(), 0xab);
  out.erase(out.begin());
  return out;
}

// zlib's inflate, another implementation than the one that wrote the stream.
std::vector<unsigned char> inflated(const std::vector<unsigned char>& stream, std::size_t size) {
  std::vector<unsigned char> out(size + 1);
  uLongf length = out.size();
  const int status = uncompress(out.data(), &length, stream.data(), stream.size());
  EXPECT_EQ(status, Z_OK);
  out.resize(status == Z_OK ? length : 0);
  return out;
}

// A palette tile's rows as the tile encoder lays them out (a filter byte of 0, then `width` indices): five
// fills split by four borders, each at its own slant and wiggle, with a blend where each crosses a row.
std::vector<unsigned char> tile_rows(int width) {
  std::vector<unsigned char> rows;
  for (int y = 0; y < width; ++y) {
    rows.push_back(0);
    std::array<double, 4> borders{};
    for (std::size_t k = 0; k < borders.size(); ++k) {
      const auto n = static_cast<double>(k);
      borders[k] = 30 + 55 * n + (0.2 + 0.3 * n) * y + (6 + 3 * n) * std::sin(y / (9 + 5 * n));
    }
    for (int x = 0; x < width; ++x) {
      std::size_t fill = 0;
      while (fill < borders.size() && x >= borders[fill]) ++fill;
      const double into = fill > 0 ? x - borders[fill - 1] : 1;  // within a pixel of the border: a blend
      rows.push_back(static_cast<unsigned char>(into < 1 ? 5 + 8 * fill + static_cast<int>(into * 8) : fill));
    }
  }
  return rows;
}

TEST(RowDeflate, ATilesRowsInflateBackAndComeOutSmallerThanZlibsDefault) {
  const std::vector<unsigned char> rows = tile_rows(256);
  const std::vector<unsigned char> stream = compressed(rows, 257);
  EXPECT_EQ(inflated(stream, rows.size()), rows);
  std::vector<unsigned char> zlib_default(compressBound(rows.size()));
  uLongf zlib_size = zlib_default.size();
  ASSERT_EQ(compress2(zlib_default.data(), &zlib_size, rows.data(), rows.size(), Z_DEFAULT_COMPRESSION),
            Z_OK);
  EXPECT_LT(stream.size(), zlib_size);
  EXPECT_LT(stream.size(), rows.size() / 20);
  EXPECT_EQ(compressed(rows, 257), stream);  // deterministic
}

TEST(RowDeflate, OneColourIsAFewBytesAndNothingIsAnEmptyStream) {
  const std::vector<unsigned char> flat(std::size_t{257} * 256, 3);
  const std::vector<unsigned char> stream = compressed(flat, 257);
  EXPECT_EQ(inflated(stream, flat.size()), flat);
  EXPECT_LT(stream.size(), 100u);
  EXPECT_TRUE(inflated(compressed({}, 257), 0).empty());
}

TEST(RowDeflate, NoiseIsStoredAndAnyStrideGivesAValidStream) {
  std::mt19937 random(7);
  std::vector<unsigned char> noise(150000);  // three stored blocks
  for (unsigned char& byte : noise) byte = static_cast<unsigned char>(random());
  const std::vector<unsigned char> stream = compressed(noise, 1000);
  EXPECT_EQ(inflated(stream, noise.size()), noise);
  EXPECT_LE(stream.size(), noise.size() + std::size_t{3 * 5 + 6});  // headers only: stored, not coded
  // Strides the row above cannot use (none, one byte, beyond the 32 KB window) and odd sizes.
  for (const std::size_t stride : {0, 1, 2, 3, 40000}) {
    std::vector<unsigned char> data(70001);
    for (std::size_t i = 0; i < data.size(); ++i)
      data[i] = static_cast<unsigned char>((i / 7) % 5 + (i % 13 == 0));
    EXPECT_EQ(inflated(compressed(data, stride), data.size()), data) << "stride " << stride;
  }
}

TEST(RowDeflate, SkewedBytesGetCodesNoLongerThanFifteenBits) {
  // Fibonacci counts make Huffman's rarest codes 20 bits and more; deflate allows 15. Each byte stands
  // between two others, so no run forms and every byte is a literal.
  std::vector<unsigned char> data;
  std::uint64_t a = 1, b = 1;
  for (int symbol = 1; symbol <= 24; ++symbol, b = a + b, a = b - a)
    for (std::uint64_t k = 0; k < a; ++k) {
      data.push_back(static_cast<unsigned char>(symbol));
      data.push_back(0);
    }
  const std::vector<unsigned char> stream = compressed(data, 0);
  EXPECT_EQ(inflated(stream, data.size()), data);
  EXPECT_LT(stream.size(), data.size() / 2);  // coded, not stored
}

}  // namespace
}  // namespace covermap::outputs::detail
