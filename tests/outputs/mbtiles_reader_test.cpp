#include "outputs/mbtiles_reader.hpp"

#include <gtest/gtest.h>

#include <map>
#include <tuple>
#include <vector>

#include "geo/error.hpp"
#include "outputs/tile_sink.hpp"
#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

using test::TempDir;

// A plain `tiles` table, as other writers make it, with the rows given as (z, column, TMS row, data).
std::string tiles_table(const TempDir& dir, const std::vector<std::tuple<int, int, int, std::string>>& rows) {
  const std::string path = dir.file("plain.mbtiles");
  SqliteDatabase db(path, path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "");
  db.exec(
      "CREATE TABLE metadata (name TEXT, value TEXT);"
      "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);");
  SqliteStatementPtr insert = db.prepare("INSERT INTO tiles VALUES (?, ?, ?, ?)");
  for (const auto& [z, column, row, data] : rows) {
    db.check(sqlite3_bind_int(insert.get(), 1, z));
    db.check(sqlite3_bind_int(insert.get(), 2, column));
    db.check(sqlite3_bind_int(insert.get(), 3, row));
    db.check(sqlite3_bind_blob(insert.get(), 4, data.data(), static_cast<int>(data.size()), SQLITE_STATIC));
    db.step(insert.get());
  }
  insert.reset();
  db.close();
  return path;
}

TEST(MbtilesReader, ReadsBackWhatTheSinkWroteTileForTile) {
  TempDir dir;
  TileSetInfo info;
  info.name = "Round trip";
  info.min_zoom = 0;
  info.max_zoom = 3;
  std::map<geo::TileId, std::string> tiles = {{{0, 0, 0}, "world"},
                                              {{1, 1, 0}, "same"},
                                              {{1, 0, 1}, "same"},
                                              {{3, 6, 3}, "east asia"},
                                              {{3, 7, 0}, "same"}};
  const std::string path = dir.file("round.mbtiles");
  auto sink = open_tile_sink(path, TileFormat::png);
  for (const auto& [tile, bytes] : tiles) sink->put(tile, bytes);
  sink->commit(info);

  MbtilesReader reader(path);
  std::vector<std::pair<geo::TileId, std::string>> walked;
  reader.for_each_tile([&](const geo::TileId& tile, std::string_view bytes) {
    walked.emplace_back(tile, std::string(bytes));
  });
  ASSERT_EQ(walked.size(), tiles.size());
  for (const auto& [tile, bytes] : walked)
    EXPECT_EQ(tiles.at(tile), bytes) << tile.z << "/" << tile.x << "/" << tile.y;
  // Zoom, column, then row from the south: 1/0/1 (TMS row 0) before 1/1/0 (TMS row 1).
  EXPECT_EQ(walked[1].first, (geo::TileId{1, 0, 1}));
  EXPECT_EQ(walked[2].first, (geo::TileId{1, 1, 0}));
  for (const auto& [tile, bytes] : tiles) EXPECT_EQ(reader.tile(tile.z, tile.x, tile.y), bytes);
  EXPECT_EQ(reader.tile(1, 0, 0), std::nullopt);
  EXPECT_EQ(reader.tile(1, 2, 0), std::nullopt) << "no column 2 at zoom 1";
  EXPECT_EQ(reader.tile(-1, 0, 0), std::nullopt);
  EXPECT_EQ(reader.tile(31, 0, 0), std::nullopt);

  const auto metadata = reader.metadata();
  EXPECT_EQ(metadata.at("name"), "Round trip");
  EXPECT_EQ(metadata.at("format"), "png");
  EXPECT_EQ(metadata.at("maxzoom"), "3");
}

TEST(MbtilesReader, FlipsRowsFromTheSouth) {
  TempDir dir;
  const std::string path = tiles_table(dir, {{3, 1, 7, "north edge"}, {3, 1, 0, "south edge"}});
  MbtilesReader reader(path);
  EXPECT_EQ(reader.tile(3, 1, 0), "north edge");
  EXPECT_EQ(reader.tile(3, 1, 7), "south edge");
  std::vector<geo::TileId> walked;
  reader.for_each_tile([&](const geo::TileId& tile, std::string_view) { walked.push_back(tile); });
  EXPECT_EQ(walked, (std::vector<geo::TileId>{{3, 1, 7}, {3, 1, 0}}));
  EXPECT_TRUE(reader.metadata().empty());
}

TEST(MbtilesReader, ARowThatIsNoTileStopsTheWalk) {
  TempDir dir;
  const std::string path = tiles_table(dir, {{2, 1, 4, "row 4 of 0-3"}});
  MbtilesReader reader(path);
  EXPECT_NE(test::input_error_of([&] {
              reader.for_each_tile([](const geo::TileId&, std::string_view) {});
            }).find(path + ": tile 2/1/4 (TMS row) is not a tile"),
            std::string::npos);
}

TEST(MbtilesReader, AFileThatIsNotMbtilesIsAOneLineErrorNamingIt) {
  TempDir dir;
  const std::string text = dir.write("notes.mbtiles", "these are not tiles\n");
  const std::string message = test::input_error_of([&] { MbtilesReader{text}; });
  EXPECT_EQ(message.rfind(text + ": SQLite: file is not a database", 0), 0u) << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);

  const std::string empty = dir.file("empty.mbtiles");
  {
    SqliteDatabase db(empty, empty, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "");
    db.exec("CREATE TABLE metadata (name TEXT, value TEXT)");
  }
  EXPECT_EQ(test::input_error_of([&] { MbtilesReader{empty}; }),
            empty + ": not an MBTiles file (no `tiles` table or view)");
  EXPECT_NE(test::input_error_of([&] {
              MbtilesReader{dir.file("absent.mbtiles")};
            }).find("absent.mbtiles: SQLite:"),
            std::string::npos);
}

}  // namespace
}  // namespace covermap::outputs
