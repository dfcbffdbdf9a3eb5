#include "outputs/mbtiles_reader.hpp"

#include "geo/error.hpp"

namespace covermap::outputs {
namespace {

constexpr const char* kReadHint = "is it an MBTiles file?";

// Whether z/column/row can be a tile (so the TMS flip cannot wrap around).
bool is_tile(std::int64_t z, std::int64_t column, std::int64_t row) {
  return z >= 0 && z <= geo::kMaxTileZoom && column >= 0 && row >= 0 && (column >> z) == 0 && (row >> z) == 0;
}

std::string_view blob(sqlite3_stmt* statement, int column) {
  const auto* data = static_cast<const char*>(sqlite3_column_blob(statement, column));
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))};
}

// Resets a statement however its use ends, so it can be bound again. The status reset returns repeats the
// last step's, which was checked there.
struct ResetOnExit {
  sqlite3_stmt* statement;
  ~ResetOnExit() { sqlite3_reset(statement); }
};

std::string text(sqlite3_stmt* statement, int column) {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
  return data ? std::string(data, static_cast<std::size_t>(sqlite3_column_bytes(statement, column))) : "";
}

// A file: URI of `path` with SQLite's immutable flag.
std::string immutable_uri(const std::string& path) {
  std::string uri = "file:";
  for (const char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      static constexpr char kHex[] = "0123456789ABCDEF";
      uri += '%';
      uri += kHex[static_cast<unsigned char>(c) >> 4];
      uri += kHex[static_cast<unsigned char>(c) & 15];
    } else {
      uri += c;
    }
  }
  return uri + "?immutable=1";
}

}  // namespace

MbtilesReader::MbtilesReader(const std::string& path, Unchanging options)
    : db_(immutable_uri(path), path, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, kReadHint) {
  db_.exec(("PRAGMA cache_size = -" + std::to_string(options.cache_kib)).c_str());
  prepare_queries();
}

MbtilesReader::MbtilesReader(const std::string& path) : db_(path, path, SQLITE_OPEN_READONLY, kReadHint) {
  prepare_queries();
}

void MbtilesReader::prepare_queries() {
  SqliteStatementPtr find =
      db_.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'tiles' AND type IN ('table', 'view')");
  if (!db_.next_row(find.get()) || sqlite3_column_int(find.get(), 0) == 0)
    throw InputError(path(), "not an MBTiles file (no `tiles` table or view)");
  tile_query_ =
      db_.prepare("SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?");
}

std::map<std::string, std::string> MbtilesReader::metadata() {
  SqliteStatementPtr query = db_.prepare("SELECT name, value FROM metadata");
  std::map<std::string, std::string> metadata;
  while (db_.next_row(query.get())) metadata.emplace(text(query.get(), 0), text(query.get(), 1));
  return metadata;
}

std::optional<std::pair<int, int>> MbtilesReader::zoom_levels() {
  SqliteStatementPtr query = db_.prepare("SELECT min(zoom_level), max(zoom_level) FROM tiles");
  if (!db_.next_row(query.get()) || sqlite3_column_type(query.get(), 0) == SQLITE_NULL) return std::nullopt;
  return std::pair{sqlite3_column_int(query.get(), 0), sqlite3_column_int(query.get(), 1)};
}

std::optional<std::string> MbtilesReader::tile(int z, std::uint32_t x, std::uint32_t y) {
  if (!is_tile(z, x, y)) return std::nullopt;
  sqlite3_stmt* query = tile_query_.get();
  const ResetOnExit reset{query};
  db_.check(sqlite3_bind_int(query, 1, z));
  db_.check(sqlite3_bind_int64(query, 2, x));
  db_.check(sqlite3_bind_int64(query, 3, geo::tms_row({z, x, y})));
  if (!db_.next_row(query)) return std::nullopt;
  return std::string(blob(query, 0));
}

void MbtilesReader::for_each_tile(const std::function<void(const geo::TileId&, std::string_view)>& visit) {
  SqliteStatementPtr query = db_.prepare(
      "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles ORDER BY zoom_level, tile_column, "
      "tile_row");
  while (db_.next_row(query.get())) {
    const std::int64_t z = sqlite3_column_int64(query.get(), 0);
    const std::int64_t column = sqlite3_column_int64(query.get(), 1);
    const std::int64_t row = sqlite3_column_int64(query.get(), 2);
    if (!is_tile(z, column, row))
      throw InputError(path(), "tile " + std::to_string(z) + "/" + std::to_string(column) + "/" +
                                   std::to_string(row) + " (TMS row) is not a tile of zooms 0-" +
                                   std::to_string(geo::kMaxTileZoom));
    // The flip is its own inverse: the TMS row of a TMS row is the XYZ row.
    const geo::TileId tms{static_cast<int>(z), static_cast<std::uint32_t>(column),
                          static_cast<std::uint32_t>(row)};
    visit({tms.z, tms.x, geo::tms_row(tms)}, blob(query.get(), 3));
  }
}

}  // namespace covermap::outputs
