#pragma once
// The keys names are compared by. Exact: trimmed, full-width forms to half-width, Latin case-folded, inner
// spaces collapsed. Loose: the exact key without administrative suffixes (省 市 县 区 旗 自治县 林区 特区
// Province Autonomous Region SAR ...) and ethnic-autonomy qualifiers (保安族东乡族撒拉族), and for Latin text
// without spaces, hyphens and apostrophes, so 积石山保安族东乡族撒拉族自治县, 积石山县 and 积石山 share one
// loose key.
#include <string>
#include <string_view>
#include <vector>

namespace covermap::boundaries {

// Exact key.
std::string normalise_name(std::string_view text);
// Code as compared: the exact key upper-cased, a spreadsheet's trailing ".0" removed.
std::string normalise_code(std::string_view text);
// Loose keys of an exact key: one per way of reading its suffix (万柏林区: 万柏林 and 万柏).
std::vector<std::string> loose_names(const std::string& normalised);
// True when the text has no byte outside ASCII (a Latin name: English or pinyin).
bool is_ascii(std::string_view text);
// Letters and digits only, lower-cased: "Nei Mongol" -> "neimongol" (for pinyin keys).
std::string ascii_key(std::string_view text);
// Levenshtein distance counted in Unicode code points.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace covermap::boundaries
