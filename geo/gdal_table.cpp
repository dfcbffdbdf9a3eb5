#include <cpl_conv.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>

#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/gdal_support.hpp"
#include "geo/text_recoder.hpp"
#include "geo/utf8.hpp"

namespace covermap::geo {
namespace {

std::string lower_trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  const auto last = text.find_last_not_of(" \t\r\n");
  text = first == std::string::npos ? "" : text.substr(first, last - first + 1);
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

std::string lower_extension(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return extension;
}

// Row 0 is the header.
InputError recoding_error(const std::string& path, long row, const std::string& column,
                          const TextRecoder& recoder) {
  const std::string what = (row == 0         ? "header: "
                            : column.empty() ? ""
                                             : "column '" + column + "': ") +
                           recoder.failure();
  return row == 0 ? InputError(path, what, recoder.failure_hint())
                  : input_error_at_row(path, row, what, recoder.failure_hint());
}

bool is_delimited_text(const std::string& path) {
  const std::string extension = lower_extension(path);
  return extension == ".csv" || extension == ".tsv" || extension == ".txt";
}

// Open options that make the CSV driver give a header row and text cells, never guessed types.
std::vector<std::string> table_open_options(const std::string& path) {
  if (is_delimited_text(path))
    return {"HEADERS=YES", "AUTODETECT_TYPE=NO", "KEEP_SOURCE_COLUMNS=NO", "EMPTY_STRING_AS_NULL=NO"};
  return {};
}

// The spreadsheet drivers take the same choices as configuration options (GDAL 3.6 has no open options for
// them): without these, a sheet of text only, as coverage tables often are, loses its header row.
class SpreadsheetOptions {
 public:
  explicit SpreadsheetOptions(const std::string& path) {
    const std::string extension = lower_extension(path);
    const char* driver = extension == ".xlsx" ? "XLSX" : extension == ".ods" ? "ODS" : nullptr;
    if (!driver) return;
    headers_.emplace(("OGR_" + std::string(driver) + "_HEADERS").c_str(), "FORCE", false);
    field_types_.emplace(("OGR_" + std::string(driver) + "_FIELD_TYPES").c_str(), "STRING", false);
  }

 private:
  std::optional<CPLConfigOptionSetter> headers_;
  std::optional<CPLConfigOptionSetter> field_types_;
};

// GDAL's CSV driver refuses a file whose header has no separator, yet a plain list of the provinces a
// programme reaches is exactly that: one column. Such a file is read here, a line a cell.
std::optional<Table> read_single_column(const std::string& path, TextRecoder& recoder) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
  auto clean = [&](std::string cell, long row) {
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
  const std::string header = clean(line, 0);
  if (header.empty() || header.find_first_of(",;\t") != std::string::npos) return std::nullopt;
  Table table;
  table.source = path;
  table.columns = {header};
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) rows.push_back({clean(line, static_cast<long>(rows.size()) + 1)});
  while (!rows.empty() && rows.back().front().empty()) rows.pop_back();  // trailing blank lines
  table.rows = std::move(rows);
  return table;
}

// Whether a delimited text file without a named encoding is, as a whole, not UTF-8 (with or without BOM):
// then every cell is read as GB18030 (GBK and GB2312 are subsets), what Chinese spreadsheet exports are
// written in.
bool text_file_is_not_utf8(const std::string& path, const std::string& named) {
  if (!named.empty() || !is_delimited_text(path)) return false;
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return !utf8::is_valid(bytes);
}

}  // namespace

int Table::column_index(const std::string& column) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == column) return static_cast<int>(i);
  const std::string wanted = lower_trimmed(column);
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (lower_trimmed(columns[i]) == wanted) return static_cast<int>(i);
  return -1;
}

Table read_table(const std::string& path, const ReadOptions& options) {
  TextRecoder recoder(options.encoding, path, text_file_is_not_utf8(path, options.encoding));
  const SpreadsheetOptions spreadsheet(path);  // held while the features are read: drivers parse lazily
  GDALDatasetUniquePtr dataset;
  try {
    dataset = gdal::open_vector(path, table_open_options(path));
  } catch (const InputError&) {
    if (!is_delimited_text(path)) throw;
    if (auto table = read_single_column(path, recoder)) return *table;
    throw;
  }
  OGRLayer* layer = gdal::find_layer(*dataset, path, options.layer);
  Table table;
  table.source = path;
  const OGRFeatureDefn* definition = layer->GetLayerDefn();
  for (int i = 0; i < definition->GetFieldCount(); ++i) {
    std::string name = definition->GetFieldDefn(i)->GetNameRef();
    // A UTF-8 byte-order mark from spreadsheet exports must not stick to the first column's name.
    if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);
    auto column = recoder.to_utf8(name);
    if (!column) throw recoding_error(path, 0, "", recoder);
    table.columns.push_back(std::move(*column));
  }
  layer->ResetReading();
  for (auto& feature : *layer) {
    const long row_number = static_cast<long>(table.rows.size()) + 1;
    std::vector<std::string> row;
    row.reserve(table.columns.size());
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
      auto text = gdal::field_text(*feature, i, recoder);
      if (!text) throw recoding_error(path, row_number, table.columns[static_cast<std::size_t>(i)], recoder);
      row.push_back(std::move(*text));
    }
    table.rows.push_back(std::move(row));
  }
  if (CPLGetLastErrorType() == CE_Failure && table.rows.empty())
    throw InputError(path, "could not be read: " + gdal::last_error());
  return table;
}

std::vector<std::string> layer_names(const std::string& path) {
  auto dataset = gdal::open_vector(path);
  std::vector<std::string> names;
  for (int i = 0; i < dataset->GetLayerCount(); ++i) names.emplace_back(dataset->GetLayer(i)->GetName());
  return names;
}

}  // namespace covermap::geo
