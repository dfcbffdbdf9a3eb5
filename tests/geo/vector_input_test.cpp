// Boundary layers that must be refused rather than drawn wrong: projected coordinates without a CRS, a CRS
// that cannot be reprojected, coordinates that are not numbers. And boundaries.crs, which states the CRS a
// source lacks.
#include <gtest/gtest.h>

#include <filesystem>

#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

using test::TempDir;

// One square of 10 km in CGCS2000 / 3-degree Gauss-Kruger CM 114E (EPSG:4547) metres, near 114E 27N.
constexpr const char* kProjectedSquare =
    R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"1"},"geometry":)"
    R"({"type":"Polygon","coordinates":[[[500000,3000000],[510000,3000000],[510000,3010000],)"
    R"([500000,3010000],[500000,3000000]]]}}]})";

// A shapefile made from GeoJSON text, its .prj replaced by `prj` (none when empty).
std::string shapefile(const TempDir& dir, const std::string& geojson, const std::string& prj) {
  const std::string source = dir.write("source.geojson", geojson);
  const std::string shp = dir.file("units.shp");
  const auto made = test::run_shell("ogr2ogr -f 'ESRI Shapefile' '" + shp + "' '" + source + "'");
  EXPECT_EQ(made.exit_code, 0) << made.err;
  std::filesystem::remove(dir.file("units.prj"));
  if (!prj.empty()) dir.write("units.prj", prj);
  return shp;
}

TEST(VectorInput, ProjectedCoordinatesWithoutACrsAreRefused) {
  TempDir dir;
  const std::string shp = shapefile(dir, kProjectedSquare, "");
  const std::string message = test::input_error_of([&] { read_polygon_layer(shp); });
  EXPECT_EQ(message.rfind(shp + ": has no CRS and its coordinates are not longitude/latitude", 0), 0u)
      << message;
  EXPECT_NE(message.find("boundaries.crs"), std::string::npos) << message;
}

TEST(VectorInput, TheCrsAMapFileStatesIsUsedForASourceWithoutOne) {
  TempDir dir;
  const std::string shp = shapefile(dir, kProjectedSquare, "");
  ReadOptions options;
  options.crs = "EPSG:4547";
  const FeatureLayer layer = read_polygon_layer(shp, options);
  ASSERT_EQ(layer.features.size(), 1u);
  const Box box = bounds(layer.features[0].geometry);
  EXPECT_NEAR(box.min_x, 114.0, 0.01);
  EXPECT_NEAR(box.min_y, 27.1, 0.1);
  EXPECT_LT(box.max_x - box.min_x, 0.2) << "10 km is a tenth of a degree";

  options.crs = "EPSG:999999";
  EXPECT_EQ(test::input_error_of([&] {
              read_polygon_layer(shp, options);
            }).rfind("boundaries.crs: unknown CRS 'EPSG:999999'", 0),
            0u)
      << test::input_error_of([&] { read_polygon_layer(shp, options); });
}

TEST(VectorInput, ACrsThatCannotBeReprojectedToLonLatIsRefused) {
  TempDir dir;
  const std::string shp = shapefile(dir, kProjectedSquare, R"(LOCAL_CS["site grid",UNIT["metre",1]])");
  const std::string message = test::input_error_of([&] { read_polygon_layer(shp); });
  EXPECT_EQ(message.rfind(shp + ": its CRS cannot be transformed to longitude/latitude", 0), 0u) << message;
}

TEST(VectorInput, NaNOrInfiniteCoordinatesAreRefusedWithTheFeature) {
  TempDir dir;
  const std::string path = dir.write(
      "nan.geojson",
      R"({"type":"FeatureCollection","features":[)"
      R"({"type":"Feature","properties":{"id":"1"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},)"
      R"({"type":"Feature","properties":{"id":"2"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[NaN,1],[0,0]]]}}]})");
  const std::string message = test::input_error_of([&] { read_polygon_layer(path); });
  EXPECT_EQ(message.rfind(path + ":2: a coordinate is not a finite number", 0), 0u) << message;
}

TEST(VectorInput, ATruncatedShapefileIsRefusedNotReadInPart) {
  TempDir dir;
  // Four squares of 400 vertices each; the .shp cut in half ends inside the second.
  std::string geojson = R"({"type":"FeatureCollection","features":[)";
  for (int f = 0; f < 4; ++f) {
    std::string ring;
    for (int i = 0; i <= 400; ++i) {
      const double t = i % 400 / 400.0;
      const double x = f * 2 + (t < 0.25 ? t * 4 : t < 0.5 ? 1 : t < 0.75 ? 1 - (t - 0.5) * 4 : 0);
      const double y = t < 0.25 ? 0 : t < 0.5 ? (t - 0.25) * 4 : t < 0.75 ? 1 : 1 - (t - 0.75) * 4;
      ring += (i ? "," : "") + ("[" + std::to_string(x) + "," + std::to_string(y) + "]");
    }
    geojson += std::string(f ? "," : "") + R"({"type":"Feature","properties":{"id":")" + std::to_string(f) +
               R"("},"geometry":{"type":"Polygon","coordinates":[[)" + ring + "]]}}";
  }
  const std::string shp = shapefile(
      dir, geojson + "]}",
      R"(GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]])");
  ASSERT_EQ(read_polygon_layer(shp).features.size(), 4u);
  std::filesystem::resize_file(shp, std::filesystem::file_size(shp) / 2);
  const std::string message = test::input_error_of([&] { read_polygon_layer(shp); });
  EXPECT_EQ(message.rfind(shp + ":2: could not be read whole", 0), 0u) << message;
}

}  // namespace
}  // namespace covermap::geo
