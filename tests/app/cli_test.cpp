// The CLI as a user meets it: real built-in boundaries, a small CSV, the documented exit codes and messages.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>

#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::run_cli;
using test::run_shell;
using test::TempDir;

constexpr const char* kMap = R"(title: "Early childhood development, 2023"
subtitle: "Provinces with ECD services"
source: "covermap tests"
boundaries: {source: "builtin:china-provinces"}
data: {source: ecd.csv, key: Province}
value: "ECD programme"
classify: {method: categorical}
palette: Set2
labels: {field: name_zh, size_pt: 6}
page: {width_mm: 120, height_mm: 100, dpi: 300}
)";

// Keys in three spellings: adcode, Chinese short name, English name with suffix.
constexpr const char* kCsv =
    "Province,ECD programme\n440000,Integrated\n四川,Integrated\nYunnan Province,Parenting\n新疆,Parenting\n";

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    map_ = dir_.write("map.yaml", kMap);
    dir_.write("ecd.csv", kCsv);
  }
  TempDir dir_;
  std::string map_;
};

TEST_F(Cli, RendersAPdfWithTitleAndChineseNames) {
  const std::string pdf = dir_.file("ecd.pdf");
  const auto result = run_cli("render '" + map_ + "' -o '" + pdf + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto text = run_shell("pdftotext -enc UTF-8 '" + pdf + "' -");
  EXPECT_NE(text.out.find("Early childhood development, 2023"), std::string::npos);
  EXPECT_NE(text.out.find("四川省"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("Integrated"), std::string::npos) << "legend entries";
  EXPECT_NE(text.out.find("No data"), std::string::npos) << "units without data are explained";
  const auto info = run_shell("pdfinfo '" + pdf + "'");
  EXPECT_NE(info.out.find("340.157 x 283.465 pts"), std::string::npos) << info.out;  // 120 x 100 mm
}

TEST_F(Cli, LegendPrintsCountsPercentagesAndBothTitles) {
  dir_.write("share.csv", "Province,Share\n440000,12.5%\n四川,40%\nYunnan Province,75%\n新疆,80%\n");
  const std::string map = dir_.write("share.yaml",
                                     "boundaries: {source: \"builtin:china-provinces\"}\n"
                                     "data: {source: share.csv, key: Province}\nvalue: Share\n"
                                     "classify: {method: manual, breaks: [0, 50, 100]}\n"
                                     "legend: {title: 覆盖率, title_en: Coverage, counts: true}\n");
  const std::string pdf = dir_.file("share.pdf");
  const auto result = run_cli("render '" + map + "' -o '" + pdf + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto text = run_shell("pdftotext -enc UTF-8 '" + pdf + "' -");
  // The second title line sits under the first, above the classes.
  const auto first = text.out.find("覆盖率");
  const auto second = text.out.find("Coverage");
  ASSERT_NE(first, std::string::npos) << text.out;
  ASSERT_NE(second, std::string::npos) << text.out;
  EXPECT_LT(first, second);
  EXPECT_LT(second, text.out.find("0% \u2013 50%"));
  EXPECT_NE(text.out.find("0% \u2013 50% (2)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("50% \u2013 100% (2)"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("No data (30)"), std::string::npos) << text.out;
}

TEST_F(Cli, PngHasThePageSizeTimesDpi) {
  const std::string png = dir_.file("ecd.png");
  const auto result = run_cli("render '" + map_ + "' -o '" + png + "' --dpi 100");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::string bytes = read_file(png);
  ASSERT_GT(bytes.size(), 24u);
  auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(bytes[at]) << 24) | (static_cast<unsigned char>(bytes[at + 1]) << 16) |
           (static_cast<unsigned char>(bytes[at + 2]) << 8) | static_cast<unsigned char>(bytes[at + 3]);
  };
  EXPECT_EQ(be32(16), 472u);  // 120 mm at 100 dpi
  EXPECT_EQ(be32(20), 394u);  // 100 mm
}

TEST_F(Cli, SameInputsGiveTheSameBytesInEveryFormat) {
  for (const char* extension : {".pdf", ".svg", ".png"}) {
    const std::string a = dir_.file(std::string("a") + extension),
                      b = dir_.file(std::string("b") + extension);
    ASSERT_EQ(run_cli("render '" + map_ + "' -o '" + a + "' --dpi 72").exit_code, 0);
    ASSERT_EQ(run_cli("render '" + map_ + "' -o '" + b + "' --dpi 72").exit_code, 0);
    EXPECT_TRUE(read_file(a) == read_file(b)) << extension << " output differs between two identical runs";
  }
  const std::string svg = read_file(dir_.file("a.svg"));
  EXPECT_EQ(svg.find("<image"), std::string::npos) << "SVG must stay vector";
}

TEST_F(Cli, ZoomedExtentCarriesOnlyWhatIsInTheFrame) {
  const std::string full = dir_.file("full.pdf"), zoomed = dir_.file("zoomed.pdf");
  ASSERT_EQ(run_cli("render '" + map_ + "' -o '" + full + "'").exit_code, 0);
  // Around Beijing: most provinces lie wholly outside and must not weigh the PDF down.
  const std::string zoom_map = dir_.write("zoom.yaml", std::string(kMap) + "extent: [114, 38, 119, 42]\n");
  const auto result = run_cli("render '" + zoom_map + "' -o '" + zoomed + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_LT(fs::file_size(zoomed), fs::file_size(full)) << "parts outside the frame must not be written";
  const auto text = run_shell("pdftotext -enc UTF-8 '" + zoomed + "' -");
  EXPECT_NE(text.out.find("北京市"), std::string::npos);
  EXPECT_EQ(text.out.find("新疆维吾尔自治区"), std::string::npos) << "Xinjiang is far outside the frame";
}

TEST_F(Cli, JoinReportHasTheContractFields) {
  const std::string report_path = dir_.file("join.json");
  const auto result = run_cli("join '" + map_ + "' --report '" + report_path + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto report = nlohmann::json::parse(read_file(report_path));
  EXPECT_EQ(report["boundaries"]["source"], "builtin:china-provinces");
  EXPECT_EQ(report["boundaries"]["units"], 34);
  EXPECT_EQ(report["data"]["rows"], 4);
  ASSERT_EQ(report["matched"].size(), 4u);
  EXPECT_EQ(report["matched"][0]["how"], "code");
  EXPECT_EQ(report["matched"][0]["name"], "广东省");
  EXPECT_EQ(report["matched"][2]["id"], "530000");
  EXPECT_EQ(report["matched"][2]["how"], "name");
  EXPECT_EQ(report["units_without_data"].size(), 30u);
  EXPECT_TRUE(report["unmatched"].empty());
}

TEST_F(Cli, UnmatchedRowsFailTheRenderUnlessAllowed) {
  dir_.write("ecd.csv", std::string(kCsv) + "Atlantis Province,Integrated\n");
  const std::string pdf = dir_.file("ecd.pdf");
  const auto refused = run_cli("render '" + map_ + "' -o '" + pdf + "'");
  EXPECT_EQ(refused.exit_code, 2);
  // One line: how many rows, and where the report listing them is.
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  EXPECT_NE(refused.err.find("ecd.csv: 1 row did not join (1 unmatched, 0 ambiguous)"), std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("listed in " + pdf + ".join.json"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(pdf));
  const auto listed = nlohmann::json::parse(read_file(pdf + ".join.json"));
  ASSERT_EQ(listed["unmatched"].size(), 1u);
  EXPECT_EQ(listed["unmatched"][0]["input"], "Atlantis Province");
  const auto allowed = run_cli("render '" + map_ + "' -o '" + pdf + "' --allow-unmatched");
  EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
  EXPECT_TRUE(fs::exists(pdf));
  const std::string report_path = dir_.file("join.json");
  const auto join = run_cli("join '" + map_ + "' --report '" + report_path + "'");
  EXPECT_EQ(join.exit_code, 2);
  // The table names the row, the input and the problem.
  EXPECT_NE(join.out.find("row  input"), std::string::npos) << join.out;
  EXPECT_NE(join.out.find("5    Atlantis Province  unmatched"), std::string::npos) << join.out;
  const auto report = nlohmann::json::parse(read_file(report_path));
  ASSERT_EQ(report["unmatched"].size(), 1u);
  EXPECT_EQ(report["unmatched"][0]["row"], 5);
}

TEST_F(Cli, BadMapGivesOneLineExit2AndNoOutput) {
  const std::string bad = dir_.write("bad.yaml", "title: [unclosed\n");
  const std::string pdf = dir_.file("bad.pdf");
  const auto result = run_cli("render '" + bad + "' -o '" + pdf + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err.rfind("error: " + bad + ":", 0), 0u) << result.err;
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_FALSE(fs::exists(pdf));
}

TEST_F(Cli, UnknownColumnAndMissingFileAreNamed) {
  dir_.write("column.yaml",
             std::string(kMap).replace(std::string(kMap).find("key: Province"), 13, "key: Provence"));
  auto result = run_cli("render '" + dir_.file("column.yaml") + "' -o '" + dir_.file("x.pdf") + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("ecd.csv: no column 'Provence'"), std::string::npos) << result.err;

  fs::remove(dir_.file("ecd.csv"));
  result = run_cli("render '" + map_ + "' -o '" + dir_.file("x.pdf") + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("ecd.csv: no such file"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(dir_.file("x.pdf")));
}

TEST_F(Cli, FailedRenderKeepsTheEarlierFigure) {
  const std::string pdf = dir_.write("ecd.pdf", "earlier figure");
  dir_.write("ecd.csv", "Province,Other\n四川,1\n");
  const auto result = run_cli("render '" + map_ + "' -o '" + pdf + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(read_file(pdf), "earlier figure");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_.path()), fs::directory_iterator()), 3)
      << "no temp files left";
}

TEST_F(Cli, UsageErrorsExit1) {
  EXPECT_EQ(run_cli("render").exit_code, 1);
  EXPECT_EQ(run_cli("no-such-verb").exit_code, 1);
  const auto version = run_cli("--version");
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_NE(version.out.find("covermap"), std::string::npos);
}

TEST_F(Cli, BoundariesListAndExport) {
  const auto list = run_cli("boundaries list");
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_NE(list.out.find("builtin:china-provinces"), std::string::npos);
  EXPECT_NE(list.out.find("builtin:world-countries"), std::string::npos);
  const std::string gpkg = dir_.file("provinces.gpkg");
  const auto exported = run_cli("boundaries export builtin:china-provinces -o '" + gpkg + "'");
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const auto info = run_shell("ogrinfo -so -al '" + gpkg + "'");
  EXPECT_NE(info.out.find("Feature Count: 34"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("name_zh"), std::string::npos);
  EXPECT_EQ(run_cli("boundaries export builtin:atlantis -o '" + dir_.file("a.gpkg") + "'").exit_code, 2);
}

// County rows on the province layer (data.aggregate), names narrowed by prefecture (boundaries.parents).
TEST(CliAggregate, CountyRowsRenderOnProvinces) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  TempDir dir;
  dir.write("counties.csv",
            "county,city,reached\n三穗县,,10\n凯里市,,5\n鼓楼区,南京市,7\n鼓楼区,徐州,1\n城关区,,2\n");
  const std::string map =
      dir.write("agg.yaml", "boundaries: {source: '" + gpkg +
                                "', layer: province, parents: prefecture}\n"
                                "data: {source: counties.csv, key: county, parent: city, "
                                "aggregate: sum, counties: county}\n"
                                "value: reached\nclassify: {method: quantile, classes: 2}\n");
  const std::string report_path = dir.file("join.json");
  const auto join = run_cli("join '" + map + "' --report '" + report_path + "'");
  EXPECT_EQ(join.exit_code, 2) << "城关区 is in Tibet and in Gansu";
  EXPECT_NE(join.out.find("540000 西藏自治区, 620000 甘肃省"), std::string::npos) << join.out;
  const auto report = nlohmann::json::parse(read_file(report_path));
  ASSERT_EQ(report["matched"].size(), 4u);
  EXPECT_EQ(report["matched"][2]["id"], "320000");
  EXPECT_EQ(report["units_without_data"].size(), 32u);
  const std::string png = dir.file("agg.png");
  const auto refused = run_cli("render '" + map + "' -o '" + png + "'");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_FALSE(fs::exists(png));
  const auto rendered = run_cli("render '" + map + "' -o '" + png + "' --allow-unmatched --dpi 60");
  EXPECT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_TRUE(fs::exists(png));
}

// Point rows: assigned to the province containing them (data.lon/lat), and drawn as labelled circles
// (points:).
TEST(CliPoints, PointsJoinAndDrawAsLabelledCircles) {
  TempDir dir;
  dir.write("cities.csv",
            "city,lon,lat,children\n北京,116.40,39.91,1200\n乌鲁木齐,87.62,43.82,150\n拉萨,91.11,29.65,60\n");
  const std::string base =
      "boundaries: builtin:china-provinces\n"
      "data: {source: cities.csv, key: city, lon: lon, lat: lat, aggregate: count}\n"
      "value: children\nclassify: {method: categorical}\n";
  const std::string plain = dir.write("plain.yaml", base);
  const std::string with_points =
      dir.write("points.yaml", base + "points: {lon: lon, lat: lat, size: children, label: city}\n");
  const std::string report_path = dir.file("join.json");
  ASSERT_EQ(run_cli("join '" + plain + "' --report '" + report_path + "'").exit_code, 0);
  const auto report = nlohmann::json::parse(read_file(report_path));
  ASSERT_EQ(report["matched"].size(), 3u);
  EXPECT_EQ(report["matched"][1]["id"], "650000") << "Urumqi is in Xinjiang";
  EXPECT_EQ(report["matched"][1]["how"], "point");

  const std::string plain_pdf = dir.file("plain.pdf"), points_pdf = dir.file("points.pdf");
  ASSERT_EQ(run_cli("render '" + plain + "' -o '" + plain_pdf + "'").exit_code, 0);
  const auto rendered = run_cli("render '" + with_points + "' -o '" + points_pdf + "'");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.err;
  EXPECT_EQ(run_shell("pdftotext -enc UTF-8 '" + plain_pdf + "' -").out.find("乌鲁木齐"), std::string::npos);
  EXPECT_NE(run_shell("pdftotext -enc UTF-8 '" + points_pdf + "' -").out.find("乌鲁木齐"), std::string::npos)
      << "the points layer labels its circles";

  dir.write("cities.csv", "city,lon,lat,children\n北京,east,39.91,1\n");
  const auto bad = run_cli("render '" + with_points + "' -o '" + points_pdf + "' --allow-unmatched");
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("cities.csv:1"), std::string::npos) << bad.err;
}
}  // namespace
}  // namespace covermap::app
