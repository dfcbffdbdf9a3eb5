#include "geo/ascii_text.hpp"

#include <algorithm>
#include <filesystem>

namespace covermap::geo {

std::string ascii_lowered(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), ascii_lower);
  return lowered;
}

std::string_view ascii_trimmed(std::string_view text) {
  constexpr std::string_view kBlanks = " \t\r\n";
  const auto first = text.find_first_not_of(kBlanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(kBlanks) - first + 1);
}

std::string lowered_extension(const std::string& path) {
  return ascii_lowered(std::filesystem::path(path).extension().string());
}

}  // namespace covermap::geo
