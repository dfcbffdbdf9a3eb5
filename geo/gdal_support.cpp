#include "geo/gdal_support.hpp"

#include <cpl_string.h>

#include <filesystem>
#include <memory>
#include <mutex>

#include "geo/error.hpp"
#include "geo/utf8.hpp"

namespace covermap::geo::gdal {

void initialise() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

std::string last_error() {
  const char* message = CPLGetLastErrorMsg();
  return message ? message : "";
}

GDALDatasetUniquePtr open_vector(const std::string& path, const std::vector<std::string>& open_options) {
  initialise();
  if (!std::filesystem::exists(path))
    throw InputError(path, "no such file", "check the path in the map file");
  CPLStringList options;
  for (const auto& option : open_options) options.AddString(option.c_str());
  CPLErrorReset();
  GDALDatasetUniquePtr dataset(
      GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, options.List(), nullptr));
  if (!dataset) {
    const std::string detail = last_error();
    throw InputError(path,
                     "cannot be read as a table or vector layer" + (detail.empty() ? "" : ": " + detail),
                     "CSV, XLSX, ODS, GeoPackage, Shapefile and GeoJSON are supported");
  }
  return dataset;
}

OGRLayer* find_layer(GDALDataset& dataset, const std::string& path, const std::string& name) {
  if (dataset.GetLayerCount() == 0) throw InputError(path, "has no layers or sheets");
  if (name.empty()) return dataset.GetLayer(0);
  if (OGRLayer* layer = dataset.GetLayerByName(name.c_str())) return layer;
  std::vector<std::string> known;
  for (int i = 0; i < dataset.GetLayerCount(); ++i) known.emplace_back(dataset.GetLayer(i)->GetName());
  throw InputError(path, "no layer or sheet named '" + name + "'", "it has: " + comma_list(known));
}

std::string recode_to_utf8(const std::string& text, const std::string& encoding) {
  if (encoding.empty()) return text;
  std::unique_ptr<char, decltype(&CPLFree)> recoded(CPLRecode(text.c_str(), encoding.c_str(), CPL_ENC_UTF8),
                                                    &CPLFree);
  return recoded ? std::string(recoded.get()) : text;
}

std::string field_text(const OGRFeature& feature, int field, const std::string& encoding) {
  if (!feature.IsFieldSetAndNotNull(field)) return {};
  const char* text = feature.GetFieldAsString(field);
  return recode_to_utf8(text, encoding.empty() ? detect_encoding(text) : encoding);
}

std::string detect_encoding(std::string_view text) {
  return utf8::is_valid(text) ? "" : "GB18030";
}

}  // namespace covermap::geo::gdal
