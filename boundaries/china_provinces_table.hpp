#pragma once
// The 34 provincial-level divisions of China as the built-in china-provinces boundaries name them.
#include <span>

namespace covermap::boundaries {

struct ChinaProvince {
  const char* code;     // ISO 3166-2:CN subdivision code without "CN-", also DCW's state code ("GD")
  const char* adcode;   // GB/T 2260 six-digit division code
  const char* name_zh;  // official full name
  const char* name_en;  // pinyin, or the customary English name
  // Other names in use, '|'-separated: English forms (Nei Mongol, Xizang, Macau, Hong Kong SAR) and pinyin.
  // Administrative words (Province, Autonomous Region, Sheng, SAR, 省, 自治区) need no entry: the gazetteer's
  // loose key drops them.
  const char* aliases = "";
};

// Sorted by adcode.
std::span<const ChinaProvince> china_provinces();

}  // namespace covermap::boundaries
