#pragma once
// Owning pointers for SQLite handles, and the one place SQLite status codes become exceptions.
#include <sqlite3.h>

#include <memory>
#include <string>

namespace covermap::outputs {

struct SqliteDeleter {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqlitePtr = std::unique_ptr<sqlite3, SqliteDeleter>;

struct SqliteStatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using SqliteStatementPtr = std::unique_ptr<sqlite3_stmt, SqliteStatementDeleter>;

// Throws InputError naming `path` with SQLite's message when `status` is not `expected`.
void check_sqlite(int status, sqlite3* db, const std::string& path, int expected = SQLITE_OK);

}  // namespace covermap::outputs
