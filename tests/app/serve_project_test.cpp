// covermap serve of a project file: every tile set the project builds, each with its map (so /{name}/query
// answers), the project's basemap, and vector sets with their MapLibre style pointing at the server.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/web_assets.hpp"
#include "geo/error.hpp"
#include "tests/app/serve_support.hpp"

namespace covermap::test {
namespace {

const std::string kMap = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml";

// A raster archive, a vector archive and a vector folder of the provinces, and a basemap.
std::string project_text() {
  return "maps:\n"
         "  - map: " +
         kMap +
         "\n"
         "    tiles:\n"
         "      - {output: out/raster.pmtiles, zoom: 0-3}\n"
         "      - {output: out/vector.pmtiles, zoom: 0-4, format: mvt}\n"
         "      - {output: out/vecdir, zoom: 0-2, format: mvt}\n"
         "serve: {basemap: \"https://tile.example.org/{z}/{x}/{y}.png\"}\n";
}

// The project above, built once per test binary by the real CLI.
const std::string& built_project() {
  static const TempDir* dir = new TempDir();  // left for the process's end, as the sets are shared
  static const std::string project = [] {
    std::string path = dir->write("project.yaml", project_text());
    const auto result = run_cli("build '" + path + "'");
    if (result.exit_code != 0) ADD_FAILURE() << result.err;
    return path;
  }();
  return project;
}

TEST(ServeProject, EveryTileSetOfTheProjectWithItsMapAndBasemap) {
  const std::string& project = built_project();
  const std::string folder = project.substr(0, project.rfind('/'));
  const app::ServedPaths served = app::served_paths({project, province_tiles().mbtiles});
  ASSERT_EQ(served.entries.size(), 4u);
  EXPECT_EQ(served.entries[0].name, "raster");
  EXPECT_EQ(served.entries[0].path, folder + "/out/raster.pmtiles");
  EXPECT_EQ(served.entries[1].name, "vector");
  EXPECT_EQ(served.entries[2].name, "vecdir");
  EXPECT_EQ(served.entries[2].map_path, kMap);
  EXPECT_EQ(served.entries[3].name, "covermb") << "other paths are served beside the project's";
  EXPECT_EQ(served.basemap, "https://tile.example.org/{z}/{x}/{y}.png");

  app::TileServerSettings settings;
  settings.basemap_url = served.basemap;
  RunningServer server(served.entries, {}, settings);
  auto client = server.client();
  const auto catalog = nlohmann::json::parse(client.Get("/_/tilesets.json")->body);
  ASSERT_EQ(catalog["tile_sets"].size(), 4u);
  EXPECT_EQ(catalog["basemap"], served.basemap);
  EXPECT_EQ(catalog["maplibre"], app::find_web_asset("maplibre/maplibre-gl.js") != nullptr);
  EXPECT_EQ(catalog["tile_sets"][0]["vector"], false);
  EXPECT_FALSE(catalog["tile_sets"][0].contains("style"));
  EXPECT_EQ(catalog["tile_sets"][1]["vector"], true);
  EXPECT_EQ(catalog["tile_sets"][1]["style"], "/vector/style.json");
  EXPECT_EQ(catalog["tile_sets"][2]["query"], "/vecdir/query");
  for (const char* name : {"raster", "vector", "vecdir"}) {
    const auto answer = client.Get("/" + std::string(name) + "/query?lon=116.4&lat=39.9");
    ASSERT_EQ(answer->status, 200) << name << ": " << answer->body;
    EXPECT_EQ(nlohmann::json::parse(answer->body)["unit"]["name"], "北京市") << name;
  }
  // The page may load the basemap's tiles, and nothing else from elsewhere.
  const std::string policy = client.Get("/")->get_header_value("Content-Security-Policy");
  EXPECT_NE(policy.find("connect-src 'self' https://tile.example.org"), std::string::npos) << policy;
}

TEST(ServeProject, VectorStylesPointAtThisServerAndAskForNoGlyphs) {
  RunningServer server(app::served_paths({built_project()}).entries);
  auto client = server.client();
  for (const char* name : {"vector", "vecdir"}) {
    const auto response = client.Get("/" + std::string(name) + "/style.json");
    ASSERT_TRUE(response);
    ASSERT_EQ(response->status, 200) << name << ": " << response->body;
    EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
    const auto style = nlohmann::json::parse(response->body);
    EXPECT_EQ(style["version"], 8);
    const std::string tiles = style["sources"]["covermap"]["tiles"][0];
    EXPECT_EQ(tiles, server.url() + "/" + name + "/{z}/{x}/{y}.pbf");
    EXPECT_FALSE(style.contains("glyphs")) << "this server has no glyphs; MapLibre draws labels itself";
    EXPECT_EQ(style["layers"][0]["type"], "fill");
    EXPECT_EQ(style["metadata"]["covermap:legend"]["entries"].size(), 6u);
    // What the style names is there: a tile of Beijing, gzipped as stored.
    const auto tile = client.Get("/" + std::string(name) + "/2/3/1.pbf");
    ASSERT_TRUE(tile);
    EXPECT_EQ(tile->status, 200) << name;
    EXPECT_EQ(tile->get_header_value("Content-Type"), "application/vnd.mapbox-vector-tile");
    EXPECT_EQ(client
                  .Get("/" + std::string(name) + "/style.json",
                       {{"If-None-Match", response->get_header_value("ETag")}})
                  ->status,
              304);
  }
  const auto raster = client.Get("/raster/style.json");
  EXPECT_EQ(raster->status, 404);
  EXPECT_NE(raster->body.find("raster tiles"), std::string::npos) << raster->body;
}

TEST(ServeProject, TileSetsNotBuiltYetAreAnErrorNamingThemAndTheLine) {
  TempDir dir;
  const std::string project = dir.write("project.yaml", project_text());
  EXPECT_EQ(input_error_of([&] { app::served_paths({project}); }),
            project + ":4: the tiles " + dir.file("out/raster.pmtiles") +
                " are not built yet (run covermap build " + project + " first)");
  const auto result = run_cli("serve '" + project + "' --port 0");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(error_line(result), "error: " + project + ":4: the tiles " + dir.file("out/raster.pmtiles") +
                                    " are not built yet (run covermap build " + project + " first)");

  const std::string figures =
      dir.write("figures.yaml", "maps:\n  - map: " + kMap + "\n    outputs: [out/a.pdf]\n");
  EXPECT_EQ(input_error_of([&] { app::served_paths({figures}); }),
            figures +
                ": this project makes no tile sets to serve (add tiles: {output: NAME.pmtiles, zoom: "
                "0-8} to a map)");
  const auto basemap = run_cli("serve '" + project + "' --basemap ftp://x/{z}/{x}/{y}.png");
  EXPECT_EQ(basemap.exit_code, 1) << basemap.err;
}

}  // namespace
}  // namespace covermap::test
