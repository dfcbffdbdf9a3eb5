#pragma once
// A plain RGBA colour and the parser for the colour syntax users may write in a style file.
#include <cstdint>
#include <string>

namespace covermap::styles {

struct Color {
  std::uint8_t r = 0, g = 0, b = 0, a = 255;
  // "#rrggbb", or "#rrggbbaa" when not opaque, so opaque colours round-trip in the common form.
  std::string hex() const;
  bool operator==(const Color&) const = default;
};

// Accepts "#rgb", "#rrggbb", "#rrggbbaa" and CSS basic colour names (plus "none"/"transparent"),
// case-insensitively with surrounding spaces ignored. Throws InputError(where, ...) otherwise.
Color parse_color(const std::string& text, const std::string& where);

}  // namespace covermap::styles
