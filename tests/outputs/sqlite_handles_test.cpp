// Every SQLite call whose status the MBTiles writer depends on is checked: a bind past SQLite's limits and a
// close that cannot complete are errors, not a silently short archive.
#include "outputs/sqlite_handles.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"

namespace covermap::outputs {
namespace {

SqlitePtr open_memory() {
  sqlite3* db = nullptr;
  sqlite3_open(":memory:", &db);
  return SqlitePtr(db);
}

SqliteStatementPtr prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* statement = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
  return SqliteStatementPtr(statement);
}

TEST(Sqlite, ABindPastSqlitesLimitsIsAnError) {
  SqlitePtr db = open_memory();
  sqlite3_exec(db.get(), "CREATE TABLE t (a BLOB)", nullptr, nullptr, nullptr);
  sqlite3_limit(db.get(), SQLITE_LIMIT_LENGTH, 8);  // stands in for a tile past SQLite's 1 GB limit
  SqliteStatementPtr insert = prepare(db.get(), "INSERT INTO t (a) VALUES (?)");
  EXPECT_NO_THROW(bind_blob(insert.get(), 1, "1234", "out.mbtiles"));
  try {
    bind_blob(insert.get(), 1, "123456789", "out.mbtiles");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("out.mbtiles: SQLite: ", 0), 0u) << e.what();
  }
  EXPECT_THROW(bind_int64(insert.get(), 2, 7, "out.mbtiles"), InputError) << "no second parameter";
  EXPECT_THROW(bind_text(insert.get(), 3, "x", "out.mbtiles"), InputError);
}

TEST(Sqlite, ACloseThatCannotCompleteIsAnErrorAndTheHandleIsStillFreed) {
  SqlitePtr db = open_memory();
  const SqliteStatementPtr open_statement = prepare(db.get(), "SELECT 1");
  EXPECT_THROW(close_database(db, "out.mbtiles"), InputError) << "a statement is still open";
  EXPECT_TRUE(db) << "kept, for the deleter to free once the statement is finalized";
}

}  // namespace
}  // namespace covermap::outputs
