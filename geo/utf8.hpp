#pragma once
// The one UTF-8 walker: every place covermap steps through text by code point (validating a source's
// encoding, name keys and edit distances, column widths in the join table) goes through here.
#include <cstddef>
#include <string>
#include <string_view>

namespace covermap::geo::utf8 {

constexpr char32_t kReplacement = U'\uFFFD';

struct CodePoint {
  char32_t value = kReplacement;
  std::string_view bytes;  // as written in the text; one byte when invalid, so a walk always moves on
  bool valid = false;
};

// The code point starting at byte `at` (< text.size()). A malformed or cut-short sequence, an overlong form,
// a surrogate or a value past U+10FFFF is one invalid byte, read as U+FFFD.
CodePoint decode_at(std::string_view text, std::size_t at);

// Calls `visit(CodePoint)` for each code point of `text`, in order.
template <typename Visit>
void for_each(std::string_view text, Visit&& visit) {
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint point = decode_at(text, at);
    visit(point);
    at += point.bytes.size();
  }
}

bool is_valid(std::string_view text);
std::u32string decode(std::string_view text);
std::size_t count(std::string_view text);  // code points
void append(std::string& out, char32_t value);

// Columns a terminal gives the text: East Asian wide and full-width characters take two.
std::size_t display_width(std::string_view text);
// The longest start of `text` in whole code points that a terminal shows in `columns` columns or fewer.
std::string_view fit_width(std::string_view text, std::size_t columns);

}  // namespace covermap::geo::utf8
