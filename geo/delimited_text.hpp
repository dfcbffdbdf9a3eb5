#pragma once
// What GDAL's CSV reader would read silently wrong, checked on the file's bytes before it is read: a quote
// that is never closed swallows every later line into one cell, and cells past the header's count are
// dropped. Both are refused with the row, split exactly as the reader splits.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace covermap::geo {

// `bytes`: the whole file; `path`: for errors, and its extension (.tsv is tab-separated). Throws InputError
// naming the row (from 1 after the header) where an unclosed quote opens, or the first row with more
// non-empty cells than the header.
void check_delimited_text(std::string_view bytes, const std::string& path);

// True when the file holds nothing but a byte-order mark and blank lines.
bool is_blank_text(std::string_view bytes);

// The splitting the check uses, shared with the native CSV reader (geo/csv_table.cpp) so that both split as
// GDAL's reader does.

// The bytes without a leading UTF-8 byte-order mark.
std::string_view without_bom(std::string_view bytes);

// One record (a line, or several when a quoted cell spans lines), as GDAL's reader takes it: a quote
// anywhere toggles quoting ("" inside quotes toggles twice, a literal quote), and a record ends at a line
// break outside quotes.
struct TextRecord {
  std::string_view text;  // without the line break
  bool closed = true;     // false when the file ends inside quotes
};

// The record starting at byte `at` of `bytes`; moves `at` past its line break.
TextRecord next_record(std::string_view bytes, std::size_t& at);

// The cells of a record split at `separator` outside quotes, quotes kept.
std::vector<std::string_view> cells_of(std::string_view record, char separator);

// The separator GDAL's CSV driver picks from the header: tab for .tsv, else the first of , ; or tab outside
// quotes (a comma when they are mixed); 0 when there is none (a one-column list, or one GDAL would split at
// spaces).
char separator_of(std::string_view header, const std::string& path);

}  // namespace covermap::geo
