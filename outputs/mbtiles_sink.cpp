// MBTiles 1.3 writer: tiles are buffered in a TileBlobStore and inserted at commit, sorted by zoom, column
// and row, into a fresh SQLite database: deduplicated `images` + `map` behind a `tiles` view, TMS rows. The
// rows go in in that order whatever order the tiles came in, so the database's bytes are the same too.
#include <memory>

#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "outputs/sqlite_handles.hpp"
#include "outputs/tile_blob_store.hpp"
#include "outputs/tile_sinks.hpp"

namespace covermap::outputs::detail {
namespace {

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA locking_mode = EXCLUSIVE;
PRAGMA application_id = 0x4d504258;
CREATE TABLE metadata (name TEXT, value TEXT);
CREATE UNIQUE INDEX metadata_name ON metadata (name);
CREATE TABLE images (tile_id INTEGER PRIMARY KEY, tile_data BLOB);
CREATE TABLE map (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_id INTEGER,
                  PRIMARY KEY (zoom_level, tile_column, tile_row)) WITHOUT ROWID;
CREATE VIEW tiles AS
  SELECT map.zoom_level AS zoom_level, map.tile_column AS tile_column, map.tile_row AS tile_row,
         images.tile_data AS tile_data
  FROM map JOIN images ON images.tile_id = map.tile_id;
)sql";

constexpr const char* kWriteHint = "check the folder is writable";

class MbtilesSink : public TileSink {
 public:
  MbtilesSink(const std::string& path, TileFormat format, const TileSinkMemory& memory)
      : path_(path),
        format_(format),
        output_(path),
        store_(output_.temp_path() + ".tiles", path, TileOrder::mbtiles, memory) {}

  void put(const geo::TileId& tile, std::string_view encoded) override { store_.put(tile, encoded); }

  void commit(const TileSetInfo& info) override {
    check_info(info, format_, path_);
    {
      // One thread uses the connection: no mutex taken on every call (a tenth of the inserts' time).
      SqliteDatabase db(output_.temp_path(), path_,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, kWriteHint);
      db.exec(kSchema);
      db.exec("BEGIN");
      write_metadata(db, info);
      SqliteStatementPtr insert_image = db.prepare("INSERT INTO images (tile_id, tile_data) VALUES (?, ?)");
      SqliteStatementPtr insert_map =
          db.prepare("INSERT INTO map (zoom_level, tile_column, tile_row, tile_id) VALUES (?, ?, ?, ?)");
      std::string bytes;
      // Image ids in the order of first use, so they do not depend on the order tiles arrived in.
      store_.for_each_tile([&](const StoredTile& tile) {
        const auto image = static_cast<std::int64_t>(tile.content);
        if (tile.first_use) {
          store_.read(tile.blob, tile.length, bytes);
          db.check(sqlite3_bind_int64(insert_image.get(), 1, image));
          db.check(sqlite3_bind_blob(insert_image.get(), 2, bytes.data(), static_cast<int>(bytes.size()),
                                     SQLITE_STATIC));
          db.step(insert_image.get());
        }
        db.check(sqlite3_bind_int(insert_map.get(), 1, tile.tile.z));
        db.check(sqlite3_bind_int64(insert_map.get(), 2, tile.tile.x));
        db.check(sqlite3_bind_int64(insert_map.get(), 3, geo::tms_row(tile.tile)));  // the one TMS flip
        db.check(sqlite3_bind_int64(insert_map.get(), 4, image));
        db.step(insert_map.get());
      });
      insert_image.reset();
      insert_map.reset();
      db.exec("COMMIT");
      db.close();
    }
    output_.commit();
    write_tilejson(path_, info);
  }

 private:
  void write_metadata(SqliteDatabase& db, const TileSetInfo& info) {
    SqliteStatementPtr insert = db.prepare("INSERT INTO metadata (name, value) VALUES (?, ?)");
    for (const auto& [name, value] : mbtiles_metadata(info)) {
      db.check(sqlite3_bind_text(insert.get(), 1, name.data(), static_cast<int>(name.size()), SQLITE_STATIC));
      db.check(
          sqlite3_bind_text(insert.get(), 2, value.data(), static_cast<int>(value.size()), SQLITE_STATIC));
      db.step(insert.get());
    }
  }

  std::string path_;
  TileFormat format_;
  geo::AtomicOutput output_;
  TileBlobStore store_;
};

}  // namespace

std::unique_ptr<TileSink> make_mbtiles_sink(const std::string& path, TileFormat format,
                                            const TileSinkMemory& memory) {
  return std::make_unique<MbtilesSink>(path, format, memory);
}

}  // namespace covermap::outputs::detail
