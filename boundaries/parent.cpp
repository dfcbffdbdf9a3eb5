#include "boundaries/parent.hpp"

#include <algorithm>
#include <cctype>

#include "boundaries/china_provinces_table.hpp"
#include "boundaries/join.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"

namespace covermap::boundaries {

BoundarySet load_parent_units(const ParentSpec& spec) {
  const geo::Table table = geo::read_table(spec.source, {spec.layer, ""});
  int code_column = -1;
  for (const char* guess : {"adcode", "code", "id"})
    if (code_column < 0) code_column = table.column_index(guess);
  int name_column = -1;
  for (const char* guess : {"name", "name_zh", "name_en"})
    if (name_column < 0) name_column = table.column_index(guess);
  if (code_column < 0 || name_column < 0)
    throw InputError(spec.source, "boundaries.parents needs an adcode and a name column",
                     "columns: " + comma_list(table.columns));
  BoundarySet set;
  set.source = spec.source;
  set.fields = {"adcode", "name"};
  for (const auto& row : table.rows) {
    const std::string& code = row[static_cast<std::size_t>(code_column)];
    const std::string& name = row[static_cast<std::size_t>(name_column)];
    set.units.push_back({code, name, {{"adcode", code}, {"name", name}}, {}});
  }
  return set;
}

ParentResolver::ParentResolver(const BoundarySet* extra) {
  set_.source = "parents";
  for (const auto& province : china_provinces())
    set_.units.push_back({province.adcode, province.name_zh, {{"adcode", province.adcode}}, {}});
  if (extra)
    for (const auto& unit : extra->units)
      if (std::none_of(set_.units.begin(), set_.units.end(), [&](const Unit& u) { return u.id == unit.id; }))
        set_.units.push_back({unit.id, unit.name, unit.attributes, {}});
  gazetteer_ = std::make_unique<Gazetteer>(set_);
}

ParentResolver::~ParentResolver() = default;

std::optional<std::string> ParentResolver::prefix(const std::string& value) const {
  const std::string code = normalise_code(value);
  if ((code.size() == 2 || code.size() == 4 || code.size() == 6) &&
      std::all_of(code.begin(), code.end(), [](unsigned char c) { return std::isdigit(c); }))
    return code.size() == 6 ? adcode_prefix(code) : code;
  const Lookup lookup = gazetteer_->find(value, MatchBy::automatic);
  if (lookup.units.empty()) return std::nullopt;
  std::string common = adcode_prefix(gazetteer_->adcode(lookup.units.front()));
  for (std::size_t unit : lookup.units) {
    const std::string other = adcode_prefix(gazetteer_->adcode(unit));
    std::size_t same = 0;
    while (same < common.size() && same < other.size() && common[same] == other[same]) ++same;
    common.resize(same);
  }
  // Prefixes are 2, 4 or 6 digits: an odd common length is the shorter even one.
  common.resize(common.size() / 2 * 2);
  return common;
}

RowParents::RowParents(const geo::Table& table, const std::string& column, const BoundarySet* parents)
    : table_(table), column_(column.empty() ? -1 : require_column(table, column, "data.parent")) {
  if (column_ >= 0) resolver_.emplace(parents);
}

std::optional<std::string> RowParents::prefix(std::size_t index) const {
  if (!resolver_) return std::string();
  const std::string& parent = table_.rows[index][static_cast<std::size_t>(column_)];
  if (normalise_name(parent).empty()) return std::string();
  return resolver_->prefix(parent);
}

std::string RowParents::unknown_note(std::size_t index) const {
  return "parent '" + text(index) + "' names no province or prefecture";
}

const std::string& RowParents::text(std::size_t index) const {
  static const std::string kNone;
  return column_ < 0 ? kNone : table_.rows[index][static_cast<std::size_t>(column_)];
}

}  // namespace covermap::boundaries
