#pragma once
// The ColorBrewer colour schemes, looked up by name and number of classes.
#include <string>
#include <vector>

#include "styles/color.hpp"

namespace covermap::styles {

enum class PaletteKind { sequential, diverging, qualitative };

// True for a ColorBrewer scheme name, compared case-insensitively ("ylgnbu" matches YlGnBu).
bool is_palette_name(const std::string& name);

// Every scheme's name, as ColorBrewer writes it.
std::vector<std::string> palette_names();

// The scheme's kind. Throws InputError("palette", "unknown palette ...") for an unknown name.
PaletteKind palette_kind(const std::string& name);

// The most classes the scheme defines (9 for sequential, 11 for diverging, 8..12 for qualitative).
// Throws like palette_kind for an unknown name.
int palette_max_classes(const std::string& name);

// The scheme's colours for `classes` classes. Sequential and diverging schemes below 3 classes
// take the middle (1) or the two ends (2) of the 3-class ramp; qualitative schemes take their first
// colours, as their n-class sets are prefixes of one list. Throws InputError(where, ...) for an
// unknown name, fewer than 1 class, or more classes than the scheme has.
std::vector<Color> palette_colors(const std::string& name, int classes, const std::string& where);

}  // namespace covermap::styles
