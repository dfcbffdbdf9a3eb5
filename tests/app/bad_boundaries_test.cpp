// The bad-input catalogue, boundary layers: each case through the CLI. Refused with one error line naming
// the file or feature and what to do (exit 2, no figure), or repaired and drawn, with a warning where the
// map shows less than the data.
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

std::string square(double x, double y, double size) {
  const auto at = [](double px, double py) {
    return "[" + std::to_string(px) + "," + std::to_string(py) + "]";
  };
  return "[[" + at(x, y) + "," + at(x + size, y) + "," + at(x + size, y + size) + "," + at(x, y + size) +
         "," + at(x, y) + "]]";
}

std::string feature(const std::string& id, const std::string& geometry) {
  return R"({"type":"Feature","properties":{"id":")" + id + R"("},"geometry":)" + geometry + "}";
}

std::string polygon(const std::string& rings) {
  return R"({"type":"Polygon","coordinates":)" + rings + "}";
}

std::string collection(const std::string& first, const std::string& second) {
  return R"({"type":"FeatureCollection","features":[)" + first + "," + second + "]}";
}

const std::string kFirst = feature("1", polygon(square(100, 30, 1)));

class BadBoundaries : public ::testing::Test {
 protected:
  void SetUp() override { dir_.write("data.csv", "id,value\n1,a\n2,b\n"); }

  // A map of `source` (relative to the map file), with `extra` map-file keys under boundaries.
  std::string map(const std::string& source, const std::string& extra = "") {
    return dir_.write("map.yaml", "boundaries: {source: " + source + ", id: id, name: id" + extra +
                                      "}\ndata: {source: data.csv, key: id}\nvalue: value\n"
                                      "classify: {method: categorical}\ninset: none\n");
  }
  CommandResult render(const std::string& map_path) {
    return run_shell("COVERMAP_CACHE_DIR=off '" + std::string(COVERMAP_CLI) + "' render '" + map_path +
                     "' -o '" + pdf() + "'");
  }
  void expect_refused(const std::string& map_path, const std::string& start) {
    const auto result = render(map_path);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(error_line(result).rfind("error: " + start, 0), 0u) << error_line(result);
    EXPECT_FALSE(fs::exists(pdf()));
  }
  void expect_drawn(const std::string& map_path) {
    const auto result = render(map_path);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    EXPECT_TRUE(fs::exists(pdf()));
    fs::remove(pdf());
  }
  // A shapefile of the two units made from `geojson` by ogr2ogr, its .prj then replaced by `prj` (none
  // when empty); the map file's path to it.
  std::string shapefile(const std::string& geojson, const std::string& prj = kWgs84) {
    const std::string source = dir_.write("source.geojson", geojson);
    const auto made =
        run_shell("ogr2ogr -f 'ESRI Shapefile' '" + dir_.file("units.shp") + "' '" + source + "'");
    EXPECT_EQ(made.exit_code, 0) << made.err;
    fs::remove(dir_.file("units.prj"));
    if (!prj.empty()) dir_.write("units.prj", prj);
    return "units.shp";
  }
  std::string pdf() const { return dir_.file("out.pdf"); }

  static constexpr const char* kWgs84 =
      R"(GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],)"
      R"(UNIT["degree",0.0174532925199433]])";
  TempDir dir_;
};

TEST_F(BadBoundaries, AMissingFileIsNamed) {
  expect_refused(map("nowhere.geojson"), dir_.file("nowhere.geojson") + ": no such file");
}

TEST_F(BadBoundaries, ATruncatedShapefileOrAMissingPartIsRefused) {
  const std::string big = feature("2", polygon(square(102, 30, 1)));
  std::string many;
  for (int i = 0; i < 200; ++i) many += (i ? "," : "") + ("[" + std::to_string(104 + i * 0.001) + ",31]");
  const std::string shp =
      shapefile(collection(kFirst, feature("2", polygon("[[[104,30]," + many + ",[104,30]]]"))));
  expect_drawn(map(shp));
  fs::resize_file(dir_.file("units.shp"), fs::file_size(dir_.file("units.shp")) - 200);
  expect_refused(map(shp), dir_.file("units.shp") + ":2: could not be read whole");
  shapefile(collection(kFirst, big));
  fs::remove(dir_.file("units.dbf"));
  expect_refused(map(shp),
                 dir_.file("units.shp") + ": its .dbf file (the attributes: ids and names) is missing");
  shapefile(collection(kFirst, big));
  fs::remove(dir_.file("units.shx"));
  expect_refused(map(shp), dir_.file("units.shp") + ": its .shx file (the index of its shapes) is missing");
}

TEST_F(BadBoundaries, AGeoJsonSyntaxErrorNamesWhereItBreaks) {
  dir_.write("units.geojson", R"({"type":"FeatureCollection","features":[{"type":"Feature",)");
  expect_refused(map("units.geojson"), dir_.file("units.geojson") + ": not valid JSON at byte ");
}

TEST_F(BadBoundaries, ABowTieAndAnUnclosedRingAreRepairedAndDrawn) {
  dir_.write("units.geojson",
             collection(kFirst, feature("2", polygon("[[[102,30],[103,31],[103,30],[102,31],[102,30]]]"))));
  expect_drawn(map("units.geojson"));
  dir_.write("units.geojson",
             collection(kFirst, feature("2", polygon("[[[102,30],[103,30],[103,31],[102,31]]]"))));
  expect_drawn(map("units.geojson"));
}

TEST_F(BadBoundaries, AUnitWithoutGeometryIsDrawnWithoutButSaidSo) {
  dir_.write("units.geojson", collection(kFirst, feature("2", "null")));
  const auto result = render(map("units.geojson"));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(
      result.err.find("warning: " + dir_.file("units.geojson") + ": 1 unit has no area and is not drawn: 2"),
      std::string::npos)
      << result.err;
}

// A tile run from a warm cache reads the boundaries without their coordinates: whether a unit has area
// comes with them, and the warning with it, on every run.
TEST_F(BadBoundaries, AUnitWithoutGeometryIsSaidByEveryTileRunCachedOrNot) {
  dir_.write("units.geojson", collection(kFirst, feature("2", "null")));
  const std::string map_path = map("units.geojson");
  for (const char* run : {"cold", "warm"}) {
    const auto result =
        run_shell("COVERMAP_CACHE_DIR='" + dir_.file("cache") + "' '" + COVERMAP_CLI + "' tiles '" +
                  map_path + "' -o '" + dir_.file("tiles.pmtiles") + "' --zoom 0-2");
    EXPECT_EQ(result.exit_code, 0) << run << ": " << result.err;
    EXPECT_NE(result.err.find("warning: " + dir_.file("units.geojson") +
                              ": 1 unit has no area and is not drawn: 2"),
              std::string::npos)
        << run << ": " << result.err;
  }
}

TEST_F(BadBoundaries, NaNOrInfiniteCoordinatesAreRefusedWithTheFeature) {
  dir_.write("units.geojson",
             collection(kFirst, feature("2", polygon("[[[102,30],[103,30],[NaN,31],[102,30]]]"))));
  expect_refused(map("units.geojson"),
                 dir_.file("units.geojson") + ":2: a coordinate is not a finite number");
  dir_.write("units.geojson",
             collection(kFirst, feature("2", polygon("[[[102,30],[103,30],[103,1e999],[102,30]]]"))));
  expect_refused(map("units.geojson"),
                 dir_.file("units.geojson") + ":2: a coordinate is not a finite number");
}

TEST_F(BadBoundaries, AMissingCrsWithProjectedCoordinatesIsRefusedUntilStated) {
  // CGCS2000 / 3-degree Gauss-Kruger CM 114E metres: 500,000 m east is the central meridian.
  const std::string metres = collection(feature("1", polygon(square(500000, 3000000, 10000))),
                                        feature("2", polygon(square(510000, 3000000, 10000))));
  const std::string shp = shapefile(metres, "");
  expect_refused(map(shp),
                 dir_.file("units.shp") + ": has no CRS and its coordinates are not longitude/latitude");
  expect_drawn(map(shp, ", crs: 'EPSG:4547'"));
  expect_refused(map(shp, ", crs: 'EPSG:999999'"), "boundaries.crs: unknown CRS 'EPSG:999999'");
}

TEST_F(BadBoundaries, ACrsThatCannotBecomeLonLatIsRefused) {
  const std::string shp = shapefile(collection(kFirst, feature("2", polygon(square(102, 30, 1)))),
                                    R"(LOCAL_CS["site grid",UNIT["metre",1]])");
  expect_refused(map(shp), dir_.file("units.shp") + ": its CRS cannot be transformed to longitude/latitude");
}

}  // namespace
}  // namespace covermap::test
