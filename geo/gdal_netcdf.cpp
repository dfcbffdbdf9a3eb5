#include "geo/gdal_netcdf.hpp"

#include <gdal_priv.h>

#include <algorithm>
#include <mutex>

#include "geo/error.hpp"

namespace covermap::geo {

struct NetcdfFile::Impl {
  std::string path;
  GDALDatasetUniquePtr dataset;
  std::shared_ptr<GDALGroup> root;
  std::vector<std::string> names;

  std::shared_ptr<GDALMDArray> open(const std::string& array) const {
    // Checked against the listing first: asking the driver for a missing array makes it log an error.
    if (std::find(names.begin(), names.end(), array) == names.end())
      throw InternalError(path, "netCDF array '" + array + "' not found");
    CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
    CPLErrorReset();
    auto opened = root->OpenMDArray(array);
    if (!opened)
      throw InternalError(path, "cannot open netCDF array '" + array + "': " + CPLGetLastErrorMsg());
    return opened;
  }
};

NetcdfFile::NetcdfFile(const std::string& path) : impl_(std::make_unique<Impl>()) {
  static std::once_flag registered;
  std::call_once(registered, [] { GDALAllRegister(); });

  impl_->path = path;
  // GDAL would print its own message to stderr; ours is the one the user sees.
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  CPLErrorReset();
  const char* const drivers[] = {"netCDF", nullptr};
  impl_->dataset.reset(GDALDataset::FromHandle(
      GDALOpenEx(path.c_str(), GDAL_OF_MULTIDIM_RASTER | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR, drivers,
                 nullptr, nullptr)));
  if (!impl_->dataset) {
    std::string reason = CPLGetLastErrorMsg();
    if (reason.empty()) reason = "not a netCDF file";
    throw InputError(path, "cannot open netCDF file: " + reason);
  }
  impl_->root = impl_->dataset->GetRootGroup();
  if (!impl_->root)
    throw InternalError(path, "netCDF file has no root group: " + std::string(CPLGetLastErrorMsg()));
  impl_->names = impl_->root->GetMDArrayNames();
}

NetcdfFile::~NetcdfFile() = default;
NetcdfFile::NetcdfFile(NetcdfFile&&) noexcept = default;
NetcdfFile& NetcdfFile::operator=(NetcdfFile&&) noexcept = default;

const std::string& NetcdfFile::path() const {
  return impl_->path;
}

std::vector<std::string> NetcdfFile::array_names() const {
  return impl_->names;
}

bool NetcdfFile::has_array(const std::string& array) const {
  return std::find(impl_->names.begin(), impl_->names.end(), array) != impl_->names.end();
}

std::vector<std::uint16_t> NetcdfFile::read_uint16(const std::string& array) const {
  const auto opened = impl_->open(array);
  const auto& dimensions = opened->GetDimensions();
  std::vector<GUInt64> start(dimensions.size(), 0);
  std::vector<size_t> count;
  std::size_t total = 1;
  for (const auto& dimension : dimensions) {
    count.push_back(static_cast<size_t>(dimension->GetSize()));
    total *= count.back();
  }
  std::vector<std::uint16_t> values(total);
  if (total == 0) return values;

  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  CPLErrorReset();
  // Null steps and strides mean contiguous, row-major: exactly the vector's layout.
  if (!opened->Read(start.data(), count.data(), nullptr, nullptr, GDALExtendedDataType::Create(GDT_UInt16),
                    values.data(), values.data(), values.size() * sizeof(std::uint16_t)))
    throw InternalError(impl_->path, "cannot read netCDF array '" + array + "': " + CPLGetLastErrorMsg());
  return values;
}

double NetcdfFile::attribute(const std::string& array, const std::string& name) const {
  const auto opened = impl_->open(array);
  CPLErrorHandlerPusher quiet(CPLQuietErrorHandler);
  const auto value = opened->GetAttribute(name);
  if (!value)
    throw InternalError(impl_->path, "netCDF array '" + array + "' has no attribute '" + name + "'");
  // ReadAsDouble would quietly give 0 for a string attribute.
  if (value->GetDataType().GetClass() != GEDTC_NUMERIC || value->GetTotalElementsCount() < 1)
    throw InternalError(impl_->path,
                        "attribute '" + name + "' of netCDF array '" + array + "' is not a number");
  return value->ReadAsDouble();
}

}  // namespace covermap::geo
