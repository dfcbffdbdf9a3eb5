#include "geo/utf8.hpp"

namespace covermap::geo::utf8 {
namespace {

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

bool is_wide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) || (c >= 0x20000 && c <= 0x3FFFD);
}

}  // namespace

CodePoint decode_at(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  const CodePoint invalid{kReplacement, text.substr(at, 1), false};
  if (lead < 0x80) return {lead, text.substr(at, 1), true};
  std::size_t length = 0;
  char32_t value = 0;
  char32_t smallest = 0;  // below this the sequence is an overlong form
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, value = lead & 0x1Fu, smallest = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, value = lead & 0x0Fu, smallest = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, value = lead & 0x07u, smallest = 0x10000;
  } else {
    return invalid;
  }
  if (at + length > text.size()) return invalid;
  for (std::size_t k = 1; k < length; ++k) {
    const auto byte = static_cast<unsigned char>(text[at + k]);
    if (!is_continuation(byte)) return invalid;
    value = (value << 6) | (byte & 0x3Fu);
  }
  if (value < smallest || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return invalid;
  return {value, text.substr(at, length), true};
}

bool is_valid(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint point = decode_at(text, at);
    if (!point.valid) return false;
    at += point.bytes.size();
  }
  return true;
}

std::u32string decode(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for_each(text, [&](const CodePoint& point) { out.push_back(point.value); });
  return out;
}

std::size_t count(std::string_view text) {
  std::size_t points = 0;
  for_each(text, [&](const CodePoint&) { ++points; });
  return points;
}

void append(std::string& out, char32_t value) {
  if (value < 0x80) {
    out += static_cast<char>(value);
  } else if (value < 0x800) {
    out += static_cast<char>(0xC0 | (value >> 6));
    out += static_cast<char>(0x80 | (value & 0x3F));
  } else if (value < 0x10000) {
    out += static_cast<char>(0xE0 | (value >> 12));
    out += static_cast<char>(0x80 | ((value >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (value & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (value >> 18));
    out += static_cast<char>(0x80 | ((value >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((value >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (value & 0x3F));
  }
}

std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for_each(text, [&](const CodePoint& point) { width += is_wide(point.value) ? 2 : 1; });
  return width;
}

std::string_view fit_width(std::string_view text, std::size_t columns) {
  std::size_t width = 0, end = 0;
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint point = decode_at(text, at);
    width += is_wide(point.value) ? 2 : 1;
    if (width > columns) break;
    at += point.bytes.size();
    end = at;
  }
  return text.substr(0, end);
}

}  // namespace covermap::geo::utf8
