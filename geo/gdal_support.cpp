#include "geo/gdal_support.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>

#include "geo/ascii_text.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"

#include <nlohmann/json.hpp>

namespace covermap::geo::gdal {

namespace {

struct RegisteredApi : Api {
  RegisteredApi() { GDALAllRegister(); }
};

}  // namespace

const Api& api() {
  static const RegisteredApi loaded;
  return loaded;
}

ThreadConfigOption::ThreadConfigOption(std::string key, const std::string& value) : key_(std::move(key)) {
  if (api().CPLGetConfigOption(key_.c_str(), nullptr)) return;
  if (const char* earlier = api().CPLGetThreadLocalConfigOption(key_.c_str(), nullptr)) earlier_ = earlier;
  api().CPLSetThreadLocalConfigOption(key_.c_str(), value.c_str());
  set_ = true;
}

ThreadConfigOption::~ThreadConfigOption() {
  if (set_) api().CPLSetThreadLocalConfigOption(key_.c_str(), earlier_ ? earlier_->c_str() : nullptr);
}

std::string last_error() {
  const char* message = api().CPLGetLastErrorMsg();
  return message ? message : "";
}

void throw_if_read_failed(const std::string& where) {
  const CPLErr type = api().CPLGetLastErrorType();
  if (type != CE_Failure && type != CE_Fatal) return;
  throw InputError(
      where, "could not be read whole: " + last_error(),
      "is the file complete? a copy cut short, or parts (.shp, .shx, .dbf) of different versions");
}

namespace {

// Reads JSON without keeping it (a GeoJSON may be large), remembering only where it stops being JSON.
struct JsonSyntaxCheck : nlohmann::json_sax<nlohmann::json> {
  std::optional<std::string> error;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t byte, const std::string&, const nlohmann::detail::exception& e) override {
    std::string what = e.what();
    if (const auto colon = what.rfind(": "); colon != std::string::npos) what = what.substr(colon + 2);
    error = "not valid JSON at byte " + std::to_string(byte) + ": " + what;
    return false;
  }
};

// Where a (Geo)JSON file stops being JSON, which GDAL does not say: "at byte 58: unexpected end of input".
std::optional<std::string> json_syntax_error(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  JsonSyntaxCheck check;
  nlohmann::json::sax_parse(in, &check);
  return check.error;
}

}  // namespace

DatasetPtr open_vector(const std::string& path, const std::vector<std::string>& open_options) {
  if (is_gdal_virtual_path(path)) {
    VSIStatBufL status;
    const QuietErrors quiet;
    if (api().VSIStatL(path.c_str(), &status) != 0)
      throw InputError(path, "cannot be reached" + (last_error().empty() ? "" : ": " + last_error()),
                       "check the address, that the server is up, and for /vsis3/ the AWS_* settings");
  } else if (!std::filesystem::exists(path)) {
    throw InputError(path, "no such file", "check the path in the map file");
  }
  std::vector<const char*> options;  // a null-terminated list, as GDAL takes it
  options.reserve(open_options.size() + 1);
  for (const auto& option : open_options) options.push_back(option.c_str());
  options.push_back(nullptr);
  api().CPLErrorReset();
  DatasetPtr dataset(
      api().GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.data(), nullptr));
  if (!dataset) {
    if (const std::string extension = lowered_extension(path);
        extension == ".geojson" || extension == ".json")
      if (const auto syntax = json_syntax_error(path))
        throw InputError(path, *syntax,
                         "a GeoJSON file cut short, or edited by hand? a JSON validator shows more");
    const std::string detail = last_error();
    throw InputError(path,
                     "cannot be read as a table or vector layer" + (detail.empty() ? "" : ": " + detail),
                     "CSV, XLSX, ODS, GeoPackage, Shapefile and GeoJSON are supported");
  }
  return dataset;
}

OGRLayerH find_layer(GDALDatasetH dataset, const std::string& path, const std::string& name) {
  const int count = api().GDALDatasetGetLayerCount(dataset);
  if (count == 0) throw InputError(path, "has no layers or sheets");
  if (name.empty()) return api().GDALDatasetGetLayer(dataset, 0);
  if (OGRLayerH layer = api().GDALDatasetGetLayerByName(dataset, name.c_str())) return layer;
  std::vector<std::string> known;
  known.reserve(static_cast<std::size_t>(std::max(0, count)));
  for (int i = 0; i < count; ++i)
    known.emplace_back(api().OGR_L_GetName(api().GDALDatasetGetLayer(dataset, i)));
  throw InputError(path, "no layer or sheet named '" + name + "'", "it has: " + comma_list(known));
}

std::vector<std::string> field_names(OGRLayerH layer) {
  OGRFeatureDefnH definition = api().OGR_L_GetLayerDefn(layer);
  const int count = api().OGR_FD_GetFieldCount(definition);
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(std::max(0, count)));
  for (int i = 0; i < count; ++i)
    names.emplace_back(api().OGR_Fld_GetNameRef(api().OGR_FD_GetFieldDefn(definition, i)));
  return names;
}

std::optional<std::string> field_text(OGRFeatureH feature, int field, TextRecoder& recoder) {
  if (!api().OGR_F_IsFieldSetAndNotNull(feature, field)) return std::string();
  return recoder.to_utf8(api().OGR_F_GetFieldAsString(feature, field));
}

}  // namespace covermap::geo::gdal

namespace covermap::geo {

bool is_gdal_virtual_path(const std::string& path) {
  return path.rfind("/vsi", 0) == 0;
}

std::string read_gdal_file(const std::string& path) {
  const gdal::Api& gdal = gdal::api();
  const gdal::QuietErrors quiet;
  gdal.CPLErrorReset();
  const std::unique_ptr<VSILFILE, decltype(gdal.VSIFCloseL)> file(gdal.VSIFOpenL(path.c_str(), "rb"),
                                                                  gdal.VSIFCloseL);
  if (!file) {
    const std::string detail = gdal::last_error();
    throw InputError(path, "cannot be read" + (detail.empty() ? "" : ": " + detail));
  }
  std::string bytes;
  char buffer[1 << 16];
  for (std::size_t n; (n = gdal.VSIFReadL(buffer, 1, sizeof buffer, file.get())) > 0;)
    bytes.append(buffer, n);
  if (gdal.VSIFEofL(file.get()) == 0) {
    const std::string detail = gdal::last_error();
    throw InputError(path, "cannot be read to its end" + (detail.empty() ? "" : ": " + detail));
  }
  return bytes;
}

}  // namespace covermap::geo
