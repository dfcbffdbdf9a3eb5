#pragma once
// A data table (CSV, XLSX, ODS, GPKG attribute table) as plain text cells. Row i of `rows` is data row i + 1,
// the numbering the join report and error messages use (the header is row 0).
#include <string>
#include <vector>

namespace covermap::geo {

struct Table {
  std::string source;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  // Index of `column`, or -1. Exact match first, then ignoring case and surrounding spaces.
  int column_index(const std::string& column) const;
  // Every column `column` names, the same way: the exact matches, else those ignoring case and spaces. A
  // header may name a column twice; which one is meant is then the user's to say.
  std::vector<int> columns_named(const std::string& column) const;
};

}  // namespace covermap::geo
