#pragma once
// Owning pointers for SQLite handles, and the one place SQLite status codes become exceptions: every call
// whose result matters goes through a checked helper here.
#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace covermap::outputs {

struct SqliteDeleter {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }  // v2: frees once open statements finish
};
using SqlitePtr = std::unique_ptr<sqlite3, SqliteDeleter>;

struct SqliteStatementDeleter {
  void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using SqliteStatementPtr = std::unique_ptr<sqlite3_stmt, SqliteStatementDeleter>;

// One open database whose every call is checked: a failure is an InputError naming `path` (the file the user
// gave, which may differ from the one open, e.g. a temporary) with SQLite's message and `hint`.
// For a process where many threads read databases at once (covermap serve): SQLite then keeps no memory
// statistics, which it would update under one process-wide mutex on every allocation. Call before SQLite is
// first used; false when it was too late (nothing changes then).
bool sqlite_without_memory_statistics();

class SqliteDatabase {
 public:
  SqliteDatabase(const std::string& file, std::string path, int open_flags, std::string hint);

  void exec(const char* sql);
  SqliteStatementPtr prepare(const char* sql);
  // Runs a bound statement that returns no rows and resets it for the next use.
  void step(sqlite3_stmt* statement);
  // Steps a query: true when a row is ready to read, false at its end.
  bool next_row(sqlite3_stmt* statement);
  // Throws unless `status` is `expected`.
  void check(int status, int expected = SQLITE_OK) const;
  // Closes now, so that a failure to finish writing is reported.
  void close();
  sqlite3* get() const { return db_.get(); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string hint_;
  SqlitePtr db_;
};

// Binds parameter `index` (from 1); the bytes must outlive the statement's next step. Throws InputError
// naming `path` when SQLite refuses (a value past its limits, no such parameter).
void bind_int64(sqlite3_stmt* statement, int index, std::int64_t value, const std::string& path);
void bind_blob(sqlite3_stmt* statement, int index, std::string_view bytes, const std::string& path);
void bind_text(sqlite3_stmt* statement, int index, std::string_view text, const std::string& path);

// Closes the database, checked: the last writes of a journal-less database land at close. On failure the
// handle stays in `db` (its deleter frees it) and InputError names `path`.
void close_database(SqlitePtr& db, const std::string& path);

}  // namespace covermap::outputs
