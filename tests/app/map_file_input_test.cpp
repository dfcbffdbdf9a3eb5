// Map files that must be refused with the line and what to write instead: misspelt keys, values of the wrong
// type. And boundaries.crs. (Alias bombs and huge files: tests/app/bad_map_test, through the CLI.)
#include <gtest/gtest.h>

#include "app/map_file.hpp"
#include "geo/error.hpp"
#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

using test::TempDir;

constexpr const char* kBase =
    "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k}\nvalue: v\n";

std::string error_of(const TempDir& dir, const std::string& text) {
  return test::input_error_of([&] { load_map_file(dir.write("bad.yaml", text)); });
}

TEST(MapFileInput, AMisspeltKeySuggestsTheNearestOne) {
  TempDir dir;
  const std::string path = dir.file("bad.yaml");
  EXPECT_EQ(error_of(dir, std::string(kBase) + "plaette: Blues\n"),
            path + ":4: unknown key 'plaette' (did you mean 'palette'?)");
  EXPECT_EQ(error_of(dir, std::string(kBase) + "classify: {method: quantile, clases: 4}\n"),
            path + ":4: unknown key 'clases' in classify (did you mean 'classes'?)");
  // Nothing near: the known keys are listed.
  EXPECT_NE(error_of(dir, std::string(kBase) + "zzzzzz: 1\n").find("known keys: "), std::string::npos);
}

TEST(MapFileInput, ValuesOfTheWrongTypeNameTheirLine) {
  TempDir dir;
  const std::string path = dir.file("bad.yaml");
  EXPECT_EQ(error_of(dir, std::string(kBase) + "classify: {classes: five}\n"),
            path + ":4: classes must be a number (got 'five')");
  EXPECT_EQ(error_of(dir, std::string(kBase) + "classify: {classes: 4.5}\n"),
            path + ":4: classify.classes must be a whole number from 1 to 12");
  EXPECT_EQ(error_of(dir, std::string(kBase) + "extent: [92, south, 108, 40]\n"),
            path + ":4: extent must be [west, south, east, north] in degrees (got 'south')");
  EXPECT_EQ(error_of(dir, std::string(kBase) + "classify: {method: manual, breaks: [0, '1,5', 3]}\n"),
            path +
                ":4: classify.breaks must be a list of numbers (got '1,5': a decimal comma? write 1.5 "
                "(covermap reads a point as the decimal mark))");
  EXPECT_EQ(error_of(dir, std::string(kBase) + "font: [Noto]\n"), path + ":4: font must be a single value");
  EXPECT_EQ(error_of(dir, std::string(kBase) + "page: {dpi: .inf}\n"),
            path + ":4: dpi must be a number (got '.inf')");
}

TEST(MapFileInput, BoundariesCrsIsRead) {
  TempDir dir;
  const styles::MapSpec spec = load_map_file(dir.write(
      "crs.yaml",
      "boundaries: {source: units.shp, crs: 'EPSG:4547'}\ndata: {source: a.csv, key: k}\nvalue: v\n"));
  EXPECT_EQ(spec.boundaries.crs, "EPSG:4547");
}

}  // namespace
}  // namespace covermap::app
