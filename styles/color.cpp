#include "styles/color.hpp"

#include <array>
#include <cctype>
#include <string_view>

#include "geo/ascii_text.hpp"
#include "geo/error.hpp"

namespace covermap::styles {
namespace {

struct NamedColor {
  std::string_view name;
  Color color;
};

// The 16 CSS basic colours, their common spellings, and the usual "no fill" words.
constexpr std::array<NamedColor, 24> kNamed{{
    {"black", {0, 0, 0, 255}},
    {"silver", {192, 192, 192, 255}},
    {"gray", {128, 128, 128, 255}},
    {"grey", {128, 128, 128, 255}},
    {"white", {255, 255, 255, 255}},
    {"maroon", {128, 0, 0, 255}},
    {"red", {255, 0, 0, 255}},
    {"purple", {128, 0, 128, 255}},
    {"fuchsia", {255, 0, 255, 255}},
    {"magenta", {255, 0, 255, 255}},
    {"green", {0, 128, 0, 255}},
    {"lime", {0, 255, 0, 255}},
    {"olive", {128, 128, 0, 255}},
    {"yellow", {255, 255, 0, 255}},
    {"navy", {0, 0, 128, 255}},
    {"blue", {0, 0, 255, 255}},
    {"teal", {0, 128, 128, 255}},
    {"aqua", {0, 255, 255, 255}},
    {"cyan", {0, 255, 255, 255}},
    {"orange", {255, 165, 0, 255}},
    {"lightgray", {211, 211, 211, 255}},
    {"lightgrey", {211, 211, 211, 255}},
    {"none", {0, 0, 0, 0}},
    {"transparent", {0, 0, 0, 0}},
}};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Parses the digits after '#'; false when the length or a digit is wrong.
bool parse_hex(std::string_view digits, Color& out) {
  for (char c : digits)
    if (hex_digit(c) < 0) return false;
  auto pair = [&](std::size_t i) {
    return static_cast<std::uint8_t>(hex_digit(digits[i]) * 16 + hex_digit(digits[i + 1]));
  };
  if (digits.size() == 3) {
    auto single = [&](std::size_t i) { return static_cast<std::uint8_t>(hex_digit(digits[i]) * 17); };
    out = {single(0), single(1), single(2), 255};
    return true;
  }
  if (digits.size() == 6 || digits.size() == 8) {
    out = {pair(0), pair(2), pair(4), digits.size() == 8 ? pair(6) : std::uint8_t{255}};
    return true;
  }
  return false;
}

}  // namespace

std::string Color::hex() const {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out = "#";
  auto put = [&](std::uint8_t v) {
    out += kDigits[v >> 4];
    out += kDigits[v & 15];
  };
  put(r);
  put(g);
  put(b);
  if (a != 255) put(a);
  return out;
}

Color parse_color(const std::string& text, const std::string& where) {
  const std::string s = geo::ascii_lowered(geo::ascii_trimmed(text));

  Color color;
  if (!s.empty() && s[0] == '#') {
    if (parse_hex(std::string_view(s).substr(1), color)) return color;
  } else {
    for (const auto& named : kNamed)
      if (named.name == s) return named.color;
  }
  throw InputError(where, "not a colour: '" + text + "'", "use #rrggbb or a colour name");
}

}  // namespace covermap::styles
