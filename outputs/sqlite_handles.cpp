#include "outputs/sqlite_handles.hpp"

#include <limits>

#include "geo/error.hpp"

namespace covermap::outputs {
namespace {

// SQLite takes sizes as int: larger ones are refused here rather than truncated.
int sqlite_size(std::string_view bytes, sqlite3_stmt* statement, const std::string& path) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    check_sqlite(SQLITE_TOOBIG, sqlite3_db_handle(statement), path);
  return static_cast<int>(bytes.size());
}

}  // namespace

void check_sqlite(int status, sqlite3* db, const std::string& path, int expected) {
  if (status == expected) return;
  const bool has_message = db && sqlite3_errcode(db) == status;
  throw InputError(path,
                   std::string("SQLite: ") + (has_message ? sqlite3_errmsg(db) : sqlite3_errstr(status)),
                   "check the folder is writable and the disk has room");
}

void bind_int64(sqlite3_stmt* statement, int index, std::int64_t value, const std::string& path) {
  check_sqlite(sqlite3_bind_int64(statement, index, value), sqlite3_db_handle(statement), path);
}

void bind_blob(sqlite3_stmt* statement, int index, std::string_view bytes, const std::string& path) {
  check_sqlite(
      sqlite3_bind_blob(statement, index, bytes.data(), sqlite_size(bytes, statement, path), SQLITE_STATIC),
      sqlite3_db_handle(statement), path);
}

void bind_text(sqlite3_stmt* statement, int index, std::string_view text, const std::string& path) {
  check_sqlite(
      sqlite3_bind_text(statement, index, text.data(), sqlite_size(text, statement, path), SQLITE_STATIC),
      sqlite3_db_handle(statement), path);
}

void close_database(SqlitePtr& db, const std::string& path) {
  const int status = sqlite3_close(db.get());
  if (status == SQLITE_OK) {
    db.release();  // closed: nothing left for the deleter
    return;
  }
  check_sqlite(status, db.get(), path);
}

}  // namespace covermap::outputs
