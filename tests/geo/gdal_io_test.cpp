#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

using test::TempDir;

TEST(ReadTable, CsvCellsStayTextAndRowsCountAfterTheHeader) {
  TempDir dir;
  // A spreadsheet export: byte-order mark, a code with leading zeros, a number, an empty cell.
  const std::string path =
      dir.write("data.csv", "\xEF\xBB\xBFProvince,code,value\n广东省,007,12.50\n北京市,110000,\n");
  const Table table = read_table(path);
  ASSERT_EQ(table.columns, (std::vector<std::string>{"Province", "code", "value"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0][0], "广东省");
  EXPECT_EQ(table.rows[0][1], "007") << "codes must not be turned into numbers";
  EXPECT_EQ(table.rows[0][2], "12.50");
  EXPECT_EQ(table.rows[1][2], "");
  EXPECT_EQ(table.column_index(" province "), 0) << "columns match ignoring case and spaces";
  EXPECT_EQ(table.column_index("missing"), -1);
}

TEST(ReadTable, NumericLookingHeaderIsStillTheHeader) {
  TempDir dir;
  const std::string path = dir.write("years.csv", "2022,2023\n1,2\n");
  const Table table = read_table(path);
  EXPECT_EQ(table.columns, (std::vector<std::string>{"2022", "2023"}));
  EXPECT_EQ(table.rows.size(), 1u);
}

TEST(ReadTable, MissingFileNamesTheFile) {
  try {
    read_table("/no/such/coverage.csv");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("/no/such/coverage.csv"), std::string::npos);
  }
}

TEST(ReadTable, UnknownSheetListsTheSheets) {
  TempDir dir;
  const std::string path = dir.write("data.csv", "a,b\n1,2\n");
  try {
    read_table(path, {"Sheet9", ""});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Sheet9"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("it has: data"), std::string::npos);
  }
}

TEST(ReadTable, OneColumnListOfProvincesIsATable) {
  TempDir dir;
  // What a user writes for "pilots in named provinces": a header and one name a line, CRLF from Excel.
  const std::string path = dir.write("pilots.csv", "\xEF\xBB\xBFProvince\r\n\"Guangdong\"\r\n四川\r\n\r\n");
  const Table table = read_table(path);
  EXPECT_EQ(table.columns, (std::vector<std::string>{"Province"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0][0], "Guangdong");
  EXPECT_EQ(table.rows[1][0], "四川");
}

TEST(ReadTable, XlsxSheetOfTextKeepsItsHeaderRow) {
  TempDir dir;
  const std::string csv = dir.write("in.csv", "Province,Value\n广东省,12\n四川,7.5\n");
  const std::string xlsx = dir.file("coverage.xlsx");
  const auto made = test::run_shell("ogr2ogr -f XLSX '" + xlsx + "' '" + csv + "' -nln Coverage");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const Table table = read_table(xlsx, {"Coverage", ""});
  EXPECT_EQ(table.columns, (std::vector<std::string>{"Province", "Value"}));
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[1][0], "四川");
  EXPECT_EQ(table.rows[1][1], "7.5");
}

TEST(ReadTable, GbkTextIsRecodedToUtf8) {
  TempDir dir;
  // "广东省" in GBK, as Chinese spreadsheets and shapefiles often store it.
  const std::string path = dir.write("gbk.csv", "name,value\n\xB9\xE3\xB6\xAB\xCA\xA1,1\n");
  const Table table = read_table(path, {"", "GBK"});
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0][0], "广东省");
}

TEST(ReadTable, GbkIsDetectedWhenTheBytesAreNotUtf8) {
  TempDir dir;
  // Header 省份 and cell 广东省 in GBK, no encoding named: a GBK export from a Chinese Excel.
  const std::string path = dir.write("gbk.csv", "\xCA\xA1\xB7\xDD,value\n\xB9\xE3\xB6\xAB\xCA\xA1,1\n");
  const Table table = read_table(path);
  EXPECT_EQ(table.columns, (std::vector<std::string>{"省份", "value"}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0][0], "广东省");
  EXPECT_EQ(table.column_index("省份"), 0);
}

TEST(PolygonLayer, RoundTripsThroughGeoPackage) {
  TempDir dir;
  FeatureLayer layer;
  layer.layer = "units";
  layer.fields = {"id", "name"};
  layer.features.push_back({{"1", "正方形"}, {{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}, {}}}});
  const std::string path = dir.file("units.gpkg");
  write_geopackage(path, layer);
  const FeatureLayer read = read_polygon_layer(path);
  EXPECT_EQ(read.layer, "units");
  EXPECT_EQ(read.fields, layer.fields);
  ASSERT_EQ(read.features.size(), 1u);
  EXPECT_EQ(read.features[0].values[1], "正方形");
  EXPECT_DOUBLE_EQ(area(read.features[0].geometry), 1.0);
}

TEST(PolygonLayer, RealCountiesReadInWgs84) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  const FeatureLayer counties = read_polygon_layer(gpkg, {"county", ""});
  EXPECT_EQ(counties.features.size(), 2884u);
  Box box;
  std::size_t vertices = 0;
  for (const auto& feature : counties.features) {
    box.expand(bounds(feature.geometry));
    vertices += vertex_count(feature.geometry);
  }
  EXPECT_GT(vertices, 1'500'000u);
  EXPECT_NEAR(box.min_x, 73.5, 1.0);   // Xinjiang's western tip
  EXPECT_NEAR(box.max_x, 135.1, 1.0);  // Heilongjiang's eastern tip
}

}  // namespace
}  // namespace covermap::geo
