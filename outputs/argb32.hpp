#pragma once
// Internal to outputs/: reading Cairo's ARGB32 pixels (premultiplied, native-endian uint32 per pixel).
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "geo/error.hpp"

namespace covermap::outputs::detail {

inline std::uint32_t pixel_at(const unsigned char* argb32, int stride_bytes, int x, int y) {
  std::uint32_t value;
  std::memcpy(&value, argb32 + static_cast<std::ptrdiff_t>(y) * stride_bytes + std::ptrdiff_t{x} * 4, 4);
  return value;
}

// Straight RGBA; Cairo's own rule (cairo-png.c): round to nearest, never above 255.
inline std::array<unsigned char, 4> unpremultiply(std::uint32_t argb) {
  const unsigned alpha = argb >> 24;
  if (alpha == 0) return {0, 0, 0, 0};
  const auto channel = [alpha](unsigned value) {
    return static_cast<unsigned char>(std::min(255u, (value * 255 + alpha / 2) / alpha));
  };
  return {channel((argb >> 16) & 0xff), channel((argb >> 8) & 0xff), channel(argb & 0xff),
          static_cast<unsigned char>(alpha)};
}

// InternalError unless the buffer holds width x height pixels.
inline void check_pixels(const unsigned char* argb32, int width, int height, int stride_bytes) {
  if (!argb32 || width <= 0 || height <= 0 || stride_bytes < width * 4)
    throw InternalError("tile encoding", "bad pixel buffer " + std::to_string(width) + "x" +
                                             std::to_string(height) + ", stride " +
                                             std::to_string(stride_bytes));
}

}  // namespace covermap::outputs::detail
