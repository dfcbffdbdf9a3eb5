#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>

#include "geo/ascii_text.hpp"
#include "geo/csv_table.hpp"
#include "geo/delimited_text.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/gdal_support.hpp"
#include "geo/text_recoder.hpp"
#include "geo/utf8.hpp"

namespace covermap::geo {
namespace {

std::string lower_trimmed(std::string_view text) {
  return ascii_lowered(ascii_trimmed(text));
}

bool is_delimited_text(const std::string& path) {
  const std::string extension = lowered_extension(path);
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
    const std::string extension = lowered_extension(path);
    const char* driver = extension == ".xlsx" ? "XLSX" : extension == ".ods" ? "ODS" : nullptr;
    if (!driver) return;
    headers_.emplace("OGR_" + std::string(driver) + "_HEADERS", "FORCE");
    field_types_.emplace("OGR_" + std::string(driver) + "_FIELD_TYPES", "STRING");
  }

 private:
  std::optional<gdal::ThreadConfigOption> headers_;
  std::optional<gdal::ThreadConfigOption> field_types_;
};

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

// `text`: the bytes of a delimited text file (checked_delimited_text), for the one-column list GDAL refuses.
Table read_rows(const std::string& path, const ReadOptions& options, TextRecoder& recoder,
                std::string_view text) {
  const SpreadsheetOptions spreadsheet(path);  // held while the features are read: drivers parse lazily
  gdal::DatasetPtr dataset;
  try {
    dataset = gdal::open_vector(path, table_open_options(path));
  } catch (const InputError&) {
    if (!is_delimited_text(path)) throw;
    if (auto table = read_one_column_list(path, text, recoder)) return *table;
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

namespace {

enum class Reader { native_then_gdal, gdal, native };

// nullopt only for Reader::native, when the native reader declines the file.
std::optional<Table> read_checked_table(const std::string& path, const ReadOptions& options, Reader reader) {
  const std::string text = checked_delimited_text(path);
  // A text file that is not UTF-8 as a whole is GB18030 throughout, unless the map file names its encoding.
  TextRecoder recoder(options.encoding, path, !text.empty() && !utf8::is_valid(text));
  std::optional<Table> table;
  // Delimited text on the local disk is read without GDAL where the native reader can match it.
  if (reader != Reader::gdal && !text.empty() && !is_gdal_virtual_path(path))
    table = read_plain_delimited_text(path, text, options, recoder);
  if (!table && reader == Reader::native) return std::nullopt;
  if (!table) {
    const gdal::QuietErrors quiet;
    table = read_rows(path, options, recoder, text);
  }
  if (table->rows.empty())
    throw InputError(path, "has a header but no rows", "add a row for each unit under the header");
  return table;
}

}  // namespace

Table read_table(const std::string& path, const ReadOptions& options) {
  return *read_checked_table(path, options, Reader::native_then_gdal);
}

Table read_table_through_gdal(const std::string& path, const ReadOptions& options) {
  return *read_checked_table(path, options, Reader::gdal);
}

std::optional<Table> read_table_without_gdal(const std::string& path, const ReadOptions& options) {
  return read_checked_table(path, options, Reader::native);
}

std::vector<std::string> layer_names(const std::string& path) {
  const gdal::QuietErrors quiet;
  const gdal::Api& gdal = gdal::api();
  const gdal::DatasetPtr dataset = gdal::open_vector(path);
  const int count = gdal.GDALDatasetGetLayerCount(dataset.get());
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(std::max(0, count)));
  for (int i = 0; i < count; ++i)
    names.emplace_back(gdal.OGR_L_GetName(gdal.GDALDatasetGetLayer(dataset.get(), i)));
  return names;
}

}  // namespace covermap::geo
