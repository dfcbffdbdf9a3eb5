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
std::optional<Table> read_single_column(const std::string& path, const std::string& encoding) {
  std::ifstream in(path, std::ios::binary);
  std::string line;
  if (!in || !std::getline(in, line)) return std::nullopt;
  if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
  auto clean = [&](std::string cell) {
    if (!cell.empty() && cell.back() == '\r') cell.pop_back();
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') {
      cell = cell.substr(1, cell.size() - 2);
      for (std::size_t at = cell.find("\"\""); at != std::string::npos; at = cell.find("\"\"", at + 1))
        cell.erase(at, 1);
    }
    return gdal::recode_to_utf8(cell, encoding);
  };
  const std::string header = clean(line);
  if (header.empty() || header.find_first_of(",;\t") != std::string::npos) return std::nullopt;
  Table table;
  table.source = path;
  table.columns = {header};
  std::vector<std::vector<std::string>> rows;
  while (std::getline(in, line)) rows.push_back({clean(line)});
  while (!rows.empty() && rows.back().front().empty()) rows.pop_back();  // trailing blank lines
  table.rows = std::move(rows);
  return table;
}

// A delimited text file's encoding when none is named: UTF-8 (with or without BOM) if its bytes are valid
// UTF-8, else GB18030 (GBK and GB2312 are subsets): what Chinese spreadsheet exports are written in.
std::string text_file_encoding(const std::string& path, const std::string& named) {
  if (!named.empty() || !is_delimited_text(path)) return named;
  std::ifstream in(path, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return gdal::detect_encoding(bytes);
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

Table read_table(const std::string& path, const ReadOptions& read_options) {
  ReadOptions options = read_options;
  options.encoding = text_file_encoding(path, options.encoding);
  const SpreadsheetOptions spreadsheet(path);  // held while the features are read: drivers parse lazily
  GDALDatasetUniquePtr dataset;
  try {
    dataset = gdal::open_vector(path, table_open_options(path));
  } catch (const InputError&) {
    if (!is_delimited_text(path)) throw;
    if (auto table = read_single_column(path, options.encoding)) return *table;
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
    table.columns.push_back(gdal::recode_to_utf8(name, options.encoding));
  }
  layer->ResetReading();
  for (auto& feature : *layer) {
    std::vector<std::string> row;
    row.reserve(table.columns.size());
    for (int i = 0; i < definition->GetFieldCount(); ++i)
      row.push_back(gdal::field_text(*feature, i, options.encoding));
    table.rows.push_back(std::move(row));
  }
  if (CPLGetLastErrorType() == CE_Failure && table.rows.empty())
    throw InputError(path, "could not be read: " + gdal::last_error());
  return table;
}

std::vector<std::string> layer_names(const std::string& path) {
  auto dataset = gdal::open_vector(path);
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(dataset->GetLayerCount()));
  for (int i = 0; i < dataset->GetLayerCount(); ++i) names.emplace_back(dataset->GetLayer(i)->GetName());
  return names;
}

}  // namespace covermap::geo
