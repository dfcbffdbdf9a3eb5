#pragma once
// What GDAL's CSV reader would read silently wrong, checked on the file's bytes before it is read: a quote
// that is never closed swallows every later line into one cell, and cells past the header's count are
// dropped. Both are refused with the row, split exactly as the reader splits.
#include <string>
#include <string_view>

namespace covermap::geo {

// `bytes`: the whole file; `path`: for errors, and its extension (.tsv is tab-separated). Throws InputError
// naming the row (from 1 after the header) where an unclosed quote opens, or the first row with more
// non-empty cells than the header.
void check_delimited_text(std::string_view bytes, const std::string& path);

// True when the file holds nothing but a byte-order mark and blank lines.
bool is_blank_text(std::string_view bytes);

}  // namespace covermap::geo
