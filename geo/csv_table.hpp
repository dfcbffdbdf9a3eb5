#pragma once
// Delimited text (CSV, TSV) read without GDAL. GDAL is loaded on first use, and reading a run's data table
// was often the only reason to load it. This reader gives exactly the table read_table's GDAL path gives, or
// declines the file when it cannot be sure, and GDAL reads it. What GDAL does was found by reading files
// through it (GDAL 3.6); tests/geo/csv_table_test.cpp and the table fuzzer check that the two agree.
#include <optional>
#include <string>
#include <string_view>

#include "geo/gdal_io.hpp"
#include "geo/table.hpp"
#include "geo/text_recoder.hpp"

namespace covermap::geo {

// The table in `bytes`, the whole local file `path` (.csv, .tsv or .txt), which check_delimited_text has
// already checked and which is not blank. Names and cells pass through `recoder`; text it cannot convert is
// an InputError naming the row, as on the GDAL path. nullopt when GDAL might read the file differently.
std::optional<Table> read_plain_delimited_text(const std::string& path, std::string_view bytes,
                                               const ReadOptions& options, TextRecoder& recoder);

// GDAL's CSV driver refuses a file whose header has no separator. Yet a plain list of the provinces a
// programme reaches is exactly that: one column. Such a list is read here, one cell per line. nullopt when
// the header is empty or holds a separator.
std::optional<Table> read_one_column_list(const std::string& path, std::string_view bytes,
                                          TextRecoder& recoder);

// For tests (defined in gdal_table.cpp): read_table through GDAL alone, and through the native reader alone
// (nullopt where it declines the file).
Table read_table_through_gdal(const std::string& path, const ReadOptions& options = {});
std::optional<Table> read_table_without_gdal(const std::string& path, const ReadOptions& options = {});

}  // namespace covermap::geo
