#include "render/font_files.hpp"

#include <algorithm>

#include "render/cairo_handles.hpp"

namespace covermap::render {

std::vector<std::string> font_files(const std::string& family, const std::string& language) {
  std::vector<std::string> files;
  for (const int weight : {FC_WEIGHT_REGULAR, FC_WEIGHT_BOLD}) {
    const FcPatternPtr pattern(FcPatternCreate());
    if (!pattern) continue;
    FcPatternAddString(pattern.get(), FC_FAMILY, reinterpret_cast<const FcChar8*>(family.c_str()));
    FcPatternAddString(pattern.get(), FC_LANG, reinterpret_cast<const FcChar8*>(language.c_str()));
    FcPatternAddInteger(pattern.get(), FC_WEIGHT, weight);
    FcConfigSubstitute(nullptr, pattern.get(), FcMatchPattern);
    FcDefaultSubstitute(pattern.get());
    FcResult result = FcResultNoMatch;
    const FcPatternPtr match(FcFontMatch(nullptr, pattern.get(), &result));
    FcChar8* file = nullptr;
    if (match && FcPatternGetString(match.get(), FC_FILE, 0, &file) == FcResultMatch && file)
      files.emplace_back(reinterpret_cast<const char*>(file));
  }
  std::sort(files.begin(), files.end());
  files.erase(std::unique(files.begin(), files.end()), files.end());
  return files;
}

}  // namespace covermap::render
