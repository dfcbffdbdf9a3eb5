#pragma once
// Finds the units a data key names, in tiers, each tier stopping the search when it finds anything:
//   code    the unit id, adcode, ISO 3166 code (CN-GD, CN-44), 2- and 4-digit adcode prefixes of provinces
//   and
//           prefectures;
//   name    the exact name in any name field, the built-in province names and aliases (Nei Mongol, Xizang,
//   Macau); loose   the name without administrative suffixes and ethnic-autonomy qualifiers (积石山县 =
//   积石山); pinyin  a Latin name against the pinyin of the Chinese names (ICU), for rows written in pinyin.
// Exact beats loose: 朝阳县 is one county, 朝阳 is three. A key that fits several units is returned with all
// of them, never one picked; an adcode prefix (from data.parent) narrows every tier.
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "boundaries/name_key.hpp"
#include "boundaries/unit.hpp"

namespace covermap::boundaries {

class Pinyin;

enum class MatchBy { automatic, code, name };

MatchBy parse_match_by(const std::string& text);  // "auto" | "code" | "name"; throws InputError

struct Lookup {
  std::vector<std::size_t> units;  // indices into the BoundarySet, ascending; empty: not found; >1: ambiguous
  std::string how;                 // "code", "name", "loose" or "pinyin"
};

class Gazetteer {
 public:
  explicit Gazetteer(const BoundarySet& set);
  ~Gazetteer();
  Gazetteer(const Gazetteer&) = delete;
  Gazetteer& operator=(const Gazetteer&) = delete;

  // Units `key` names among those whose adcode starts with `prefix` ("" : all units).
  Lookup find(const std::string& key, MatchBy by, const std::string& prefix = {}) const;
  // Up to three unit names close to `key` (edit distance on loose names, and on pinyin for Latin keys); a
  // name that several units share carries its id: "鼓楼区 (320106)".
  std::vector<std::string> suggest(const std::string& key, const std::string& prefix = {}) const;
  // The unit's six-digit adcode, or "" when it has none.
  const std::string& adcode(std::size_t unit) const { return adcodes_[unit]; }

 private:
  using Index = std::unordered_map<std::string, std::vector<std::size_t>>;
  static void add(Index& index, const std::string& key, std::size_t unit);
  std::vector<std::size_t> find_in(const Index& index, const std::string& key,
                                   const std::string& prefix) const;
  const Index& pinyin_index() const;  // built on first use: ICU transliteration is the slow part
  struct Names {
    Index exact;
    Index loose;
  };
  // Built on first use: a join by code never asks, and normalising 2,884 counties' names is most of the
  // gazetteer's making (5 ms).
  const Names& names() const;

  const BoundarySet& set_;
  std::vector<std::string> adcodes_;
  Index codes_;
  mutable std::unique_ptr<Names> names_;
  mutable std::unique_ptr<Index> pinyin_;
  mutable std::unique_ptr<Pinyin> transliterator_;
};

// The significant digits of an adcode: 440000 -> 44, 320100 -> 3201, 320106 -> 320106; "" if not an adcode.
std::string adcode_prefix(const std::string& adcode);

}  // namespace covermap::boundaries
