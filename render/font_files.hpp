#pragma once
// The font files a figure's text is drawn with, as fontconfig chooses them for Pango: so that a build can
// tell when an installed font changed under an earlier figure.
#include <string>
#include <vector>

namespace covermap::render {

// The files fontconfig matches for `family` in `language`, regular and bold (what render/text.cpp asks
// Pango for), without repeats, sorted. Empty when fontconfig matches nothing.
std::vector<std::string> font_files(const std::string& family, const std::string& language);

}  // namespace covermap::render
