#include "app/project_file.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

using test::input_error_of;
using test::TempDir;

class ProjectFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir.write("ecd.yaml", "title: x\n");
    dir.write("counties.yaml", "title: y\n");
  }
  std::string project(const std::string& text) { return dir.write("project.yaml", text); }
  TempDir dir;
};

TEST_F(ProjectFile, ReadsMapsFiguresAndTileSetsWithPathsAgainstTheProjectFile) {
  const Project project_read = load_project(project(R"yaml(
maps:
  - map: ecd.yaml
    outputs: [out/ecd.pdf, out/ecd.png]
  - map: counties.yaml
    tiles: {output: out/counties.pmtiles, zoom: 0-8}
  - map: counties.yaml
    tiles:
      - {output: web/, zoom: 3, tile_size: 512, format: webp, bounds: [100, 20, 120, 40], threads: 2}
)yaml"));
  ASSERT_EQ(project_read.maps.size(), 3u);
  EXPECT_EQ(project_read.maps[0].map, dir.file("ecd.yaml"));
  ASSERT_EQ(project_read.maps[0].figures.size(), 2u);
  EXPECT_EQ(project_read.maps[0].figures[1].output, dir.file("out/ecd.png"));
  EXPECT_EQ(project_read.maps[0].figures[1].line, 4);
  ASSERT_EQ(project_read.maps[1].tiles.size(), 1u);
  const ProjectTiles& counties = project_read.maps[1].tiles[0];
  EXPECT_EQ(counties.output, dir.file("out/counties.pmtiles"));
  EXPECT_EQ(counties.zoom.min, 0);
  EXPECT_EQ(counties.zoom.max, 8);
  EXPECT_EQ(counties.tile_size, 256);
  EXPECT_FALSE(counties.bounds);
  const ProjectTiles& web = project_read.maps[2].tiles.at(0);
  EXPECT_EQ(web.zoom.min, 3);
  EXPECT_EQ(web.zoom.max, 3);
  EXPECT_EQ(web.tile_size, 512);
  EXPECT_EQ(web.format, "webp");
  ASSERT_TRUE(web.bounds);
  EXPECT_EQ(web.bounds->max_y, 40);
  EXPECT_EQ(web.threads, 2);
}

TEST_F(ProjectFile, EachMistakeIsOneErrorNamingTheLine) {
  const std::string path = dir.file("project.yaml");
  const auto error_for = [&](const std::string& text) {
    project(text);
    return input_error_of([&] { load_project(path); });
  };
  EXPECT_EQ(error_for("maps:\n  - map: ecd.yaml\n    output: [a.pdf]\n"),
            path + ":3: unknown key 'output' in maps (did you mean 'outputs'?)");
  EXPECT_EQ(error_for("maps:\n  - map: missing.yaml\n    outputs: [a.pdf]\n"),
            path + ":2: no such map file " + dir.file("missing.yaml"));
  EXPECT_EQ(error_for("maps:\n  - map: ecd.yaml\n    outputs: [out/a.pdf]\n  - map: counties.yaml\n"
                      "    outputs: [out/./a.pdf]\n"),
            path + ":5: two entries write " + dir.file("out/a.pdf") +
                " (lines 3 and 5) (give each output its own path)");
  EXPECT_EQ(
      error_for("maps:\n  - map: ecd.yaml\n    tiles: {output: t/, zoom: 0-4}\n  - map: ecd.yaml\n"
                "    tiles: {output: t, zoom: 5}\n"),
      path + ":5: two entries write " + dir.file("t") + " (lines 3 and 5) (give each output its own path)");
  EXPECT_EQ(
      error_for("maps:\n  - map: ecd.yaml\n    tiles: {output: web, zoom: 0-4}\n  - map: ecd.yaml\n"
                "    outputs: [web/ecd.pdf]\n"),
      path +
          ":5: this output is inside the tile folder of line 3 (a tile folder is replaced whole at each "
          "build; write it elsewhere)");
  EXPECT_NE(error_for("maps:\n  - map: ecd.yaml\n    outputs: [a.tiff]\n").find(":3: unknown figure format"),
            std::string::npos);
  EXPECT_NE(error_for("maps:\n  - map: ecd.yaml\n    tiles: {output: a.pmtiles, zoom: 9-3}\n")
                .find(":3: tiles.zoom"),
            std::string::npos);
  EXPECT_NE(error_for("maps:\n  - map: ecd.yaml\n").find(":2: this map has no outputs"), std::string::npos);
  EXPECT_NE(error_for("maps: []\n").find("maps must be a list"), std::string::npos);
  EXPECT_NE(error_for("mpas:\n  - map: ecd.yaml\n").find(":1: unknown key 'mpas'"), std::string::npos);
  EXPECT_NE(error_for("maps: [\n").find(path + ":2: not valid YAML"), std::string::npos);
  EXPECT_EQ(input_error_of([&] { load_project(dir.file("none.yaml")); }),
            dir.file("none.yaml") + ": no such project file");
}

TEST_F(ProjectFile, ServeGivesThePreviewsBasemap) {
  const std::string path = project(
      "maps:\n  - map: ecd.yaml\n    tiles: {output: t.pmtiles, zoom: 0-4}\n"
      "serve: {basemap: \"https://tile.example.org/{z}/{x}/{y}.png\"}\n");
  EXPECT_EQ(load_project(path).basemap, "https://tile.example.org/{z}/{x}/{y}.png");
  EXPECT_TRUE(is_project_file(path));
  EXPECT_FALSE(is_project_file(dir.file("ecd.yaml"))) << "a map file has no maps:";
  EXPECT_TRUE(load_project(project("maps:\n  - map: ecd.yaml\n    outputs: [a.pdf]\n")).basemap.empty());

  const auto error_for = [&](const std::string& serve) {
    project("maps:\n  - map: ecd.yaml\n    outputs: [a.pdf]\n" + serve);
    return input_error_of([&] { load_project(path); });
  };
  EXPECT_EQ(error_for("serve: {basemap: \"ftp://tiles/{z}/{x}/{y}.png\"}\n"),
            path +
                ":4: serve.basemap must be an http:// or https:// URL (e.g. basemap: "
                "\"https://tile.openstreetmap.org/{z}/{x}/{y}.png\")");
  EXPECT_NE(error_for("serve:\n  basemap: https://tiles/{z}/{x}.png\n").find(":5: serve.basemap has no {y}"),
            std::string::npos);
  EXPECT_EQ(error_for("serve: {base_map: x}\n"),
            path + ":4: unknown key 'base_map' in serve (did you mean 'basemap'?)");
}

}  // namespace
}  // namespace covermap::app
