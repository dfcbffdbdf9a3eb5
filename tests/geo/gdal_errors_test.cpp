// GDAL's messages become covermap's exceptions, without touching the process's own GDAL error handler:
// covermap pushes a quiet handler around its calls and pops it after.
#include <cpl_error.h>
#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

int messages_seen = 0;

void counting_handler(CPLErr, CPLErrorNum, const char*) {
  ++messages_seen;
}

TEST(GdalErrors, TheHostsHandlerIsNeitherReplacedNorSentCovermapsMessages) {
  test::TempDir dir;
  const std::string broken = dir.write("broken.geojson", R"({"type": "FeatureCollection", "features": [)");
  CPLErrorHandler previous = CPLSetErrorHandler(counting_handler);
  messages_seen = 0;
  EXPECT_THROW(read_polygon_layer(broken), InputError);
  EXPECT_THROW(read_table(dir.write("empty.gpkg", "not a geopackage")), InputError);
  EXPECT_EQ(messages_seen, 0) << "GDAL's messages during covermap's calls stay covermap's";
  CPLError(CE_Warning, CPLE_AppDefined, "the host's own message");
  EXPECT_EQ(messages_seen, 1) << "the host's handler is still the one installed";
  CPLSetErrorHandler(previous);
}

}  // namespace
}  // namespace covermap::geo
