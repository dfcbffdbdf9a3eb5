#include "geo/delimited_text.hpp"

#include <filesystem>
#include <vector>

#include "geo/ascii_text.hpp"
#include "geo/error.hpp"

namespace covermap::geo {
namespace {

bool is_blank(std::string_view cell) {
  return cell.find_first_not_of(" \t") == std::string_view::npos;
}

}  // namespace

std::string_view without_bom(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  return bytes;
}

TextRecord next_record(std::string_view bytes, std::size_t& at) {
  const std::size_t start = at;
  bool quoted = false;
  for (; at < bytes.size(); ++at) {
    if (bytes[at] == '"') quoted = !quoted;
    if (bytes[at] == '\n' && !quoted) break;
  }
  TextRecord record{bytes.substr(start, at - start), !quoted};
  if (at < bytes.size()) ++at;  // past the line break
  if (!record.text.empty() && record.text.back() == '\r') record.text.remove_suffix(1);
  return record;
}

std::vector<std::string_view> cells_of(std::string_view record, char separator) {
  std::vector<std::string_view> cells;
  bool quoted = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i < record.size(); ++i) {
    if (record[i] == '"') quoted = !quoted;
    if (record[i] == separator && !quoted) {
      cells.push_back(record.substr(start, i - start));
      start = i + 1;
    }
  }
  cells.push_back(record.substr(start));
  return cells;
}

char separator_of(std::string_view header, const std::string& path) {
  if (lowered_extension(path) == ".tsv") return '\t';
  char found = 0;
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (quoted || (c != ',' && c != ';' && c != '\t')) continue;
    if (found && found != c) return ',';
    found = c;
  }
  return found;
}

bool is_blank_text(std::string_view bytes) {
  return without_bom(bytes).find_first_not_of(" \t\r\n") == std::string_view::npos;
}

void check_delimited_text(std::string_view bytes, const std::string& path) {
  bytes = without_bom(bytes);
  std::size_t at = 0;
  const TextRecord header = next_record(bytes, at);
  if (!header.closed)
    throw InputError(path, "a quote in the header opens and is never closed", "close the quote");
  const char separator = separator_of(header.text, path);
  const std::size_t columns = separator ? cells_of(header.text, separator).size() : 1;
  for (long row = 1; at < bytes.size();) {
    const TextRecord record = next_record(bytes, at);
    if (record.text.empty()) continue;  // the reader skips blank lines
    if (!record.closed)
      throw input_error_at_row(path, row, "a quote opens here and is never closed",
                               "close it; a quote inside a quoted cell is written twice (\"\")");
    if (separator) {
      const auto cells = cells_of(record.text, separator);
      for (std::size_t extra = columns; extra < cells.size(); ++extra)
        if (!is_blank(cells[extra]))
          throw input_error_at_row(
              path, row,
              std::to_string(cells.size()) + " cells where the header has " + std::to_string(columns),
              std::string("quote a cell that holds the separator ('") + separator +
                  "'), or add its column to the header");
    }
    ++row;
  }
}

}  // namespace covermap::geo
