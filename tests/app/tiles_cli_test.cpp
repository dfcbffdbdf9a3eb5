#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include "outputs/pmtiles_reader.hpp"
#include "outputs/pmtiles_verify.hpp"
#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml";

// The tile count the CLI reports: "wrote OUT (N tiles of M, ...".
long tiles_written(const std::string& out) {
  std::smatch match;
  return std::regex_search(out, match, std::regex(R"(\((\d+) tiles of (\d+))")) ? std::stol(match[1]) : -1;
}

TEST(TilesCli, PmtilesHoldEveryTileTheCliWroteAndAreTheSameOnAnyNumberOfThreads) {
  TempDir dir;
  const std::string one = dir.file("one.pmtiles"), two = dir.file("two.pmtiles");
  const auto first = run_cli("tiles '" + kExample + "' -o '" + one + "' --zoom 0-5 --threads 1");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto second = run_cli("tiles '" + kExample + "' -o '" + two + "' --zoom 0-5 --threads 2");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_TRUE(read_file(one) == read_file(two)) << "thread count must not change the bytes";

  const outputs::PmtilesReader reader(one);
  const auto& header = reader.header();
  EXPECT_EQ(header.min_zoom, 0);
  EXPECT_EQ(header.max_zoom, 5);
  EXPECT_EQ(header.tile_type, outputs::pmtiles::TileType::png);
  EXPECT_NEAR(outputs::pmtiles::from_e7(header.min_lon_e7), 73.5, 0.5);
  EXPECT_NEAR(outputs::pmtiles::from_e7(header.max_lat_e7), 53.6, 0.5);
  long addressed = 0;
  reader.for_each_entry([&](const outputs::pmtiles::Entry& entry) { addressed += entry.run_length; });
  EXPECT_EQ(addressed, tiles_written(first.out)) << first.out;
  EXPECT_EQ(outputs::verify_pmtiles(reader), std::vector<std::string>{});
  ASSERT_TRUE(reader.tile(0, 0, 0));
  EXPECT_EQ(reader.tile(0, 0, 0)->substr(1, 3), "PNG");
  // Beijing at z5 is 5/26/12; the tile over the open Pacific east of Japan is left out.
  EXPECT_TRUE(reader.tile(5, 26, 12));
  EXPECT_FALSE(reader.tile(5, 29, 13));
  EXPECT_NE(reader.metadata().find("Children reached"), std::string::npos) << "the legend travels along";
  EXPECT_TRUE(fs::exists(one + ".json")) << "TileJSON beside the archive";
}

// A folder's tiles are written by the threads that make them: the same files with the same bytes on any
// number of threads, and every tile the CLI counts is there.
TEST(TilesCli, AFolderIsTheSameOnAnyNumberOfThreads) {
  TempDir dir;
  const auto files = [](const std::string& folder) {
    std::map<std::string, std::string> tiles;
    for (const auto& entry : fs::recursive_directory_iterator(folder))
      if (entry.is_regular_file() && entry.path().extension() == ".png")
        tiles[fs::relative(entry.path(), folder).string()] = read_file(entry.path().string());
    return tiles;
  };
  const std::string one = dir.file("one"), three = dir.file("three");
  const auto first = run_cli("tiles '" + kExample + "' -o '" + one + "' --zoom 0-6 --threads 1");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const auto second = run_cli("tiles '" + kExample + "' -o '" + three + "' --zoom 0-6 --threads 3");
  ASSERT_EQ(second.exit_code, 0) << second.err;
  const auto tiles = files(one);
  EXPECT_EQ(static_cast<long>(tiles.size()), tiles_written(first.out)) << first.out;
  EXPECT_GT(tiles.size(), 100u);
  EXPECT_TRUE(tiles == files(three)) << "thread count must not change the files";
  EXPECT_EQ(read_file(one + "/tiles.json"), read_file(three + "/tiles.json"));
}

// GDAL, PROJ and netCDF, with the ~90 libraries under them, take 50-65 ms to load: more than half of a
// warm run's start; Cairo, Pango and fontconfig, with GLib, HarfBuzz and X11's libraries, 10-15 ms; ICU,
// which only a name that needs its pinyin uses, a few more. Each is opened on first use, so a regeneration
// from a warm boundary cache and a CSV table, which reads with none of the first, hatches no unit without
// data and matches every name as written, must load none of them; a figure, projected through PROJ and drawn
// by Cairo, loads both kinds.
TEST(TilesCli, AWarmRunFromACsvTableLoadsNeitherGdalNorProjNorNetcdfNorCairo) {
  TempDir dir;
  const std::string cli = std::string("'") + COVERMAP_CLI + "' ";
  const std::string unhatched =
      dir.write("unhatched.yaml",
                "boundaries: {source: \"builtin:china-provinces\"}\n"
                "data: {source: \"" +
                    std::string(COVERMAP_SOURCE_DIR) +
                    "/tests/data/children-reached.csv\", key: Province}\n"
                    "value: \"Children reached\"\nclassify: {method: quantile, classes: 5}\n"
                    "no_data: {fill: \"#eeeeee\", hatch: false}\n");
  const std::string tiles = "tiles '" + unhatched + "' -o '" + dir.file("t.pmtiles") + "' --zoom 0-3";
  const auto cold = run_cli(tiles);  // fills the boundary cache
  ASSERT_EQ(cold.exit_code, 0) << cold.err;
  const auto libraries_loaded = [&](const std::string& arguments) {  // the dynamic loader's own account
    const auto run = run_shell("LD_DEBUG=files " + cli + arguments);
    EXPECT_EQ(run.exit_code, 0) << arguments;
    std::vector<std::string> loaded;
    for (const char* library : {"libgdal.so", "libproj.so", "libnetcdf.so", "libcairo.so", "libpango-1.0.so",
                                "libfontconfig.so", "libicuuc.so"})
      if (run.err.find(std::string("file=") + library) != std::string::npos) loaded.emplace_back(library);
    return loaded;
  };
  EXPECT_EQ(libraries_loaded(tiles), std::vector<std::string>{});
  EXPECT_EQ(libraries_loaded("--version"), std::vector<std::string>{});
  const auto hatched =
      libraries_loaded("tiles '" + kExample + "' -o '" + dir.file("h.pmtiles") + "' --zoom 0-3");
  EXPECT_NE(std::find(hatched.begin(), hatched.end(), "libcairo.so"), hatched.end())
      << "Cairo hatches the provinces without data";
  const auto figure = libraries_loaded("render '" + kExample + "' -o '" + dir.file("map.png") + "'");
  EXPECT_NE(std::find(figure.begin(), figure.end(), "libproj.so"), figure.end()) << "PROJ draws the figure";
  EXPECT_NE(std::find(figure.begin(), figure.end(), "libpango-1.0.so"), figure.end())
      << "Pango sets its text";
}

// A run from a warm cache reads the boundaries without their coordinates, decodes only the units a tile is
// looked up in, and all of them when a zoom must be prepared again: every way, the bytes of a run that used
// no cache at all.
TEST(TilesCli, AWarmRunDrawsTheTilesOfARunWithoutTheCache) {
  TempDir dir;
  const auto run = [&](const std::string& cache, const std::string& out) {
    const auto result = run_shell("COVERMAP_CACHE_DIR='" + cache + "' '" + COVERMAP_CLI + "' tiles '" +
                                  kExample + "' -o '" + dir.file(out) + "' --zoom 0-7 --threads 2");
    EXPECT_EQ(result.exit_code, 0) << out << ": " << result.err;
    return read_file(dir.file(out));
  };
  const std::string cache = dir.file("cache");
  const std::string uncached = run("off", "off.pmtiles");
  ASSERT_FALSE(uncached.empty());
  EXPECT_TRUE(run(cache, "cold.pmtiles") == uncached) << "the run that fills the caches";
  EXPECT_TRUE(run(cache, "warm.pmtiles") == uncached) << "every zoom from the cache";
  int zooms = 0;
  for (const auto& entry : fs::directory_iterator(cache))
    if (entry.path().filename().string().rfind("zoom-", 0) == 0) fs::remove(entry.path()), ++zooms;
  EXPECT_EQ(zooms, 9) << "zooms 0-7, and 8: the source of 5-7";
  EXPECT_TRUE(run(cache, "prepared.pmtiles") == uncached) << "every zoom prepared from the cached boundaries";
}

// On two threads the table is read while the boundaries load; the errors are the ones one thread gives, the
// boundaries' first.
TEST(TilesCli, TheFirstErrorIsTheSameOnAnyNumberOfThreads) {
  TempDir dir;
  const std::string map = dir.write("map.yaml",
                                    "boundaries: {source: units.geojson, id: id, name: id}\n"
                                    "data: {source: data.csv, key: id}\nvalue: value\n"
                                    "classify: {method: categorical}\n");
  const auto first_error = [&](int threads) {
    const auto result = run_cli("tiles '" + map + "' -o '" + dir.file("out.pmtiles") +
                                "' --zoom 0-2 --threads " + std::to_string(threads));
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_FALSE(fs::exists(dir.file("out.pmtiles")));
    return error_line(result);
  };
  EXPECT_EQ(first_error(1).rfind("error: " + dir.file("units.geojson") + ": ", 0), 0u);
  EXPECT_EQ(first_error(2), first_error(1));
  dir.write(
      "units.geojson",
      R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"1"},)"
      R"("geometry":{"type":"Polygon","coordinates":[[[100,30],[101,30],[101,31],[100,31],[100,30]]]}}]})");
  EXPECT_EQ(first_error(1).rfind("error: " + dir.file("data.csv") + ": ", 0), 0u);
  EXPECT_EQ(first_error(2), first_error(1));
  dir.write("data.csv", "id,value\n1,a\n");
  const auto result =
      run_cli("tiles '" + map + "' -o '" + dir.file("out.pmtiles") + "' --zoom 0-2 --threads 2");
  EXPECT_EQ(result.exit_code, 0) << result.err;
}

TEST(TilesCli, GdalOpensTheMbtilesWithTheirZoomsAndBounds) {
  TempDir dir;
  const std::string out = dir.file("cover.mbtiles");
  const auto result = run_cli("tiles '" + kExample + "' -o '" + out + "' --zoom 2-4");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto info = run_shell("gdalinfo -json '" + out + "'");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("\"driverShortName\":\"MBTiles\""), std::string::npos) << info.out.substr(0, 400);
  const auto minzoom = run_shell("gdalinfo '" + out + "' | grep -E 'ZOOM_LEVEL|minzoom|maxzoom'");
  EXPECT_NE(minzoom.out.find("minzoom=2"), std::string::npos) << minzoom.out;
  EXPECT_NE(minzoom.out.find("maxzoom=4"), std::string::npos) << minzoom.out;
}

TEST(TilesCli, DirectoryOfPngTilesAndItsTileJson) {
  TempDir dir;
  const std::string out = dir.file("web");
  const auto result = run_cli("tiles '" + kExample + "' -o '" + out + "' --zoom 3 --tile-size 512");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  ASSERT_TRUE(fs::exists(out + "/3/6/3.png"));  // Beijing's tile at z3
  const std::string png = read_file(out + "/3/6/3.png");
  // IHDR: 512 x 512, colour type 3 (palette).
  EXPECT_EQ(static_cast<unsigned char>(png[18]) * 256 + static_cast<unsigned char>(png[19]), 512);
  EXPECT_EQ(png[25], 3);
  const std::string tilejson = read_file(out + "/tiles.json");
  EXPECT_NE(tilejson.find("\"tilejson\": \"3.0.0\""), std::string::npos) << tilejson;
  EXPECT_NE(tilejson.find("{z}/{x}/{y}.png"), std::string::npos);
}

TEST(TilesCli, BadZoomIsAUsageErrorAndWritesNothing) {
  TempDir dir;
  const auto result = run_cli("tiles '" + kExample + "' -o '" + dir.file("x.pmtiles") + "' --zoom 6-2");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("--zoom"), std::string::npos) << result.err;
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(TilesCli, AnUncleanJoinKeepsTheEarlierTiles) {
  TempDir dir;
  dir.write("rows.csv", "Province,Children reached\nGuangdong,100\nAtlantis,5\n");
  const std::string map = dir.write("map.yaml",
                                    "boundaries: {source: \"builtin:china-provinces\"}\n"
                                    "data: {source: rows.csv, key: Province}\n"
                                    "value: Children reached\nclassify: {method: quantile, classes: 2}\n");
  const std::string out = dir.write("cover.pmtiles", "earlier tiles");
  const auto result = run_cli("tiles '" + map + "' -o '" + out + "' --zoom 0-2");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << result.err;
  EXPECT_NE(result.err.find("1 row did not join"), std::string::npos) << result.err;
  EXPECT_EQ(read_file(out), "earlier tiles");
  EXPECT_NE(read_file(out + ".join.json").find("Atlantis"), std::string::npos) << "the report names the row";
}

}  // namespace
}  // namespace covermap::test
