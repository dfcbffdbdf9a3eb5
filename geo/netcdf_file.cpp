#include "geo/netcdf_file.hpp"

#include <hdf5.h>
#include <netcdf.h>

#include <filesystem>
#include <mutex>

#include "geo/error.hpp"
#include "geo/shared_library.hpp"

namespace covermap::geo {

namespace {

// The netCDF functions covermap calls, from the library loaded on first use, and HDF5's, from below it.
struct NetcdfApi {
  SharedLibrary library{COVERMAP_NETCDF_SONAME};
  COVERMAP_LIBRARY_FUNCTION(library, nc_open);
  COVERMAP_LIBRARY_FUNCTION(library, nc_close);
  COVERMAP_LIBRARY_FUNCTION(library, nc_strerror);
  COVERMAP_LIBRARY_FUNCTION(library, nc_inq_nvars);
  COVERMAP_LIBRARY_FUNCTION(library, nc_inq_varid);
  COVERMAP_LIBRARY_FUNCTION(library, nc_inq_varname);
  COVERMAP_LIBRARY_FUNCTION(library, nc_inq_varndims);
  COVERMAP_LIBRARY_FUNCTION(library, nc_inq_vardimid);
  COVERMAP_LIBRARY_FUNCTION(library, nc_inq_dimlen);
  COVERMAP_LIBRARY_FUNCTION(library, nc_get_vara_short);
  COVERMAP_LIBRARY_FUNCTION(library, nc_get_vara_int);
  COVERMAP_LIBRARY_FUNCTION(library, nc_get_var_ushort);
  COVERMAP_LIBRARY_FUNCTION(library, nc_get_att_double);
  COVERMAP_LIBRARY_FUNCTION(library, H5Eset_auto2);
};

const NetcdfApi& netcdf() {
  static const NetcdfApi api;
  return api;
}

// libnetcdf keeps global state and is not thread-safe, even for different files: every call into it, from
// any NetcdfFile, holds this lock (recursive: length() is called while reading). HDF5, below it, prints
// its error stack (netCDF's expected probes for absent attributes) on any thread but the one netCDF was
// initialised on, unless that thread turns the printing off.
class NetcdfCall {
 public:
  NetcdfCall() : lock_(mutex()) {
    thread_local bool hdf5_quiet = false;
    if (!hdf5_quiet) {
      netcdf().H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
      hdf5_quiet = true;
    }
  }

 private:
  static std::recursive_mutex& mutex() {
    static std::recursive_mutex netcdf;
    return netcdf;
  }
  std::lock_guard<std::recursive_mutex> lock_;
};

}  // namespace

// Owns the netCDF id (an int handle, so a small RAII type rather than a unique_ptr).
struct NetcdfFile::Impl {
  std::string path;
  int id = -1;
  ~Impl() {
    if (id < 0) return;
    const NetcdfCall call;
    netcdf().nc_close(id);
  }
};

namespace {

int variable_id(int file, const std::string& path, const std::string& array) {
  int id = -1;
  if (netcdf().nc_inq_varid(file, array.c_str(), &id) != NC_NOERR)
    throw InternalError(path, "netCDF array '" + array + "' not found");
  return id;
}

}  // namespace

NetcdfFile::NetcdfFile(const std::string& path) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  if (!std::filesystem::exists(path)) throw InputError(path, "cannot open netCDF file: no such file");
  const NetcdfCall call;
  if (const int status = netcdf().nc_open(path.c_str(), NC_NOWRITE, &impl_->id); status != NC_NOERR) {
    impl_->id = -1;
    throw InputError(path, std::string("cannot open netCDF file: ") + netcdf().nc_strerror(status));
  }
}

NetcdfFile::~NetcdfFile() = default;
NetcdfFile::NetcdfFile(NetcdfFile&&) noexcept = default;
NetcdfFile& NetcdfFile::operator=(NetcdfFile&&) noexcept = default;

const std::string& NetcdfFile::path() const {
  return impl_->path;
}

std::vector<std::string> NetcdfFile::array_names() const {
  const NetcdfCall call;
  int count = 0;
  if (netcdf().nc_inq_nvars(impl_->id, &count) != NC_NOERR)
    throw InternalError(impl_->path, "cannot list netCDF variables");
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(count));
  char name[NC_MAX_NAME + 1];
  for (int id = 0; id < count; ++id)
    if (netcdf().nc_inq_varname(impl_->id, id, name) == NC_NOERR) names.emplace_back(name);
  return names;
}

bool NetcdfFile::has_array(const std::string& array) const {
  const NetcdfCall call;
  int id = -1;
  return netcdf().nc_inq_varid(impl_->id, array.c_str(), &id) == NC_NOERR;
}

std::size_t NetcdfFile::length(const std::string& array) const {
  const NetcdfCall call;
  const int id = variable_id(impl_->id, impl_->path, array);
  int dimensions = 0;
  if (netcdf().nc_inq_varndims(impl_->id, id, &dimensions) != NC_NOERR || dimensions > NC_MAX_VAR_DIMS)
    throw InternalError(impl_->path, "cannot read the shape of netCDF array '" + array + "'");
  int dimension_ids[NC_MAX_VAR_DIMS];
  netcdf().nc_inq_vardimid(impl_->id, id, dimension_ids);
  std::size_t count = 1;
  for (int d = 0; d < dimensions; ++d) {
    std::size_t length = 0;
    netcdf().nc_inq_dimlen(impl_->id, dimension_ids[d], &length);
    count *= length;
  }
  return count;
}

namespace {

// One call reads a range of a one-dimensional array of the file's own type.
template <typename T, typename Get>
std::vector<T> read_range(const NetcdfFile& file, int netcdf_id, const std::string& array, std::size_t start,
                          std::size_t count, Get get) {
  const NetcdfCall call;
  const std::size_t length = file.length(array);
  if (start > length || count > length - start)
    throw InputError(file.path(),
                     "netCDF array '" + array + "' has " + std::to_string(length) + " elements; elements " +
                         std::to_string(start) + " to " + std::to_string(start + count) + " asked for",
                     "the file is damaged; reinstall the package it came from");
  std::vector<T> values(count);
  if (count == 0) return values;
  const int id = variable_id(netcdf_id, file.path(), array);
  if (const int status = get(netcdf_id, id, &start, &count, values.data()); status != NC_NOERR)
    throw InternalError(file.path(),
                        "cannot read netCDF array '" + array + "': " + netcdf().nc_strerror(status));
  return values;
}

}  // namespace

std::vector<std::int16_t> NetcdfFile::read_int16(const std::string& array, std::size_t start,
                                                 std::size_t count) const {
  return read_range<std::int16_t>(*this, impl_->id, array, start, count, netcdf().nc_get_vara_short);
}

std::vector<std::int32_t> NetcdfFile::read_int32(const std::string& array, std::size_t start,
                                                 std::size_t count) const {
  return read_range<std::int32_t>(*this, impl_->id, array, start, count, netcdf().nc_get_vara_int);
}

std::vector<std::uint16_t> NetcdfFile::read_uint16(const std::string& array) const {
  const NetcdfCall call;
  const int id = variable_id(impl_->id, impl_->path, array);
  const std::size_t count = length(array);
  std::vector<std::uint16_t> values(count);
  if (count == 0) return values;
  if (const int status = netcdf().nc_get_var_ushort(impl_->id, id, values.data()); status != NC_NOERR)
    throw InternalError(impl_->path,
                        "cannot read netCDF array '" + array + "': " + netcdf().nc_strerror(status));
  return values;
}

double NetcdfFile::attribute(const std::string& array, const std::string& name) const {
  const NetcdfCall call;
  const int id = variable_id(impl_->id, impl_->path, array);
  double value = 0;
  if (const int status = netcdf().nc_get_att_double(impl_->id, id, name.c_str(), &value); status != NC_NOERR)
    throw InternalError(impl_->path, "netCDF array '" + array + "' has no numeric attribute '" + name +
                                         "': " + netcdf().nc_strerror(status));
  return value;
}

}  // namespace covermap::geo
