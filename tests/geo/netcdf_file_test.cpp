// geo::NetcdfFile from several threads at once, as `covermap build -j 2` opens the built-in boundaries and
// GSHHG's shorelines while rendering two maps: the same values as from one thread, and no HDF5 error stack
// printed for the probes netCDF makes.
#include "geo/netcdf_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "geo/error.hpp"

namespace covermap::geo {
namespace {

const char* const kDcwFile = "/usr/share/gmt-dcw/dcw-gmt.nc";  // Debian's gmt-dcw, a build dependency

// Every array's name and the values of the first small array.
struct Reading {
  std::vector<std::string> names;
  std::vector<std::uint16_t> first;
  bool operator==(const Reading&) const = default;
};

Reading read_dcw() {
  const NetcdfFile file(kDcwFile);
  Reading reading;
  reading.names = file.array_names();
  for (const std::string& name : reading.names) {
    if (const std::size_t length = file.length(name); length < 64 || length > 100'000) continue;
    reading.first = file.read_uint16(name);
    break;
  }
  return reading;
}

TEST(NetcdfFile, ThreadsReadingAtOnceGetWhatOneThreadGetsAndPrintNothing) {
  if (!std::filesystem::exists(kDcwFile)) GTEST_SKIP() << kDcwFile << " is not installed";
  const Reading alone = read_dcw();
  ASSERT_FALSE(alone.names.empty());
  ASSERT_GE(alone.first.size(), 64u);

  ::testing::internal::CaptureStderr();
  std::vector<Reading> readings(4);
  std::vector<std::thread> threads;
  threads.reserve(readings.size());
  for (auto& reading : readings)
    threads.emplace_back([&reading] {
      for (int round = 0; round < 3; ++round) reading = read_dcw();
      // A missing attribute: netCDF asks HDF5, which prints its error stack unless told not to.
      const NetcdfFile file(kDcwFile);
      EXPECT_THROW(file.attribute(reading.names.front(), "no_such_attribute"), InternalError);
    });
  for (auto& thread : threads) thread.join();
  const std::string printed = ::testing::internal::GetCapturedStderr();

  for (const Reading& reading : readings) EXPECT_TRUE(reading == alone);
  EXPECT_EQ(printed, "") << "HDF5's error stack leaked onto stderr";
}

}  // namespace
}  // namespace covermap::geo
