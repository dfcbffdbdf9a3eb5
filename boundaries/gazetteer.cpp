#include "boundaries/gazetteer.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

#include "boundaries/china_provinces_table.hpp"
#include "boundaries/pinyin.hpp"
#include "geo/error.hpp"
#include "geo/utf8.hpp"

namespace covermap::boundaries {
namespace {

constexpr std::array kCodeFields{"adcode", "iso", "code", "iso_a2", "iso_a3"};
constexpr std::array kNameFields{"name", "name_zh", "name_en", "name_alt"};

bool is_digits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

const ChinaProvince* province_of(const std::string& adcode) {
  for (const auto& province : china_provinces())
    if (adcode == province.adcode) return &province;
  return nullptr;
}

// "a|b|c" -> {a, b, c}
std::vector<std::string> split_aliases(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto bar = text.find('|');
    out.emplace_back(text.substr(0, bar));
    text = bar == std::string_view::npos ? std::string_view{} : text.substr(bar + 1);
  }
  return out;
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

MatchBy parse_match_by(const std::string& text) {
  if (text.empty() || text == "auto") return MatchBy::automatic;
  if (text == "code") return MatchBy::code;
  if (text == "name") return MatchBy::name;
  throw InputError("data.match", "unknown match mode '" + text + "'", "auto, code or name");
}

std::string adcode_prefix(const std::string& adcode) {
  if (adcode.size() != 6 || !is_digits(adcode)) return {};
  if (adcode.compare(2, 4, "0000") == 0) return adcode.substr(0, 2);
  if (adcode.compare(4, 2, "00") == 0) return adcode.substr(0, 4);
  return adcode;
}

void Gazetteer::add(Index& index, const std::string& key, std::size_t unit) {
  if (key.empty()) return;
  auto& units = index[key];
  if (units.empty() || units.back() != unit) units.push_back(unit);  // units are added in ascending order
}

Gazetteer::Gazetteer(const BoundarySet& set) : set_(set), adcodes_(set.units.size()) {
  for (std::size_t i = 0; i < set.units.size(); ++i) {
    const Unit& unit = set.units[i];
    add(codes_, normalise_code(unit.id), i);
    for (const char* field : kCodeFields)
      if (auto it = unit.attributes.find(field); it != unit.attributes.end())
        add(codes_, normalise_code(it->second), i);

    const auto adcode_field = unit.attributes.find("adcode");
    std::string adcode = adcode_field != unit.attributes.end() ? normalise_code(adcode_field->second) : "";
    if (adcode_prefix(adcode).empty()) adcode = normalise_code(unit.id);
    if (!adcode_prefix(adcode).empty()) {
      adcodes_[i] = adcode;
      // Provinces and prefectures are also named by their 2- and 4-digit prefixes; provinces by CN-44.
      if (const std::string prefix = adcode_prefix(adcode); prefix.size() < 6) {
        add(codes_, prefix, i);
        if (prefix.size() == 2) add(codes_, "CN-" + prefix, i);
      }
      if (const ChinaProvince* province = province_of(adcode))
        add(codes_, std::string("CN-") + province->code, i);
    }
  }
}

const Gazetteer::Names& Gazetteer::names() const {
  if (names_) return *names_;
  auto made = std::make_unique<Names>();
  for (std::size_t i = 0; i < set_.units.size(); ++i) {
    const Unit& unit = set_.units[i];
    std::vector<std::string> names{unit.name};
    for (const char* field : kNameFields)
      if (auto it = unit.attributes.find(field); it != unit.attributes.end()) names.push_back(it->second);
    if (const ChinaProvince* province = adcodes_[i].empty() ? nullptr : province_of(adcodes_[i])) {
      names.insert(names.end(), {province->name_zh, province->name_en});
      for (auto& alias : split_aliases(province->aliases)) names.push_back(std::move(alias));
    }
    for (const auto& name : names) {
      const std::string normalised = normalise_name(name);
      add(made->exact, normalised, i);
      for (const auto& loose : loose_names(normalised)) add(made->loose, loose, i);
    }
  }
  names_ = std::move(made);
  return *names_;
}

Gazetteer::~Gazetteer() = default;

std::vector<std::size_t> Gazetteer::find_in(const Index& index, const std::string& key,
                                            const std::string& prefix) const {
  const auto found = index.find(key);
  if (found == index.end()) return {};
  std::vector<std::size_t> units;
  for (std::size_t unit : found->second)
    if (prefix.empty() || starts_with(adcodes_[unit], prefix)) units.push_back(unit);
  return units;
}

const Gazetteer::Index& Gazetteer::pinyin_index() const {
  if (pinyin_) return *pinyin_;
  transliterator_ = std::make_unique<Pinyin>();
  auto index = std::make_unique<Index>();
  for (const auto& [loose, units] : names().loose) {
    if (is_ascii(loose)) continue;
    const std::string key = transliterator_->key(loose);
    for (std::size_t unit : units) {
      auto& list = (*index)[key];
      if (std::find(list.begin(), list.end(), unit) == list.end()) list.push_back(unit);
    }
  }
  for (auto& [key, units] : *index) std::sort(units.begin(), units.end());
  pinyin_ = std::move(index);
  return *pinyin_;
}

Lookup Gazetteer::find(const std::string& key, MatchBy by, const std::string& prefix) const {
  if (by != MatchBy::name)
    if (auto units = find_in(codes_, normalise_code(key), prefix); !units.empty()) return {units, "code"};
  if (by == MatchBy::code) return {};
  const std::string normalised = normalise_name(key);
  if (normalised.empty()) return {};
  if (auto units = find_in(names().exact, normalised, prefix); !units.empty()) return {units, "name"};
  const std::vector<std::string> loose = loose_names(normalised);
  std::vector<std::size_t> units;
  for (const auto& variant : loose)
    for (std::size_t unit : find_in(names().loose, variant, prefix)) units.push_back(unit);
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  if (!units.empty()) return {units, "loose"};
  if (is_ascii(normalised) && !loose.front().empty())
    if (auto pinyin = find_in(pinyin_index(), loose.front(), prefix); !pinyin.empty())
      return {pinyin, "pinyin"};
  return {};
}

std::vector<std::string> Gazetteer::suggest(const std::string& key, const std::string& prefix) const {
  const std::string normalised = normalise_name(key);
  if (normalised.empty()) return {};
  const std::string wanted = loose_names(normalised).front();
  const bool latin = is_ascii(wanted);
  if (wanted.empty()) return {};
  struct Scored {
    std::size_t distance;  // twice the edit distance, so a homophone can sit between 0 and 1
    std::size_t unit;
    bool operator<(const Scored& other) const {
      return distance != other.distance ? distance < other.distance : unit < other.unit;
    }
  };
  std::vector<Scored> scored;
  auto score = [&](const Index& index) {
    for (const auto& [name, units] : index) {
      if (is_ascii(name) != latin) continue;
      const std::size_t distance = edit_distance(wanted, name);
      const std::size_t longer = std::max(geo::utf8::count(wanted), geo::utf8::count(name));
      // Close enough to be a typo: one character in a short name, a third of a longer one.
      if (distance > std::max<std::size_t>(1, longer / 3) || distance >= longer) continue;
      for (std::size_t unit : units)
        if (prefix.empty() || starts_with(adcodes_[unit], prefix)) scored.push_back({2 * distance, unit});
    }
  };
  score(names().loose);
  if (latin) {
    score(pinyin_index());
  } else {
    // A homophone (三随 for 三穗) ranks before a one-character typo (三河): it is what a typist's IME
    // produces.
    const Index& pinyin = pinyin_index();
    if (const auto same = pinyin.find(transliterator_->key(wanted)); same != pinyin.end())
      for (std::size_t unit : same->second)
        if (prefix.empty() || starts_with(adcodes_[unit], prefix)) scored.push_back({1, unit});  // 2 * 0.5
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::size_t> picked;
  for (const auto& s : scored) {
    if (std::find(picked.begin(), picked.end(), s.unit) == picked.end()) picked.push_back(s.unit);
    if (picked.size() == 3) break;
  }
  std::vector<std::string> out;
  for (std::size_t unit : picked) {
    const std::string& name = set_.units[unit].name;
    const auto& same = names().exact.find(normalise_name(name));
    const bool shared = same != names().exact.end() && same->second.size() > 1;
    out.push_back(shared ? name + " (" + set_.units[unit].id + ")" : name);
  }
  return out;
}

}  // namespace covermap::boundaries
