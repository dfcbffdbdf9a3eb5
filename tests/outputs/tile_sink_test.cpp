#include "outputs/tile_sink.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "geo/error.hpp"
#include "outputs/mbtiles_reader.hpp"
#include "outputs/pmtiles_reader.hpp"
#include "outputs/pmtiles_verify.hpp"
#include "outputs/sqlite_handles.hpp"
#include "outputs/tile_encoding.hpp"
#include "tests/outputs/choropleth_tile.hpp"
#include "tests/outputs/tile_pyramids.hpp"
#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

namespace fs = std::filesystem;
using test::china_info;
using test::put_all;
using test::pyramid;
using test::read_file;
using test::TempDir;
using test::TileKey;

void write_archive(const std::string& path, const std::map<TileKey, std::string>& tiles,
                   const TileSetInfo& info, unsigned shuffle_seed = 0) {
  auto sink = open_tile_sink(path, info.format);
  put_all(*sink, tiles, shuffle_seed);
  sink->commit(info);
}

// Every addressed tile of a PMTiles archive, runs expanded, through the library's reader; `entries` counts
// the tile entries walked.
std::map<TileKey, std::string> read_pmtiles(const PmtilesReader& reader, std::uint64_t* entries = nullptr) {
  std::map<TileKey, std::string> tiles;
  reader.for_each_entry([&](const pmtiles::Entry& entry) {
    if (entries) ++*entries;
    const std::string bytes = reader.tile_data(entry);
    for (std::uint64_t i = 0; i < entry.run_length; ++i) {
      const geo::TileId tile = geo::tile_from_pmtiles_id(entry.tile_id + i);
      tiles[{tile.z, tile.x, tile.y}] = bytes;
    }
  });
  return tiles;
}

double degrees(std::int32_t e7) {
  return pmtiles::from_e7(e7);
}

// ---- PMTiles ----

TEST(PmtilesSink, LargePyramidNeedsLeafDirectoriesAndEveryTileComesBack) {
  TempDir dir;
  const TileSetInfo info = china_info(0, 11);
  const auto tiles = pyramid(info, 4);
  ASSERT_GT(tiles.size(), 100000u);
  const std::string path = dir.file("china.pmtiles");
  write_archive(path, tiles, info, 7);

  const PmtilesReader reader(path);
  const auto& header = reader.header();
  EXPECT_GT(header.leaves_length, 0u);
  EXPECT_LE(header.root_offset + header.root_length, 16384u);
  EXPECT_EQ(header.addressed_tiles, tiles.size());
  EXPECT_EQ(header.tile_contents, 4u);
  EXPECT_LT(header.tile_entries, header.addressed_tiles);  // run-length entries for repeated neighbours
  EXPECT_TRUE(header.clustered);
  EXPECT_EQ(header.internal_compression, pmtiles::Compression::gzip);
  EXPECT_EQ(header.tile_compression, pmtiles::Compression::none);
  EXPECT_EQ(header.tile_type, pmtiles::TileType::png);
  EXPECT_EQ(header.min_zoom, 0);
  EXPECT_EQ(header.max_zoom, 11);
  EXPECT_NEAR(degrees(header.min_lon_e7), 73.5, 1e-6);
  EXPECT_NEAR(degrees(header.max_lat_e7), 53.6, 1e-6);
  EXPECT_NEAR(degrees(header.center_lon_e7), 104.1, 1e-6);

  std::uint64_t entries = 0;
  const auto read_back = read_pmtiles(reader, &entries);
  EXPECT_TRUE(std::any_of(reader.root_directory().begin(), reader.root_directory().end(),
                          [](const pmtiles::Entry& entry) { return entry.run_length == 0; }))
      << "the root points to leaf directories";
  EXPECT_EQ(entries, header.tile_entries);
  EXPECT_EQ(read_back, tiles);
  // Stored once each: the data section holds exactly the four contents.
  std::uint64_t distinct_bytes = 0;
  for (int i = 0; i < 4; ++i) distinct_bytes += ("tile content " + std::to_string(i)).size();
  EXPECT_EQ(header.tile_data_length, distinct_bytes);
  // Point look-ups go through root and leaf directories.
  EXPECT_EQ(reader.tile(10, 820, 410),
            tiles.count({10, 820, 410}) ? std::optional(tiles.at({10, 820, 410})) : std::nullopt);
  EXPECT_EQ(reader.tile(10, 0, 0), std::nullopt);

  const auto metadata = nlohmann::json::parse(reader.metadata());
  EXPECT_EQ(metadata["name"], "Coverage by county");
  EXPECT_EQ(metadata["covermap"]["legend"][1]["color"], "#a50f15");
  EXPECT_EQ(verify_pmtiles(reader), std::vector<std::string>{});
}

TEST(PmtilesSink, SameTilesInAnyOrderGiveTheSameBytes) {
  TempDir dir;
  const TileSetInfo info = china_info(2, 7);
  const auto tiles = pyramid(info, 5);
  write_archive(dir.file("a.pmtiles"), tiles, info, 0);
  write_archive(dir.file("b.pmtiles"), tiles, info, 99);
  EXPECT_EQ(read_file(dir.file("a.pmtiles")), read_file(dir.file("b.pmtiles")));
}

TEST(PmtilesSink, ZoomZeroAndEmptySets) {
  TempDir dir;
  TileSetInfo info = china_info(0, 0);
  info.bounds = {};  // empty: the whole world
  write_archive(dir.file("one.pmtiles"), {{{0, 0, 0}, "world"}}, info);
  const PmtilesReader one(dir.file("one.pmtiles"));
  EXPECT_EQ(one.tile(0, 0, 0), std::optional<std::string>("world"));
  EXPECT_NEAR(degrees(one.header().max_lat_e7), geo::kWebMercatorMaxLatitude, 1e-6);
  EXPECT_NEAR(degrees(one.header().min_lon_e7), -180, 1e-6);
  EXPECT_EQ(verify_pmtiles(one), std::vector<std::string>{});

  write_archive(dir.file("none.pmtiles"), {}, info);
  const PmtilesReader none(dir.file("none.pmtiles"));
  EXPECT_TRUE(read_pmtiles(none).empty());
  EXPECT_EQ(none.header().addressed_tiles, 0u);
  EXPECT_EQ(none.tile(0, 0, 0), std::nullopt);
}

TEST(PmtilesSink, TheNpmPmtilesReaderFindsEveryTile) {
  COVERMAP_REQUIRE_NPM_PACKAGE("pmtiles");
  const std::string npm_dir = COVERMAP_NPM_DIR;
  TempDir dir;
  const TileSetInfo info = china_info(0, 11);
  // The script compares text without spaces.
  std::map<TileKey, std::string> tiles;
  for (auto [key, bytes] : pyramid(info, 4)) {
    std::replace(bytes.begin(), bytes.end(), ' ', '_');
    tiles[key] = bytes;
  }
  const std::string path = dir.file("china.pmtiles");
  write_archive(path, tiles, info, 11);
  // Every 37th tile (a few thousand, across root and leaves) and some that are absent.
  std::string expected;
  std::size_t i = 0;
  for (const auto& [key, bytes] : tiles)
    if (i++ % 37 == 0)
      expected += std::to_string(std::get<0>(key)) + " " + std::to_string(std::get<1>(key)) + " " +
                  std::to_string(std::get<2>(key)) + " " + bytes + "\n";
  expected += "missing 11 0 0\nmissing 12 3300 1600\n";
  const std::string list = dir.write("expected.txt", expected);
  const auto result = test::run_shell("node '" COVERMAP_SOURCE_DIR "/tests/outputs/pmtiles_js_check.mjs' '" +
                                      npm_dir + "' '" + path + "' '" + list + "'");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out.substr(0, 3), "ok ") << result.out;
  EXPECT_NE(result.out.find("addressed=" + std::to_string(tiles.size())), std::string::npos) << result.out;
}

// ---- MBTiles ----

// Every tile and the metadata through the library's reader; "(images)" in the metadata counts the stored
// contents.
std::map<TileKey, std::string> read_mbtiles(const std::string& path,
                                            std::map<std::string, std::string>& metadata) {
  MbtilesReader reader(path);
  std::map<TileKey, std::string> tiles;
  reader.for_each_tile([&](const geo::TileId& tile, std::string_view bytes) {
    tiles[{tile.z, tile.x, tile.y}] = bytes;
  });
  metadata = reader.metadata();
  SqliteDatabase db(path, path, SQLITE_OPEN_READONLY, "");
  SqliteStatementPtr count = db.prepare("SELECT count(*) FROM images");
  EXPECT_TRUE(db.next_row(count.get()));
  metadata["(images)"] = std::to_string(sqlite3_column_int(count.get(), 0));
  return tiles;
}

TEST(MbtilesSink, TilesViewGivesBackEveryTileInTmsRowsAndImagesAreDeduplicated) {
  TempDir dir;
  const TileSetInfo info = china_info(0, 6);
  const auto tiles = pyramid(info, 3);
  const std::string path = dir.file("china.mbtiles");
  write_archive(path, tiles, info, 3);
  std::map<std::string, std::string> metadata;
  EXPECT_EQ(read_mbtiles(path, metadata), tiles);
  EXPECT_EQ(metadata["(images)"], "3");
  EXPECT_EQ(metadata["format"], "png");
  EXPECT_EQ(metadata["bounds"], "73.5,18.2,134.8,53.6");
  EXPECT_EQ(metadata["center"], "104.1,35.9,0");
  EXPECT_EQ(metadata["minzoom"], "0");
  EXPECT_EQ(metadata["maxzoom"], "6");
  EXPECT_EQ(metadata["name"], "Coverage by county");
  EXPECT_EQ(metadata["attribution"], "covermap tests");
  EXPECT_EQ(metadata["type"], "overlay");
  EXPECT_EQ(nlohmann::json::parse(metadata["json"])["covermap"]["legend"][0]["label"], "< 20%");
}

// A server looks a tile up in a large archive through the tables' keys (map's zoom, column and row, images'
// id), never by reading a table through.
TEST(MbtilesSink, ATileIsLookedUpThroughTheKeysNotAScan) {
  TempDir dir;
  const TileSetInfo info = china_info(0, 6);
  const std::string path = dir.file("china.mbtiles");
  write_archive(path, pyramid(info, 3), info);
  SqliteDatabase db(path, path, SQLITE_OPEN_READONLY, "");
  SqliteStatementPtr plan = db.prepare(
      "EXPLAIN QUERY PLAN SELECT tile_data FROM tiles WHERE zoom_level = 5 AND tile_column = 24 AND "
      "tile_row = 19");
  std::string steps;
  while (db.next_row(plan.get()))
    steps += reinterpret_cast<const char*>(sqlite3_column_text(plan.get(), 3)) + std::string("\n");
  EXPECT_EQ(steps.find("SCAN"), std::string::npos) << steps;
  EXPECT_NE(steps.find("SEARCH map"), std::string::npos) << steps;
  EXPECT_NE(steps.find("SEARCH images"), std::string::npos) << steps;
}

TEST(MbtilesSink, GdalOpensItWithTheBoundsAndZooms) {
  TempDir dir;
  TileSetInfo info = china_info(2, 5);
  std::map<TileKey, std::string> tiles;
  const auto red = test::flat_tile(256, 0.8, 0.1, 0.1, 1);
  const std::string png = encode_tile(red.data(), 256, 256, red.stride(), TileFormat::png);
  for (int z = 2; z <= 5; ++z) {
    const geo::TileRange range = geo::tiles_covering(info.bounds, z);
    for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
      for (std::uint32_t y = range.min_y; y <= range.max_y; ++y) tiles[{z, x, y}] = png;
  }
  const std::string path = dir.file("china.mbtiles");
  write_archive(path, tiles, info);
  const auto result = test::run_shell("gdalinfo -json '" + path + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto json = nlohmann::json::parse(result.out);
  EXPECT_EQ(json["driverShortName"], "MBTiles");
  const auto& metadata = json["metadata"][""];
  EXPECT_EQ(metadata["ZOOM_LEVEL"], "5");
  EXPECT_EQ(metadata["minzoom"], "2");
  EXPECT_EQ(metadata["maxzoom"], "5");
  EXPECT_EQ(json["bands"][0]["overviews"].size(), 3u);  // zooms 4, 3, 2
  // GDAL's extent (Web Mercator metres) is the bounds snapped out to whole zoom-5 tiles.
  const auto& corners = json["cornerCoordinates"];
  const geo::Point lower_left = geo::lon_lat_to_mercator({73.5, 18.2});
  const geo::Point upper_right = geo::lon_lat_to_mercator({134.8, 53.6});
  const double tile_metres = 2 * geo::kWebMercatorHalfWorld / 32;
  EXPECT_LE(corners["lowerLeft"][0].get<double>(), lower_left.x);
  EXPECT_GT(corners["lowerLeft"][0].get<double>(), lower_left.x - tile_metres);
  EXPECT_GE(corners["upperRight"][1].get<double>(), upper_right.y);
  EXPECT_LT(corners["upperRight"][1].get<double>(), upper_right.y + tile_metres);
}

TEST(MbtilesSink, SameTilesInAnyOrderGiveTheSameBytes) {
  TempDir dir;
  const TileSetInfo info = china_info(0, 6);
  const auto tiles = pyramid(info, 4);
  write_archive(dir.file("a.mbtiles"), tiles, info, 1);
  write_archive(dir.file("b.mbtiles"), tiles, info, 2);
  EXPECT_EQ(read_file(dir.file("a.mbtiles")), read_file(dir.file("b.mbtiles")));
}

TEST(MbtilesSink, ZoomZeroAndEmptySets) {
  TempDir dir;
  const TileSetInfo info = china_info(0, 0);
  write_archive(dir.file("one.mbtiles"), {{{0, 0, 0}, "world"}}, info);
  std::map<std::string, std::string> metadata;
  EXPECT_EQ(read_mbtiles(dir.file("one.mbtiles"), metadata),
            (std::map<TileKey, std::string>{{{0, 0, 0}, "world"}}));
  write_archive(dir.file("none.mbtiles"), {}, info);
  EXPECT_TRUE(read_mbtiles(dir.file("none.mbtiles"), metadata).empty());
  EXPECT_EQ(metadata["maxzoom"], "0");
}

// ---- Directory ----

TEST(DirectorySink, WritesZxyFilesAndTileJson) {
  TempDir dir;
  const TileSetInfo info = china_info(0, 4);
  const auto tiles = pyramid(info, 3);
  const std::string path = dir.file("tiles");
  write_archive(path, tiles, info, 5);
  for (const auto& [key, bytes] : tiles) {
    const auto& [z, x, y] = key;
    ASSERT_EQ(read_file(path + "/" + std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y) +
                        ".png"),
              bytes);
  }
  const auto tilejson = nlohmann::json::parse(read_file(path + "/tiles.json"));
  EXPECT_EQ(tilejson["tilejson"], "3.0.0");
  EXPECT_EQ(tilejson["tiles"][0], "{z}/{x}/{y}.png");
  EXPECT_EQ(tilejson["minzoom"], 0);
  EXPECT_EQ(tilejson["maxzoom"], 4);
  EXPECT_EQ(tilejson["bounds"], nlohmann::json::array({73.5, 18.2, 134.8, 53.6}));
  EXPECT_EQ(tilejson["center"], nlohmann::json::array({104.1, 35.9, 0}));
  EXPECT_EQ(tilejson["covermap"]["legend"].size(), 2u);
  // Nothing but the output is left in the folder.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(DirectorySink, ReplacesAnEarlierOutputButNoOtherFolder) {
  TempDir dir;
  TileSetInfo info = china_info(0, 0);
  const std::string path = dir.file("tiles");
  write_archive(path, {{{0, 0, 0}, "first"}}, info);
  write_archive(path, {{{0, 0, 0}, "second"}}, info);
  EXPECT_EQ(read_file(path + "/0/0/0.png"), "second");

  fs::create_directory(dir.file("photos"));
  std::ofstream(dir.file("photos/holiday.jpg")) << "precious";
  try {
    open_tile_sink(dir.file("photos"), TileFormat::png);
    FAIL() << "expected InputError";
  } catch (const InputError& error) {
    EXPECT_NE(error.where().find("photos"), std::string::npos);
  }
  EXPECT_EQ(read_file(dir.file("photos/holiday.jpg")), "precious");
}

// ---- All sinks ----

TEST(TileSinks, TileJsonBesideArchivesPointsAtTheServeUrl) {
  TempDir dir;
  TileSetInfo info = china_info(1, 3);
  info.format = TileFormat::webp;
  write_archive(dir.file("cover.pmtiles"), {{{1, 1, 0}, "x"}}, info);
  write_archive(dir.file("cover.mbtiles"), {{{1, 1, 0}, "x"}}, info);
  for (const char* name : {"cover.pmtiles.json", "cover.mbtiles.json"}) {
    const auto tilejson = nlohmann::json::parse(read_file(dir.file(name)));
    EXPECT_EQ(tilejson["tiles"][0], "cover/{z}/{x}/{y}.webp") << name;
    EXPECT_EQ(tilejson["attribution"], "covermap tests");
    EXPECT_EQ(tilejson["name"], "Coverage by county");
    EXPECT_EQ(tilejson["description"], "Share of households reached");
    EXPECT_EQ(tilejson["covermap"]["legend"][0]["color"], "#fee5d9");
    // TileJSON 3.0.0 wants a string: the classes as escaped HTML, each swatch in its colour.
    const std::string legend = tilejson["legend"];
    EXPECT_NE(legend.find("background:#fee5d9\"></span>&lt; 20%</li>"), std::string::npos) << legend;
    EXPECT_NE(legend.find("&gt;= 80%"), std::string::npos) << legend;
  }
  EXPECT_EQ(PmtilesReader(dir.file("cover.pmtiles")).header().tile_type, pmtiles::TileType::webp);
  std::map<std::string, std::string> metadata;
  read_mbtiles(dir.file("cover.mbtiles"), metadata);
  EXPECT_EQ(metadata["format"], "webp");
}

TEST(TileSinks, AnEarlierOutputSurvivesAFailureBeforeCommit) {
  for (const char* name : {"keep.pmtiles", "keep.mbtiles", "keep"}) {
    TempDir dir;
    const std::string path = dir.file(name);
    write_archive(path, {{{0, 0, 0}, "old"}}, china_info(0, 0));
    const std::string before = fs::is_directory(path) ? read_file(path + "/0/0/0.png") : read_file(path);
    {
      auto sink = open_tile_sink(path, TileFormat::png);
      sink->put({0, 0, 0}, "new");
      TileSetInfo wrong = china_info(3, 1);  // zooms the wrong way round
      EXPECT_THROW(sink->commit(wrong), InputError) << name;
    }
    {
      auto sink = open_tile_sink(path, TileFormat::png);
      sink->put({0, 0, 0}, "new");  // dropped without commit, as when rendering fails
    }
    EXPECT_EQ(fs::is_directory(path) ? read_file(path + "/0/0/0.png") : read_file(path), before) << name;
    // The output and its TileJSON (inside a directory output), no temporary left behind.
    const int expected = fs::is_directory(path) ? 1 : 2;
    EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), expected) << name;
  }
}

TEST(TileSinks, UnwritablePlacesAreInputErrorsNamingThePath) {
  TempDir dir;
  for (const char* name : {"missing/out.pmtiles", "missing/out.mbtiles", "missing/out"}) {
    try {
      open_tile_sink(dir.file(name), TileFormat::png);
      ADD_FAILURE() << name << ": expected InputError";
    } catch (const InputError& error) {
      EXPECT_NE(error.where().find(name), std::string::npos) << error.where();
    }
  }
  dir.write("file.txt", "not a folder");
  EXPECT_THROW(open_tile_sink(dir.file("file.txt"), TileFormat::png), InputError);
  EXPECT_THROW(open_tile_sink(dir.file("file.txt") + "/out.pmtiles", TileFormat::png), InputError);
  fs::create_directory(dir.file("folder.mbtiles"));
  EXPECT_THROW(open_tile_sink(dir.file("folder.mbtiles"), TileFormat::png), InputError);
}

TEST(TileSinks, FormatMismatchIsRejected) {
  TempDir dir;
  auto sink = open_tile_sink(dir.file("a.pmtiles"), TileFormat::png);
  TileSetInfo info = china_info(0, 0);
  info.format = TileFormat::webp;
  EXPECT_THROW(sink->commit(info), InputError);
  EXPECT_FALSE(fs::exists(dir.file("a.pmtiles")));
}

}  // namespace
}  // namespace covermap::outputs
