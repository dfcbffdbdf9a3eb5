// The MBTiles writer's last writes land when the database closes: a close that cannot complete is an error
// naming the output, and the handle is still freed.
#include "outputs/sqlite_handles.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

TEST(Sqlite, ACloseThatCannotCompleteIsAnError) {
  SqliteDatabase db(":memory:", "out.mbtiles", SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, "a hint");
  const SqliteStatementPtr still_open = db.prepare("SELECT 1");
  EXPECT_EQ(test::input_error_of([&] { db.close(); }).rfind("out.mbtiles: SQLite: ", 0), 0u);
  EXPECT_TRUE(db.get()) << "kept, for the deleter to free once the statement is finalized";
}

}  // namespace
}  // namespace covermap::outputs
