#pragma once
// Lower-casing and trimming for the text covermap compares: file extensions, keywords, colour names, cells.
// ASCII only, so the result never depends on the process locale and never touches the bytes of a UTF-8
// sequence.
#include <string>
#include <string_view>

namespace covermap::geo {

constexpr char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ascii_lowered(std::string_view text);

// `text` without the spaces, tabs and line ends around it (none inside is touched): how a cell, a value or a
// keyword is read, so " 12 " and "12" mean the same everywhere.
std::string_view ascii_trimmed(std::string_view text);

// The extension of `path` with its dot, lower-cased: "fills.CSV" gives ".csv", "fills" gives "".
std::string lowered_extension(const std::string& path);

}  // namespace covermap::geo
