// `covermap build`: what is rebuilt, what is left alone, and what the user is told.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "tests/app/build_project.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

const char* const kProject = R"yaml(maps:
  - map: reached.yaml
    outputs: [out/reached.pdf, out/reached.png]
    tiles: {output: out/reached.pmtiles, zoom: 0-4}
  - map: ecd.yaml
    outputs: [out/ecd.svg]
)yaml";

nlohmann::json report_of(const BuildProject& project) {
  return nlohmann::json::parse(read_file(project.file("report.json")));
}

// The report's entry for the output whose path ends with `name`.
nlohmann::json entry_for(const nlohmann::json& report, const std::string& name) {
  for (const auto& entry : report.at("outputs")) {
    const std::string path = entry.at("path");
    if (path.size() >= name.size() && path.compare(path.size() - name.size(), name.size(), name) == 0)
      return entry;
  }
  return {};
}

std::map<std::string, fs::file_time_type> times_of(const BuildProject& project) {
  std::map<std::string, fs::file_time_type> times;
  for (const auto& [name, bytes] : project.outputs())
    times[name] = fs::last_write_time(project.file("out/" + name));
  return times;
}

TEST(BuildCli, BuildsEveryOutputOnceThenLeavesThemUntouched) {
  BuildProject project(kProject);
  const auto first = project.build("--report '" + project.file("report.json") + "'");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  nlohmann::json report = report_of(project);
  ASSERT_EQ(report.at("outputs").size(), 4u);
  for (const auto& entry : report.at("outputs")) {
    EXPECT_EQ(entry.at("status"), "rendered") << entry;
    EXPECT_EQ(entry.at("reason"), "not built before");
    EXPECT_GT(entry.at("seconds").get<double>(), 0);
  }
  const nlohmann::json tiles = entry_for(report, "reached.pmtiles");
  EXPECT_GT(tiles.at("tiles_total"), 5);
  EXPECT_EQ(tiles.at("tiles_rendered"), tiles.at("tiles_total"));
  EXPECT_NE(first.out.find("build: 4 rendered, 0 up-to-date, 0 failed"), std::string::npos) << first.out;
  ASSERT_TRUE(fs::exists(project.state_file()));

  const auto bytes = project.outputs();
  const auto times = times_of(project);
  const auto again = project.build("--report '" + project.file("report.json") + "'");
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("build: 0 rendered, 4 up-to-date, 0 failed"), std::string::npos) << again.out;
  report = report_of(project);  // kept: a loop over a temporary's member would read freed memory
  for (const auto& entry : report.at("outputs")) {
    EXPECT_EQ(entry.at("status"), "up-to-date") << entry;
    EXPECT_EQ(entry.at("tiles_rendered"), 0);
  }
  EXPECT_TRUE(project.outputs() == bytes);
  EXPECT_TRUE(times_of(project) == times) << "an up-to-date output is not touched";
}

// The atlas's kinds of map: a base map (no data table) with a points layer and the South China Sea inset,
// whose land comes from GSHHG when gmt-gshhg-full is installed.
TEST(BuildCli, ABaseMapWithPointsAndAnInsetBuildsAndIsUpToDateUntilItsPointsChange) {
  BuildProject project("maps:\n  - map: base.yaml\n    outputs: [out/base.png]\n");
  project.dir().write("places.csv", "place,lon,lat\nBeijing,116.40,39.90\n");
  project.dir().write("base.yaml", R"yaml(title: "Places"
boundaries: {source: "builtin:china-provinces"}
points: {source: places.csv, lon: lon, lat: lat, label: place}
inset: south-china-sea
page: {width_mm: 90, height_mm: 75, dpi: 72}
)yaml");
  const auto first = project.build();
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("build: 1 rendered, 0 up-to-date, 0 failed"), std::string::npos) << first.out;
  const auto again = project.build();
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("build: 0 rendered, 1 up-to-date, 0 failed"), std::string::npos) << again.out;

  project.dir().write("places.csv", "place,lon,lat\nBeijing,116.40,39.90\nChengdu,104.07,30.67\n");
  const auto moved = project.build();
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_NE(moved.out.find("points places.csv changed"), std::string::npos) << moved.out;
}

TEST(BuildCli, AChangedTableRebuildsOnlyItsOutputsAndSaysWhyDryRunFirst) {
  BuildProject project(kProject);
  ASSERT_EQ(project.build().exit_code, 0);
  project.set_reached("110000", 45000);  // Beijing: 12,400 -> 45,000, class 1 -> 3, the breaks stay
  const std::string state = read_file(project.state_file());
  const auto bytes = project.outputs();
  const auto times = times_of(project);

  const auto dry = project.build("--dry-run");
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_NE(
      dry.out.find("would render   " + project.file("out/reached.pdf") + "  (data reached.csv changed)"),
      std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("would update   " + project.file("out/reached.pmtiles")), std::string::npos)
      << dry.out;
  EXPECT_NE(dry.out.find("up-to-date     " + project.file("out/ecd.svg")), std::string::npos) << dry.out;
  EXPECT_EQ(read_file(project.state_file()), state) << "a dry run writes nothing";
  EXPECT_TRUE(project.outputs() == bytes);
  EXPECT_TRUE(times_of(project) == times);

  const auto build = project.build("--report '" + project.file("report.json") + "'");
  ASSERT_EQ(build.exit_code, 0) << build.out << build.err;
  const nlohmann::json report = report_of(project);
  EXPECT_EQ(entry_for(report, "reached.pdf").at("reason"), "data reached.csv changed");
  EXPECT_EQ(entry_for(report, "ecd.svg").at("status"), "up-to-date");
  const nlohmann::json tiles = entry_for(report, "reached.pmtiles");
  EXPECT_EQ(tiles.at("status"), "rendered");
  EXPECT_EQ(tiles.at("reason"), "data reached.csv changed: 1 unit recoloured");
  EXPECT_GT(tiles.at("tiles_rendered"), 4) << "Beijing's tile at each zoom";
  EXPECT_LT(tiles.at("tiles_rendered"), tiles.at("tiles_total"));
  EXPECT_EQ(fs::last_write_time(project.file("out/ecd.svg")), times.at("ecd.svg"));
  EXPECT_NE(read_file(project.file("out/reached.pdf")), bytes.at("reached.pdf"));
}

// The update of each kind of tile output gives the bytes `covermap tiles` gives for the new data.
class BuildTiles : public ::testing::TestWithParam<std::string> {};

TEST_P(BuildTiles, AnUpdateIsByteIdenticalToAFreshRunOfTheNewData) {
  const std::string name = GetParam();
  BuildProject project("maps:\n  - map: reached.yaml\n    tiles: {output: out/" + name + ", zoom: 0-5}\n");
  ASSERT_EQ(project.build().exit_code, 0);
  project.set_reached("110000", 90000);  // Beijing: 12,400 -> 90,000, class 1 -> 4
  project.set_reached("310000", 70000);  // Shanghai: 9,700 -> 70,000, class 1 -> 4
  const auto build = project.build("--report '" + project.file("report.json") + "'");
  ASSERT_EQ(build.exit_code, 0) << build.out << build.err;
  const nlohmann::json tiles = report_of(project).at("outputs").at(0);
  EXPECT_EQ(tiles.at("reason"), "data reached.csv changed: 2 units recoloured");
  EXPECT_LT(tiles.at("tiles_rendered"), tiles.at("tiles_total").get<int>() / 2);

  // The fresh run's map file sits as far from its output as the project's (the TileJSON names it by a
  // relative path).
  fs::create_directories(project.file("fresh/out"));
  for (const char* input : {"reached.yaml", "reached.csv"})
    fs::copy_file(project.file(input), project.file(std::string("fresh/") + input));
  const std::string fresh = project.file("fresh/out/" + name);
  const auto run =
      run_cli("tiles '" + project.file("fresh/reached.yaml") + "' -o '" + fresh + "' --zoom 0-5");
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const std::string built = project.file("out/" + name);
  if (fs::is_directory(built)) {
    for (const auto& entry : fs::recursive_directory_iterator(fresh)) {
      if (!entry.is_regular_file()) continue;
      const std::string relative = fs::relative(entry.path(), fresh).string();
      EXPECT_EQ(read_file(built + "/" + relative), read_file(entry.path().string())) << relative;
    }
    EXPECT_EQ(project.outputs().size(),
              std::distance(fs::recursive_directory_iterator(fresh), fs::recursive_directory_iterator()) -
                  std::count_if(fs::recursive_directory_iterator(fresh), fs::recursive_directory_iterator(),
                                [](const auto& e) { return e.is_directory(); }));
  } else {
    EXPECT_TRUE(read_file(built) == read_file(fresh)) << "the archive";
    EXPECT_EQ(read_file(built + ".json"), read_file(fresh + ".json")) << "its TileJSON";
  }
}

INSTANTIATE_TEST_SUITE_P(EachOutput, BuildTiles,
                         ::testing::Values("web", "reached.mbtiles", "reached.pmtiles"),
                         [](const auto& info) {
                           return info.param == "web" ? std::string("folder") : info.param.substr(8);
                         });

TEST(BuildCli, MovedBreaksAndAChangedStyleRedrawEveryTileAndSaySo) {
  BuildProject project("maps:\n  - map: reached.yaml\n    tiles: {output: out/reached.pmtiles, zoom: 0-3}\n");
  ASSERT_EQ(project.build().exit_code, 0);
  const std::string map = read_file(project.file("reached.yaml"));
  project.dir().write("reached.yaml", std::regex_replace(map, std::regex("40000, 60000"), "45000, 60000"));
  const std::string report = " --report '" + project.file("report.json") + "'";
  ASSERT_EQ(project.build(report).exit_code, 0);
  nlohmann::json tiles = report_of(project).at("outputs").at(0);
  EXPECT_EQ(tiles.at("reason"), "map reached.yaml changed; the class breaks moved: every tile redrawn");
  EXPECT_EQ(tiles.at("tiles_rendered"), tiles.at("tiles_total"));

  project.dir().write("reached.yaml", std::regex_replace(read_file(project.file("reached.yaml")),
                                                         std::regex("width_pt: 0.3"), "width_pt: 0.5"));
  ASSERT_EQ(project.build(report).exit_code, 0);
  tiles = report_of(project).at("outputs").at(0);
  EXPECT_EQ(tiles.at("reason"), "map reached.yaml and style changed: every tile redrawn");
  EXPECT_EQ(tiles.at("tiles_rendered"), tiles.at("tiles_total"));

  // The boundaries as the map reads them (here the id field; the layer or the CRS alike) are the boundaries.
  project.dir().write("reached.yaml", std::regex_replace(read_file(project.file("reached.yaml")),
                                                         std::regex(R"(source: "builtin:china-provinces")"),
                                                         R"(source: "builtin:china-provinces", id: iso)"));
  ASSERT_EQ(project.build(report).exit_code, 0);
  tiles = report_of(project).at("outputs").at(0);
  EXPECT_EQ(tiles.at("reason"),
            "boundaries builtin:china-provinces and map reached.yaml changed: every tile redrawn");
  EXPECT_EQ(tiles.at("tiles_rendered"), tiles.at("tiles_total"));

  // Another zoom range is another pyramid.
  project.dir().write("project.yaml",
                      std::regex_replace(read_file(project.project()), std::regex("0-3"), "1-3"));
  ASSERT_EQ(project.build(report).exit_code, 0);
  tiles = report_of(project).at("outputs").at(0);
  EXPECT_EQ(tiles.at("reason"), "tile settings changed: every tile redrawn");
  EXPECT_EQ(tiles.at("tiles_rendered"), tiles.at("tiles_total"));

  // A comment and a reordering of keys change no parsed content.
  project.dir().write("reached.yaml", "# regenerated nightly\n" + read_file(project.file("reached.yaml")));
  const auto quiet = project.build(report);
  EXPECT_EQ(report_of(project).at("outputs").at(0).at("status"), "up-to-date") << quiet.out;
}

TEST(BuildCli, AFailingOutputFailsWithItsErrorAndTheOthersStillBuild) {
  BuildProject project(kProject);
  project.dir().write("ecd.csv", read_file(project.file("ecd.csv")) + "Atlantis,Parenting support\n");
  const auto build = project.build("--report '" + project.file("report.json") + "'");
  EXPECT_EQ(build.exit_code, 2);
  const nlohmann::json report = report_of(project);
  const nlohmann::json failed = entry_for(report, "ecd.svg");
  EXPECT_EQ(failed.at("status"), "failed");
  EXPECT_NE(failed.at("reason").get<std::string>().find("unmatched"), std::string::npos) << failed;
  EXPECT_EQ(entry_for(report, "reached.pdf").at("status"), "rendered");
  EXPECT_EQ(entry_for(report, "reached.pmtiles").at("status"), "rendered");
  EXPECT_FALSE(fs::exists(project.file("out/ecd.svg")));
  EXPECT_NE(build.out.find("failed     " + project.file("out/ecd.svg") + "  error: "), std::string::npos)
      << build.out;

  // Allowed in the project file, it is built.
  const std::string project_yaml = read_file(project.project());
  project.dir().write("project.yaml", project_yaml + "    allow_unmatched: true\n");
  const auto allowed = project.build();
  EXPECT_EQ(allowed.exit_code, 0) << allowed.out << allowed.err;
  EXPECT_TRUE(fs::exists(project.file("out/ecd.svg")));
  project.dir().write("project.yaml", project_yaml);

  // Fixed, it is built again; the others are not touched.
  project.dir().write(
      "ecd.csv",
      read_file(project.file("ecd.csv")).substr(0, read_file(project.file("ecd.csv")).find("Atlantis")));
  ASSERT_EQ(project.build("--report '" + project.file("report.json") + "'").exit_code, 0);
  EXPECT_EQ(entry_for(report_of(project), "ecd.svg").at("status"), "rendered");
  EXPECT_EQ(entry_for(report_of(project), "reached.pdf").at("status"), "up-to-date");
}

TEST(BuildCli, AProjectFileMistakeIsOneErrorAndNothingIsBuilt) {
  BuildProject project(
      "maps:\n  - map: reached.yaml\n    outputs: [out/a.pdf]\n  - map: ecd.yaml\n"
      "    outputs: [out/a.pdf]\n");
  const auto build = project.build();
  EXPECT_EQ(build.exit_code, 2);
  EXPECT_EQ(build.err, "error: " + project.project() + ":5: two entries write " + project.file("out/a.pdf") +
                           " (lines 3 and 5) (give each output its own path)\n");
  EXPECT_FALSE(fs::exists(project.file("out")));
  EXPECT_FALSE(fs::exists(project.state_file()));
}

TEST(BuildCli, ForceAndAnOutputRemovedOrEditedRebuild) {
  BuildProject project(kProject);
  ASSERT_EQ(project.build().exit_code, 0);
  const std::string report = " --report '" + project.file("report.json") + "'";
  fs::remove(project.file("out/reached.png"));
  { std::ofstream(project.file("out/reached.pmtiles"), std::ios::app) << "x"; }
  ASSERT_EQ(project.build(report).exit_code, 0);
  nlohmann::json json = report_of(project);
  EXPECT_EQ(entry_for(json, "reached.png").at("reason"), "output missing");
  EXPECT_EQ(entry_for(json, "reached.pmtiles").at("reason"), "output changed since the last build");
  EXPECT_EQ(entry_for(json, "reached.pdf").at("status"), "up-to-date");

  ASSERT_EQ(project.build("--force" + report).exit_code, 0);
  const nlohmann::json forced = report_of(project);
  for (const auto& entry : forced.at("outputs")) EXPECT_EQ(entry.at("reason"), "forced (--force)");
}

TEST(BuildCli, TwoJobsAtOnceGiveTheSameBytesAsOne) {
  BuildProject one(kProject), two(kProject);
  ASSERT_EQ(one.build("-j 1").exit_code, 0);
  const auto parallel = two.build("-j 2");
  ASSERT_EQ(parallel.exit_code, 0) << parallel.err;
  EXPECT_TRUE(one.outputs() == two.outputs());
}

}  // namespace
}  // namespace covermap::test
