#pragma once
// A PNG's pixels as Cairo's premultiplied ARGB32 (Cairo decodes palette PNGs with their transparency too),
// for tests that compare what covermap drew with what another renderer drew.
#include <cstdint>
#include <string>
#include <vector>

namespace covermap::test {

struct ArgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint32_t> pixels;  // row by row
  std::uint32_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * width + x]; }
};

// Empty (0 x 0) with a test failure added when the file cannot be read as a PNG.
ArgbImage read_png(const std::string& path);

}  // namespace covermap::test
