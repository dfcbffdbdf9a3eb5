#include "boundaries/name_key.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "geo/utf8.hpp"

namespace covermap::boundaries {
namespace {

// Longest first where one ends another ("自治县" before "县").
constexpr std::string_view kChineseSuffixes[] = {"特别行政区", "自治区", "自治州", "自治县", "自治旗",
                                                 "林区",       "特区",   "地区",   "省",     "市",
                                                 "县",         "区",     "旗",     "盟"};

// The ethnic groups an autonomous unit's name carries before 自治…, and 维吾尔 as provinces write it.
constexpr std::string_view kEthnicGroups[] = {
    "蒙古族", "回族",       "藏族",   "维吾尔族", "维吾尔",   "苗族",   "彝族",       "壮族",     "布依族",
    "朝鲜族", "满族",       "侗族",   "瑶族",     "白族",     "土家族", "哈尼族",     "哈萨克族", "傣族",
    "黎族",   "傈僳族",     "佤族",   "畲族",     "高山族",   "拉祜族", "水族",       "东乡族",   "纳西族",
    "景颇族", "柯尔克孜族", "土族",   "达斡尔族", "仫佬族",   "羌族",   "布朗族",     "撒拉族",   "毛南族",
    "仡佬族", "锡伯族",     "阿昌族", "普米族",   "塔吉克族", "怒族",   "乌孜别克族", "俄罗斯族", "鄂温克族",
    "德昂族", "保安族",     "裕固族", "京族",     "塔塔尔族", "独龙族", "鄂伦春族",   "赫哲族",   "门巴族",
    "珞巴族", "基诺族",     "各族",   "自治"};

// English and pinyin administrative words, each after a space; stripped repeatedly, longest first.
constexpr std::string_view kLatinSuffixes[] = {" special administrative region",
                                               " zhuang autonomous region",
                                               " uyghur autonomous region",
                                               " uighur autonomous region",
                                               " uygur autonomous region",
                                               " hui autonomous region",
                                               " autonomous prefecture",
                                               " autonomous region",
                                               " autonomous county",
                                               " tebie xingzhengqu",
                                               " zhuangzu zizhiqu",
                                               " weiwuer zizhiqu",
                                               " huizu zizhiqu",
                                               " municipality",
                                               " prefecture",
                                               " province",
                                               " district",
                                               " zizhiqu",
                                               " zizhixian",
                                               " county",
                                               " banner",
                                               ", china",
                                               " (china)",
                                               " sheng",
                                               " city",
                                               " xian",
                                               " sar",
                                               " shi",
                                               " qu",
                                               " qi"};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

// Strips ethnic qualifiers from the end, keeping at least two characters of name.
std::string strip_ethnic(std::string text) {
  for (bool stripped = true; stripped;) {
    stripped = false;
    for (std::string_view group : kEthnicGroups)
      if (ends_with(text, group) && geo::utf8::count(text) - geo::utf8::count(group) >= 2) {
        text.resize(text.size() - group.size());
        stripped = true;
        break;
      }
  }
  return text;
}

}  // namespace

bool is_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string normalise_name(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  geo::utf8::for_each(text, [&](const geo::utf8::CodePoint& point) {
    char32_t c = point.value;
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;                           // full-width forms are ASCII
    if (point.valid && c == 0xFEFF) return;                                // a stray byte-order mark
    if (c == 0x3000 || (c < 0x80 && std::isspace(static_cast<int>(c)))) {  // U+3000: the ideographic space
      pending_space = true;
      return;
    }
    if (pending_space && !out.empty()) out += ' ';
    pending_space = false;
    if (c < 0x80)
      out += static_cast<char>(std::tolower(static_cast<int>(c)));
    else
      out += point.bytes;
  });
  return out;
}

std::string normalise_code(std::string_view text) {
  std::string out = normalise_name(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::toupper(c); });
  if (ends_with(out, ".0")) out.resize(out.size() - 2);
  return out;
}

std::string ascii_key(std::string_view text) {
  std::string out;
  for (char c : text)
    if (std::isalnum(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> loose_names(const std::string& normalised) {
  if (is_ascii(normalised)) {
    std::string text = normalised;
    for (bool stripped = true; stripped;) {
      stripped = false;
      for (std::string_view suffix : kLatinSuffixes)
        if (ends_with(text, suffix)) {
          text.resize(text.size() - suffix.size());
          stripped = true;
          break;
        }
    }
    return {ascii_key(text)};
  }
  // Every reading: 万柏林区 is 万柏林 + 区, 神农架林区 is 神农架 + 林区; both keys are kept.
  std::vector<std::string> keys;
  for (std::string_view suffix : kChineseSuffixes)
    if (ends_with(normalised, suffix) && geo::utf8::count(normalised) - geo::utf8::count(suffix) >= 2) {
      std::string key = strip_ethnic(normalised.substr(0, normalised.size() - suffix.size()));
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(std::move(key));
    }
  if (keys.empty()) keys.push_back(strip_ethnic(normalised));
  return keys;
}

std::size_t edit_distance(std::string_view a_text, std::string_view b_text) {
  const std::u32string a = geo::utf8::decode(a_text), b = geo::utf8::decode(b_text);
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

}  // namespace covermap::boundaries
