#pragma once
// Finds the units a data key names: by code (id, adcode, ISO 3166) first, then by name, exact before loose.
// Each lookup tier stops at the first tier that finds anything, so "吉林" finds nothing exactly, then both
// 吉林省 and 吉林市 loosely, and is reported as ambiguous rather than silently picked.
#include <string>
#include <unordered_map>
#include <vector>

#include "boundaries/unit.hpp"

namespace covermap::boundaries {

enum class MatchBy { automatic, code, name };

MatchBy parse_match_by(const std::string& text);  // "auto" | "code" | "name"; throws InputError

struct Lookup {
  std::vector<std::size_t> units;  // indices into the BoundarySet; empty: not found; >1: ambiguous
  std::string how;                 // "code" or "name"
};

class Gazetteer {
 public:
  explicit Gazetteer(const BoundarySet& set);

  Lookup find(const std::string& key, MatchBy by) const;
  // Up to three unit names close to `key`, for the report's suggestions.
  std::vector<std::string> suggest(const std::string& key) const;

 private:
  using Index = std::unordered_map<std::string, std::vector<std::size_t>>;
  static void add(Index& index, const std::string& key, std::size_t unit);
  static std::vector<std::size_t> find_in(const Index& index, const std::string& key);

  const BoundarySet& set_;
  Index codes_;
  Index exact_names_;
  Index loose_names_;
};

// Text as compared: trimmed, full-width spaces removed, ASCII lower-cased, inner spaces collapsed.
std::string normalise_name(const std::string& text);
// Code as compared: trimmed, upper-cased, a spreadsheet's trailing ".0" removed.
std::string normalise_code(const std::string& text);
// Without administrative suffixes (省, 市, 自治区, Province, Municipality, SAR, ...).
std::string strip_admin_suffix(const std::string& normalised);

}  // namespace covermap::boundaries
