#pragma once
// Read-only access to the variables of a netCDF file through libnetcdf. (GDAL's multidimensional API reads
// the same arrays, but walks all ~4,000 variables of the DCW file for each one it opens: 50% of a render's
// time.) libnetcdf is not thread-safe: every call into it, from any NetcdfFile, is serialized by one
// process-wide lock, so files may be opened and read from several threads (a build renders maps at once).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace covermap::geo {

class NetcdfFile {
 public:
  // Throws InputError naming `path` if GDAL cannot open it as a netCDF file.
  explicit NetcdfFile(const std::string& path);
  ~NetcdfFile();
  NetcdfFile(NetcdfFile&&) noexcept;
  NetcdfFile& operator=(NetcdfFile&&) noexcept;

  const std::string& path() const;
  // Names of the arrays (variables) in the root group, in the file's order.
  std::vector<std::string> array_names() const;
  bool has_array(const std::string& array) const;
  // Every element of `array`, converted to uint16 by GDAL, in row-major order. InternalError if it is
  // missing.
  std::vector<std::uint16_t> read_uint16(const std::string& array) const;
  // The number of elements of `array`. InternalError if it is missing.
  std::size_t length(const std::string& array) const;
  // `count` elements of the one-dimensional `array` from `start`, as the file stores them (a short array of
  // unsigned values is read as it is, not range-checked into uint16). InputError when the range lies
  // outside the array: a damaged file.
  std::vector<std::int16_t> read_int16(const std::string& array, std::size_t start, std::size_t count) const;
  std::vector<std::int32_t> read_int32(const std::string& array, std::size_t start, std::size_t count) const;
  // A numeric attribute of `array`. InternalError if the array or the attribute is missing or not numeric.
  double attribute(const std::string& array, const std::string& name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace covermap::geo
