#include "geo/gdal_support.hpp"

#include <cpl_string.h>

#include <filesystem>
#include <memory>
#include <mutex>

#include "geo/error.hpp"

namespace covermap::geo::gdal {

void initialise() {
  static std::once_flag once;
  std::call_once(once, [] { GDALAllRegister(); });
}

std::string last_error() {
  const char* message = CPLGetLastErrorMsg();
  return message ? message : "";
}

void throw_if_read_failed(const std::string& where) {
  if (CPLGetLastErrorType() != CE_Failure && CPLGetLastErrorType() != CE_Fatal) return;
  throw InputError(
      where, "could not be read whole: " + last_error(),
      "is the file complete? a copy cut short, or parts (.shp, .shx, .dbf) of different versions");
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

std::optional<std::string> field_text(const OGRFeature& feature, int field, TextRecoder& recoder) {
  if (!feature.IsFieldSetAndNotNull(field)) return std::string();
  return recoder.to_utf8(feature.GetFieldAsString(field));
}

}  // namespace covermap::geo::gdal
