// The bad-input catalogue, data tables: each case through the CLI, refused with one error line naming the
// file, row or column and what to do, exit 2 and no figure, or read right when it can be (BOM, GBK).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMap =
    "boundaries: builtin:china-provinces\n"
    "data: {source: data.csv, key: Province}\n"
    "value: Coverage\n"
    "classify: {method: quantile, classes: 2}\n";

class BadData : public ::testing::Test {
 protected:
  void SetUp() override { map_ = dir_.write("map.yaml", kMap); }

  // Renders with `csv` as the data; the command's result.
  CommandResult render(const std::string& csv) {
    data_ = dir_.write("data.csv", csv);
    return run_cli("render '" + map_ + "' -o '" + pdf() + "'");
  }
  // Refused: exit 2, one error line starting "error: <data.csv><rest>", and no figure.
  void expect_refused(const std::string& csv, const std::string& rest) {
    const auto result = render(csv);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(error_line(result).rfind("error: " + data_ + rest, 0), 0u) << error_line(result);
    EXPECT_FALSE(fs::exists(pdf()));
  }
  std::string pdf() const { return dir_.file("out.pdf"); }

  TempDir dir_;
  std::string map_, data_;
};

TEST_F(BadData, ABomAndGbkAreReadRight) {
  auto result = render("\xEF\xBB\xBFProvince,Coverage\n广东,1\n四川,2\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  fs::remove(pdf());
  // 广东 and 四川 in GBK, no encoding named: read as GB18030.
  result = render("Province,Coverage\n\xB9\xE3\xB6\xAB,1\n\xCB\xC4\xB4\xA8,2\n");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::exists(pdf()));
}

TEST_F(BadData, BytesNeitherUtf8NorGbkAreRefusedWithRowAndColumn) {
  expect_refused("Province,Coverage\n广东,1\n\xFF\xFE,2\n",
                 ":2: column 'Province': text is neither UTF-8 nor GB18030");
}

TEST_F(BadData, ARaggedRowIsRefused) {
  expect_refused("Province,Coverage\n广东,1\n四川,1,5\n", ":2: 3 cells where the header has 2");
}

TEST_F(BadData, BrokenQuotingIsRefusedWhereTheQuoteOpens) {
  expect_refused("Province,Coverage\n广东,1\n\"四川,2\n云南,3\n",
                 ":2: a quote opens here and is never closed");
}

TEST_F(BadData, ADuplicatedHeaderIsRefusedWhenTheMapUsesIt) {
  expect_refused("Province,Coverage,Coverage\n广东,1,2\n",
                 ": columns 2 and 3 are both named 'Coverage' (value) (rename one of them in the header)");
}

TEST_F(BadData, AnEmptyFileOrAHeaderOnlyIsRefused) {
  expect_refused("", ": is empty");
  expect_refused("Province,Coverage\n", ": has a header but no rows");
}

TEST_F(BadData, TextInANumericColumnIsRefusedWithRowAndColumn) {
  expect_refused(
      "Province,Coverage\n广东,1\n四川,many\n",
      ":2: column 'Coverage': 'many' is not a number (classify.method: categorical treats values as "
      "categories)");
  expect_refused("Province,Coverage\n广东,1\n四川,\"1,5\"\n",
                 ":2: column 'Coverage': '1,5' is not a number (a decimal comma? write 1.5");
}

// Renders a map whose points: layer is `csv` (cities.csv in `dir`).
CommandResult render_points(const TempDir& dir, const std::string& csv) {
  dir.write("cities.csv", csv);
  const std::string map =
      dir.write("map.yaml",
                "boundaries: builtin:china-provinces\ndata: {source: cities.csv, key: city}\n"
                "value: city\nclassify: {method: categorical}\npoints: {lon: lon, lat: lat}\n");
  return run_cli("render '" + map + "' -o '" + dir.file("out.pdf") + "' --allow-unmatched");
}

// The points: layer read "116,40" as 11640 and drew the point off the map.
TEST(BadPoints, ADecimalCommaInACoordinateIsRefused) {
  TempDir dir;
  const std::string csv = dir.file("cities.csv");
  const auto result = render_points(dir, "city,lon,lat\n北京,\"116,40\",39.9\n");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(error_line(result).rfind("error: " + csv +
                                         ":1: column 'lon': '116,40' is not a number (a decimal comma? "
                                         "write 116.40",
                                     0),
            0u)
      << error_line(result);
  EXPECT_FALSE(fs::exists(dir.file("out.pdf")));
}

TEST(BadPoints, ALatitudePastThePoleSuggestsSwappedColumns) {
  TempDir dir;
  const std::string csv = dir.file("cities.csv");
  const auto result = render_points(dir, "city,lon,lat\n北京,39.9,116.4\n");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(error_line(result),
            "error: " + csv +
                ":1: column 'lat': 116.4 is not a latitude (-90 to 90) (lon/lat swapped? points.lon is "
                "'lon', points.lat is 'lat')");
}

// Points joined by their coordinates (data.lon/lat) with the columns the wrong way round fall in no unit.
TEST(BadPoints, SwappedColumnsAreNamedInTheReportAndTheError) {
  TempDir dir;
  dir.write("cities.csv", "city,lon,lat,children\n北京,39.91,116.40,1200\n拉萨,29.65,91.11,60\n");
  const std::string map =
      dir.write("map.yaml",
                "boundaries: builtin:china-provinces\n"
                "data: {source: cities.csv, key: city, lon: lon, lat: lat, aggregate: count}\n"
                "value: children\nclassify: {method: categorical}\n");
  const std::string report_path = dir.file("join.json");
  const auto join = run_cli("join '" + map + "' --report '" + report_path + "'");
  EXPECT_EQ(join.exit_code, 2);
  const auto report = nlohmann::json::parse(read_file(report_path));
  ASSERT_EQ(report["unmatched"].size(), 2u);
  EXPECT_NE(report["unmatched"][0]["note"].get<std::string>().find("lon/lat swapped?"), std::string::npos)
      << report.dump(2);
  const auto rendered = run_cli("render '" + map + "' -o '" + dir.file("out.pdf") + "'");
  EXPECT_EQ(rendered.exit_code, 2);
  EXPECT_NE(error_line(rendered).find("lon/lat swapped? 2 of them fall in a unit with data.lon and data.lat "
                                      "exchanged"),
            std::string::npos)
      << error_line(rendered);
}

}  // namespace
}  // namespace covermap::test
