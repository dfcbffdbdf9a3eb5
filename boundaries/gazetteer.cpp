#include "boundaries/gazetteer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "geo/error.hpp"

namespace covermap::boundaries {
namespace {

constexpr std::array kCodeFields{"adcode", "iso", "code", "iso_a2"};
constexpr std::array kNameFields{"name", "name_zh", "name_en", "name_alt"};

// Longest first, so "壮族自治区" goes before "自治区".
constexpr std::string_view kSuffixes[] = {"维吾尔自治区",
                                          "壮族自治区",
                                          "回族自治区",
                                          "特别行政区",
                                          "自治区",
                                          "自治州",
                                          "自治县",
                                          " special administrative region",
                                          " uygur autonomous region",
                                          " uyghur autonomous region",
                                          " zhuang autonomous region",
                                          " hui autonomous region",
                                          " autonomous region",
                                          " municipality",
                                          " province",
                                          " sar",
                                          " city",
                                          " shi",
                                          " sheng",
                                          "省",
                                          "市",
                                          "地区",
                                          "盟",
                                          "县",
                                          "区"};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Edit distance over bytes is enough to rank suggestions for both pinyin and Chinese names.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> previous(b.size() + 1), current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      current[j] =
          std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(previous, current);
  }
  return previous[b.size()];
}

}  // namespace

MatchBy parse_match_by(const std::string& text) {
  if (text.empty() || text == "auto") return MatchBy::automatic;
  if (text == "code") return MatchBy::code;
  if (text == "name") return MatchBy::name;
  throw InputError("data.match", "unknown match mode '" + text + "'", "auto, code or name");
}

std::string normalise_name(const std::string& text) {
  std::string out;
  bool pending_space = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\xE3\x80\x80") == 0) {  // U+3000 ideographic space
      pending_space = true;
      i += 2;
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (std::isspace(c)) {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    out += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
  }
  return out;
}

std::string normalise_code(const std::string& text) {
  std::string out = normalise_name(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  if (ends_with(out, ".0")) out.resize(out.size() - 2);
  return out;
}

std::string strip_admin_suffix(const std::string& normalised) {
  for (std::string_view suffix : kSuffixes)
    if (ends_with(normalised, suffix)) return normalised.substr(0, normalised.size() - suffix.size());
  return normalised;
}

void Gazetteer::add(Index& index, const std::string& key, std::size_t unit) {
  if (key.empty()) return;
  auto& units = index[key];
  if (std::find(units.begin(), units.end(), unit) == units.end()) units.push_back(unit);
}

std::vector<std::size_t> Gazetteer::find_in(const Index& index, const std::string& key) {
  const auto found = index.find(key);
  return found == index.end() ? std::vector<std::size_t>{} : found->second;
}

Gazetteer::Gazetteer(const BoundarySet& set) : set_(set) {
  for (std::size_t i = 0; i < set.units.size(); ++i) {
    const Unit& unit = set.units[i];
    add(codes_, normalise_code(unit.id), i);
    for (const char* field : kCodeFields)
      if (auto it = unit.attributes.find(field); it != unit.attributes.end())
        add(codes_, normalise_code(it->second), i);
    std::vector<std::string> names{unit.name};
    for (const char* field : kNameFields)
      if (auto it = unit.attributes.find(field); it != unit.attributes.end()) names.push_back(it->second);
    for (const auto& name : names) {
      const std::string normalised = normalise_name(name);
      add(exact_names_, normalised, i);
      add(loose_names_, strip_admin_suffix(normalised), i);
    }
  }
}

Lookup Gazetteer::find(const std::string& key, MatchBy by) const {
  if (by != MatchBy::name)
    if (auto units = find_in(codes_, normalise_code(key)); !units.empty()) return {units, "code"};
  if (by == MatchBy::code) return {};
  const std::string normalised = normalise_name(key);
  if (auto units = find_in(exact_names_, normalised); !units.empty()) return {units, "name"};
  return {find_in(loose_names_, strip_admin_suffix(normalised)), "name"};
}

std::vector<std::string> Gazetteer::suggest(const std::string& key) const {
  const std::string wanted = strip_admin_suffix(normalise_name(key));
  if (wanted.empty()) return {};
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& [name, units] : loose_names_) {
    const std::size_t distance = edit_distance(wanted, name);
    // Close enough to be a typo: at most a third of the longer text differs.
    if (distance * 3 <= std::max(wanted.size(), name.size()))
      for (std::size_t unit : units) scored.emplace_back(distance, set_.units[unit].name);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (const auto& [distance, name] : scored) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    if (out.size() == 3) break;
  }
  return out;
}

}  // namespace covermap::boundaries
