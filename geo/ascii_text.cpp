#include "geo/ascii_text.hpp"

#include <algorithm>
#include <filesystem>

namespace covermap::geo {

std::string ascii_lowered(std::string_view text) {
  std::string lowered(text);
  std::transform(lowered.begin(), lowered.end(), lowered.begin(), ascii_lower);
  return lowered;
}

std::string lowered_extension(const std::string& path) {
  return ascii_lowered(std::filesystem::path(path).extension().string());
}

}  // namespace covermap::geo
