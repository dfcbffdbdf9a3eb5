#include "geo/csv_table.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <system_error>
#include <vector>

#include "geo/ascii_text.hpp"
#include "geo/delimited_text.hpp"

namespace covermap::geo {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// GDAL stops at a line longer than 10 MB (OGR_CSV_MAX_LINE_SIZE). Longer records are left to it, well short
// of that limit.
constexpr std::size_t kLongestRecord = std::size_t{1} << 20;

// How much of a file GDAL's drivers look at to recognise their format.
constexpr std::size_t kSniffedBytes = 1024;

// GDAL takes the column types from a .csvt beside the file (and so reformats numbers), and a .prj is a
// source's CRS: the native reader reads neither.
bool has_sidecar(const std::string& path) {
  std::error_code ignored;
  for (const char* extension : {".csvt", ".prj"})
    if (std::filesystem::exists(std::filesystem::path(path).replace_extension(extension), ignored))
      return true;
  return false;
}

// Whether a driver GDAL tries before its CSV driver (or after, when the CSV driver refuses a one-column list)
// could take the file as its own format. `bytes`: the whole file.
bool might_be_another_format(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, kSniffedBytes);
  // Binary formats (SQLite, HDF5, netCDF, DGN, zipped XLSX, ...) have control bytes in their first bytes.
  for (const char c : head)
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') return true;
  // XML formats (GML, KML, PDS4, an OGR VRT) are found by a tag anywhere in the first bytes.
  if (head.find('<') != std::string_view::npos) return true;
  // A header starts with a name, a quote, a space or a separator. It does not start with the { of JSON, the
  // % of PDF, the digits of NTF or ISO 8211, the / of Geoconcept or the 0xFF of JPEG 2000.
  const std::string_view text = without_bom(head);
  const auto first = static_cast<unsigned char>(text.empty() ? '\0' : text.front());
  const bool starts_like_a_header = (first >= 'a' && first <= 'z') || (first >= 'A' && first <= 'Z') ||
                                    first == '_' || first == '"' || first == ' ' || first == ',' ||
                                    first == ';' || first == '\t' || (first >= 0x80 && first < 0xFE);
  if (!starts_like_a_header) return true;
  // The text labels of VICAR, PDS, FITS, PCIDSK, Interlis 1, MapSource (GPSBabel) and netCDF's
  // text form.
  const std::string lowered = ascii_lowered(text);
  for (const std::string_view word :
       {"lblsize", "pds_version_id", "odl_version_id", "njpl1i00pds", "ccsd3z", "scnt"})
    if (lowered.find(word) != std::string::npos) return true;
  for (const std::string_view prefix : {"simple", "pcidsk", "netcdf", "cdf", "msrc"})
    if (lowered.starts_with(prefix)) return true;
  return false;
}

// When GDAL's CSV driver refuses a one-column list, its other drivers try the file, and some find their
// format by a mark anywhere in the first bytes (@VGMT for GMT, "tbl; " for VDV). So a list is read here only
// when those bytes hold nothing but names: letters, digits, other scripts, spaces, quotes, line breaks and
// the marks . - _ ( ) '.
bool holds_only_names(std::string_view bytes) {
  for (const char c : bytes.substr(0, kSniffedBytes)) {
    const auto byte = static_cast<unsigned char>(c);
    const bool name_byte = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                           byte >= 0x80 ||
                           std::string_view(" \"\r\n._-()'").find(c) != std::string_view::npos;
    if (!name_byte) return false;
  }
  return true;
}

// Bytes GDAL reads otherwise than as the plain text they are: a NUL ends its C strings (the rest of a cell
// is lost), a carriage return alone ends a line for its line reader, and it drops a byte-order mark at the
// start of every record, not only the file's. `text`: the file after its own byte-order mark.
bool has_bytes_read_otherwise(std::string_view text) {
  if (text.find('\0') != std::string_view::npos || text.find(kBom) != std::string_view::npos) return true;
  for (auto at = text.find('\r'); at != std::string_view::npos; at = text.find('\r', at + 1))
    if (at + 1 == text.size() || text[at + 1] != '\n') return true;
  return false;
}

// A header GDAL's CSV driver refuses for having fewer than two cells, which read_table then reads as a
// one-column list. With no , ; tab or | in it and no space outside quotes, GDAL finds no separator.
bool is_one_column_header(std::string_view header) {
  if (header.empty() || header.find_first_of(",;\t|") != std::string_view::npos) return false;
  bool quoted = false;
  for (const char c : header) {
    if (c == '"') quoted = !quoted;
    if (c == ' ' && !quoted) return false;
  }
  return true;
}

// A row's cell as GDAL's CSV reader gives it: a quote toggles quoting and is dropped, "" inside quotes is a
// literal quote, and a line break inside quotes is \n whatever the file's line breaks are.
std::string cell_text(std::string_view raw) {
  std::string text;
  text.reserve(raw.size());
  bool quoted = false;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '"') {
      if (quoted && i + 1 < raw.size() && raw[i + 1] == '"')
        text += raw[++i];
      else
        quoted = !quoted;
    } else if (raw[i] != '\r') {  // every \r here precedes a \n (has_bytes_read_otherwise)
      text += raw[i];
    }
  }
  return text;
}

// A column name as GDAL's CSV driver gives it. The header is split by another tokenizer than the rows: it
// drops every quote ("" inside quotes too) and reads a backslash as an escape (such headers are declined).
// Then spaces, and only spaces, are trimmed; an empty name is field_<its number>.
std::string column_name(std::string_view raw, std::size_t index) {
  std::string name;
  std::copy_if(raw.begin(), raw.end(), std::back_inserter(name), [](char c) { return c != '"'; });
  const auto first = name.find_first_not_of(' ');
  if (first == std::string::npos) return "field_" + std::to_string(index + 1);
  return name.substr(first, name.find_last_not_of(' ') - first + 1);
}

// The column names of a header GDAL splits at `separator`, before recoding; nullopt for a header GDAL reads
// otherwise.
std::optional<std::vector<std::string>> column_names(std::string_view header, char separator) {
  // With a tab in its first line, GDAL tries tabs on the first two lines whatever separator it found. A .tsv
  // without one is split at the separator GDAL finds.
  if ((separator == '\t') != (header.find('\t') != std::string_view::npos)) return std::nullopt;
  // The header's tokenizer reads \" and \\ in quotes as escapes; and a .tsv whose first name holds a
  // backslash and a comma is a Eurostat table to GDAL.
  if (header.find('\\') != std::string_view::npos) return std::nullopt;
  const std::vector<std::string_view> cells = cells_of(header, separator);
  // GDAL's CSV driver refuses a header of one cell (its separator only inside quotes).
  if (cells.size() < 2) return std::nullopt;
  std::vector<std::string> names;
  names.reserve(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) names.push_back(column_name(cells[i], i));
  // GDAL reads "name," as one column (a single column with a trailing separator).
  if (names.size() == 2 && names[1] == "field_2") return std::nullopt;
  for (const std::string& name : names) {
    // WKT and _WKT... columns are parsed as geometries, and a cell that is not WKT fails the read.
    const std::string lowered = ascii_lowered(name);
    if (lowered == "wkt" || lowered.starts_with("_wkt")) return std::nullopt;
  }
  return names;
}

}  // namespace

std::optional<Table> read_plain_delimited_text(const std::string& path, std::string_view bytes,
                                               const ReadOptions& options, TextRecoder& recoder) {
  if (!options.layer.empty()) return std::nullopt;  // GDAL's error for a wrong layer lists the layers
  const std::string extension = lowered_extension(path);
  if (extension != ".csv" && extension != ".tsv" && extension != ".txt") return std::nullopt;
  if (has_sidecar(path) || might_be_another_format(bytes)) return std::nullopt;
  const std::string_view text = without_bom(bytes);
  if (has_bytes_read_otherwise(text)) return std::nullopt;

  std::size_t at = 0;
  const TextRecord header = next_record(text, at);
  // GDAL finds the separator and the names in the first line alone.
  if (!header.closed || header.text.find('\n') != std::string_view::npos ||
      header.text.size() > kLongestRecord)
    return std::nullopt;
  if (is_one_column_header(header.text))
    return holds_only_names(bytes) ? read_one_column_list(path, bytes, recoder) : std::nullopt;
  // GDAL's CSV driver opens no .txt file (but a few by name, none of them a coverage table).
  if (extension == ".txt") return std::nullopt;
  const char separator = separator_of(header.text, path);
  if (!separator) return std::nullopt;  // GDAL splits at spaces
  const auto names = column_names(header.text, separator);
  if (!names) return std::nullopt;

  Table table;
  table.source = path;
  table.columns.reserve(names->size());
  for (std::size_t i = 0; i < names->size(); ++i) {
    std::string_view name = (*names)[i];
    // A second byte-order mark, which GDAL leaves on the first name, is dropped as read_table drops it.
    if (i == 0 && name.starts_with(kBom)) name.remove_prefix(kBom.size());
    auto column = recoder.to_utf8(name);
    if (!column) throw recoding_error(path, 0, "", recoder);
    table.columns.push_back(std::move(*column));
  }
  while (at < text.size()) {
    const TextRecord record = next_record(text, at);
    if (record.text.empty()) continue;  // GDAL skips blank lines
    if (record.text.size() > kLongestRecord) return std::nullopt;
    const long row_number = static_cast<long>(table.rows.size()) + 1;
    const std::vector<std::string_view> cells = cells_of(record.text, separator);
    std::vector<std::string> row(table.columns.size());
    // Cells past the header's count are dropped (check_delimited_text refused any that is not blank); missing
    // ones are empty.
    for (std::size_t i = 0; i < row.size() && i < cells.size(); ++i) {
      auto cell = recoder.to_utf8(cell_text(cells[i]));
      if (!cell) throw recoding_error(path, row_number, table.columns[i], recoder);
      row[i] = std::move(*cell);
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

std::optional<Table> read_one_column_list(const std::string& path, std::string_view bytes,
                                          TextRecoder& recoder) {
  // Lines as std::getline gives them: split at \n, with no empty line after a final one.
  std::vector<std::string_view> lines;
  for (std::size_t at = 0; at < bytes.size();) {
    const std::size_t end = std::min(bytes.find('\n', at), bytes.size());
    lines.push_back(bytes.substr(at, end - at));
    at = end + 1;
  }
  if (lines.empty()) return std::nullopt;
  if (lines.front().starts_with(kBom)) lines.front().remove_prefix(kBom.size());
  auto clean = [&](std::string_view line, long row) {
    std::string cell(line);
    if (!cell.empty() && cell.back() == '\r') cell.pop_back();
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
      cell = cell.substr(1, cell.size() - 2);
      for (std::size_t at = cell.find("\"\""); at != std::string::npos; at = cell.find("\"\"", at + 1))
        cell.erase(at, 1);
    }
    auto text = recoder.to_utf8(cell);
    if (!text) throw recoding_error(path, row, "", recoder);
    return *text;
  };
  const std::string header = clean(lines.front(), 0);
  if (header.empty() || header.find_first_of(",;\t") != std::string::npos) return std::nullopt;
  Table table;
  table.source = path;
  table.columns = {header};
  for (std::size_t i = 1; i < lines.size(); ++i)
    table.rows.push_back({clean(lines[i], static_cast<long>(table.rows.size()) + 1)});
  while (!table.rows.empty() && table.rows.back().front().empty()) table.rows.pop_back();  // trailing blanks
  return table;
}

}  // namespace covermap::geo
