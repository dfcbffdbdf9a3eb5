#pragma once
// data.parent: a column naming each row's province or prefecture, by name or code, which narrows the units a
// name may match to those whose adcode starts with the parent's prefix (江苏 -> 32, 南京市 -> 3201).
#include <memory>
#include <optional>
#include <string>

#include "boundaries/gazetteer.hpp"
#include "boundaries/unit.hpp"
#include "geo/table.hpp"

namespace covermap::boundaries {

// Where the names of parents come from besides the built-in provinces: a table or layer with an adcode and a
// name column (china-admin.gpkg's `prefecture` layer), from boundaries.parents in the map file.
struct ParentSpec {
  std::string source;  // empty: built-in provinces only
  std::string layer;
};

// The units of a parent table (attributes only: adcode, name). Throws InputError when it has no such columns.
BoundarySet load_parent_units(const ParentSpec& spec);

class ParentResolver {
 public:
  // The 34 provinces always; `extra` (e.g. prefectures) when given.
  explicit ParentResolver(const BoundarySet* extra = nullptr);
  ~ParentResolver();

  // The adcode prefix `value` names: "32" for 江苏, "3201" for 南京市 or 320100. A name shared by several
  // parents narrows to what they have in common (吉林 is 吉林省 22 and 吉林市 2202: "22"), possibly nothing
  // (""). nullopt: the value names no known province or prefecture.
  std::optional<std::string> prefix(const std::string& value) const;

 private:
  BoundarySet set_;
  std::unique_ptr<Gazetteer> gazetteer_;
};

// A table's data.parent column, resolved row by row; without the column every row names no parent.
class RowParents {
 public:
  // `column` empty: no parent column. Throws InputError when the table has no such column.
  RowParents(const geo::Table& table, const std::string& column, const BoundarySet* parents);

  // The adcode prefix row `index` (from 0) names, "" when its parent cell is empty or there is no column;
  // nullopt when it names no known province or prefecture (see unknown_note).
  std::optional<std::string> prefix(std::size_t index) const;
  // The report's note for such a row.
  std::string unknown_note(std::size_t index) const;
  // The parent cell of row `index` as the user wrote it ("" without the column).
  const std::string& text(std::size_t index) const;

 private:
  const geo::Table& table_;
  int column_ = -1;
  std::optional<ParentResolver> resolver_;
};

}  // namespace covermap::boundaries
