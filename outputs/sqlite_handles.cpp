#include "outputs/sqlite_handles.hpp"

#include "geo/error.hpp"

namespace covermap::outputs {

bool sqlite_without_memory_statistics() {
  return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
}

SqliteDatabase::SqliteDatabase(const std::string& file, std::string path, int open_flags, std::string hint)
    : path_(std::move(path)), hint_(std::move(hint)) {
  sqlite3* db = nullptr;
  const int status = sqlite3_open_v2(file.c_str(), &db, open_flags, nullptr);
  db_.reset(db);
  check(status);
}

void SqliteDatabase::check(int status, int expected) const {
  if (status == expected) return;
  throw InputError(
      path_, std::string("SQLite: ") + (db_ ? sqlite3_errmsg(db_.get()) : sqlite3_errstr(status)), hint_);
}

void SqliteDatabase::exec(const char* sql) {
  check(sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr));
}

SqliteStatementPtr SqliteDatabase::prepare(const char* sql) {
  sqlite3_stmt* statement = nullptr;
  const int status = sqlite3_prepare_v2(db_.get(), sql, -1, &statement, nullptr);
  SqliteStatementPtr owned(statement);
  check(status);
  return owned;
}

void SqliteDatabase::step(sqlite3_stmt* statement) {
  check(sqlite3_step(statement), SQLITE_DONE);
  check(sqlite3_reset(statement));
  check(sqlite3_clear_bindings(statement));
}

bool SqliteDatabase::next_row(sqlite3_stmt* statement) {
  const int status = sqlite3_step(statement);
  if (status == SQLITE_ROW) return true;
  check(status, SQLITE_DONE);
  return false;
}

void SqliteDatabase::close() {
  const int status = sqlite3_close(db_.get());
  if (status == SQLITE_OK) {
    static_cast<void>(db_.release());  // closed: nothing left to delete
    return;
  }
  check(status);  // still owned, so the deleter closes it once its statements are gone
}

}  // namespace covermap::outputs
