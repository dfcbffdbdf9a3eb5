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
};

}  // namespace covermap::geo
