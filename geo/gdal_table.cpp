#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <sstream>

#include "geo/delimited_text.hpp"
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
// them): without these, a sheet of text only, as coverage tables often are, loses its header row. Set for
// this thread only: a table may be read beside the boundaries (styles::join_map).
class SpreadsheetOptions {
 public:
  explicit SpreadsheetOptions(const std::string& path) {
    const std::string extension = lower_extension(path);
    const char* driver = extension == ".xlsx" ? "XLSX" : extension == ".ods" ? "ODS" : nullptr;
    if (!driver) return;
    headers_.emplace("OGR_" + std::string(driver) + "_HEADERS", "FORCE");
    field_types_.emplace("OGR_" + std::string(driver) + "_FIELD_TYPES", "STRING");
  }

 private:
  std::optional<gdal::ThreadConfigOption> headers_;
  std::optional<gdal::ThreadConfigOption> field_types_;
};

// GDAL's CSV driver refuses a file whose header has no separator, yet a plain list of the provinces a
// programme reaches is exactly that: one column. Such a file is read here, a line a cell.
std::optional<Table> read_single_column(const std::string& path, TextRecoder& recoder) {
  std::istringstream remote(is_gdal_virtual_path(path) ? read_gdal_file(path) : std::string());
  std::ifstream local;
  if (!is_gdal_virtual_path(path)) local.open(path, std::ios::binary);
  std::istream& in = is_gdal_virtual_path(path) ? static_cast<std::istream&>(remote) : local;
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

// A delimited text file's bytes, checked: not empty, every quote closed, no row longer than the header. Empty
// for other files.
std::string checked_delimited_text(const std::string& path) {
  if (!is_delimited_text(path)) return {};
  std::string bytes;
  if (is_gdal_virtual_path(path)) {
    bytes = read_gdal_file(path);
  } else {
    if (!std::filesystem::exists(path)) return {};
    std::ifstream in(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  if (is_blank_text(bytes))
    throw InputError(path, "is empty", "its first line names the columns, e.g. Province,Coverage");
  check_delimited_text(bytes, path);
  return bytes;
}

Table read_rows(const std::string& path, const ReadOptions& options, TextRecoder& recoder) {
  const SpreadsheetOptions spreadsheet(path);  // held while the features are read: drivers parse lazily
  gdal::DatasetPtr dataset;
  try {
    dataset = gdal::open_vector(path, table_open_options(path));
  } catch (const InputError&) {
    if (!is_delimited_text(path)) throw;
    if (auto table = read_single_column(path, recoder)) return *table;
    throw;
  }
  const gdal::Api& gdal = gdal::api();
  OGRLayerH layer = gdal::find_layer(dataset.get(), path, options.layer);
  Table table;
  table.source = path;
  const std::vector<std::string> names = gdal::field_names(layer);
  for (std::size_t i = 0; i < names.size(); ++i) {
    std::string name = names[i];
    // A UTF-8 byte-order mark from spreadsheet exports must not stick to the first column's name.
    if (i == 0 && name.rfind("\xEF\xBB\xBF", 0) == 0) name.erase(0, 3);
    auto column = recoder.to_utf8(name);
    if (!column) throw recoding_error(path, 0, "", recoder);
    table.columns.push_back(std::move(*column));
  }
  gdal.OGR_L_ResetReading(layer);
  gdal.CPLErrorReset();
  for (gdal::FeaturePtr feature(gdal.OGR_L_GetNextFeature(layer)); feature;
       feature.reset(gdal.OGR_L_GetNextFeature(layer))) {
    const long row_number = static_cast<long>(table.rows.size()) + 1;
    gdal::throw_if_read_failed(path + ":" + std::to_string(row_number));
    std::vector<std::string> row;
    row.reserve(table.columns.size());
    for (int i = 0; i < static_cast<int>(names.size()); ++i) {
      auto text = gdal::field_text(feature.get(), i, recoder);
      if (!text) throw recoding_error(path, row_number, table.columns[static_cast<std::size_t>(i)], recoder);
      row.push_back(std::move(*text));
    }
    table.rows.push_back(std::move(row));
  }
  gdal::throw_if_read_failed(path + ":" + std::to_string(table.rows.size() + 1));
  return table;
}

}  // namespace

std::vector<int> Table::columns_named(const std::string& column) const {
  std::vector<int> exact, loose;
  const std::string wanted = lower_trimmed(column);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i] == column) exact.push_back(static_cast<int>(i));
    if (lower_trimmed(columns[i]) == wanted) loose.push_back(static_cast<int>(i));
  }
  return exact.empty() ? loose : exact;
}

int Table::column_index(const std::string& column) const {
  const std::vector<int> found = columns_named(column);
  return found.empty() ? -1 : found.front();
}

Table read_table(const std::string& path, const ReadOptions& options) {
  const gdal::QuietErrors quiet;
  const std::string text = checked_delimited_text(path);
  // A text file that is not UTF-8 as a whole is GB18030 throughout, unless the map file names its encoding.
  TextRecoder recoder(options.encoding, path, !text.empty() && !utf8::is_valid(text));
  Table table = read_rows(path, options, recoder);
  if (table.rows.empty())
    throw InputError(path, "has a header but no rows", "add a row for each unit under the header");
  return table;
}

std::vector<std::string> layer_names(const std::string& path) {
  const gdal::QuietErrors quiet;
  const gdal::Api& gdal = gdal::api();
  const gdal::DatasetPtr dataset = gdal::open_vector(path);
  std::vector<std::string> names;
  for (int i = 0; i < gdal.GDALDatasetGetLayerCount(dataset.get()); ++i)
    names.emplace_back(gdal.OGR_L_GetName(gdal.GDALDatasetGetLayer(dataset.get(), i)));
  return names;
}

}  // namespace covermap::geo
