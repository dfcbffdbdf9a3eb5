// Tables that must be refused rather than misread: text in an encoding it is not, broken quoting, rows with
// more cells than the header, an empty file or a header without rows.
#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

using test::TempDir;

TEST(TableInput, TextThatIsNotValidInTheNamedEncodingIsRefusedWithItsRow) {
  TempDir dir;
  // 广东省 in GBK, then a byte GBK has no character for: iconv would silently drop it.
  const std::string path = dir.write("gbk.csv", "name,value\n\xB9\xE3\xB6\xAB\xCA\xA1,1\nab\xFF,2\n");
  const std::string message = test::input_error_of([&] { read_table(path, {"", "GBK"}); });
  EXPECT_EQ(message.rfind(path + ":2: column 'name': text is not valid GBK", 0), 0u) << message;
  EXPECT_NE(message.find("encoding"), std::string::npos) << "the hint says which setting to change";
}

TEST(TableInput, TextThatIsNeitherUtf8NorGb18030IsRefused) {
  TempDir dir;
  const std::string path = dir.write("mixed.csv", "name,value\nok,1\nbad\xFF,2\n");
  const std::string message = test::input_error_of([&] { read_table(path); });
  EXPECT_EQ(message.rfind(path + ":2: column 'name': text is neither UTF-8 nor GB18030", 0), 0u) << message;
}

TEST(TableInput, AnUnknownEncodingNameIsRefused) {
  TempDir dir;
  const std::string path = dir.write("data.csv", "name,value\n广东,1\n");
  const std::string message = test::input_error_of([&] { read_table(path, {"", "GKB"}); });
  EXPECT_EQ(message.rfind(path + ": unknown encoding 'GKB'", 0), 0u) << message;
}

TEST(TableInput, AnUnterminatedQuoteIsRefusedWithTheRowWhereItOpened) {
  TempDir dir;
  // Without the check the quote swallows every later line into one cell of row 2.
  const std::string path = dir.write("quote.csv", "name,value\n北京,1\n\"上海,2\n广东,3\n四川,4\n");
  const std::string message = test::input_error_of([&] { read_table(path); });
  EXPECT_EQ(message.rfind(path + ":2: a quote opens here and is never closed", 0), 0u) << message;
  // A stray quote inside a cell opens one too, as the CSV reader sees it.
  const std::string stray = dir.write("stray.csv", "name,value\n北京,1\n上海,2\"x\n广东,3\n");
  EXPECT_EQ(test::input_error_of([&] { read_table(stray); }).rfind(stray + ":2: a quote opens here", 0), 0u);
}

TEST(TableInput, QuotedCellsMaySpanLinesAndHoldSeparators) {
  TempDir dir;
  const std::string path =
      dir.write("ok.csv", "name,note\n\"Beijing, China\",\"two\nlines\"\n\"say \"\"hi\"\"\",3\n\n四川,\n");
  const Table table = read_table(path);
  ASSERT_EQ(table.rows.size(), 3u) << "the blank line is no row";
  EXPECT_EQ(table.rows[0][0], "Beijing, China");
  EXPECT_EQ(table.rows[0][1], "two\nlines");
  EXPECT_EQ(table.rows[1][0], "say \"hi\"");
  EXPECT_EQ(table.rows[2][0], "四川");
}

TEST(TableInput, ARowWithMoreCellsThanTheHeaderIsRefused) {
  TempDir dir;
  // An unquoted decimal comma: the reader would keep "1" and drop "5" without a word.
  const std::string path = dir.write("ragged.csv", "name,value\n北京,2\n\n上海,1,5\n");
  const std::string message = test::input_error_of([&] { read_table(path); });
  EXPECT_EQ(message.rfind(path + ":2: 3 cells where the header has 2", 0), 0u) << message;
  // Semicolons, as European spreadsheets write them, are counted the same way.
  const std::string semicolons = dir.write("semi.csv", "name;value\n北京;2;x\n");
  EXPECT_EQ(test::input_error_of([&] { read_table(semicolons); }).rfind(semicolons + ":1: 3 cells", 0), 0u);
}

TEST(TableInput, ShortRowsAndEmptyTrailingCellsAreRead) {
  TempDir dir;
  const std::string path = dir.write("short.csv", "name,value,note\n北京,2\n上海,1,,\n");
  const Table table = read_table(path);
  ASSERT_EQ(table.rows.size(), 2u);
  EXPECT_EQ(table.rows[0][2], "");
  EXPECT_EQ(table.rows[1][1], "1");
}

TEST(TableInput, AnEmptyFileOrAHeaderWithoutRowsIsRefused) {
  TempDir dir;
  const std::string empty = dir.write("empty.csv", "");
  EXPECT_EQ(test::input_error_of([&] { read_table(empty); }).rfind(empty + ": is empty", 0), 0u)
      << test::input_error_of([&] { read_table(empty); });
  const std::string bom = dir.write("bom.csv", "\xEF\xBB\xBF\r\n");
  EXPECT_EQ(test::input_error_of([&] { read_table(bom); }).rfind(bom + ": is empty", 0), 0u);
  const std::string header = dir.write("header.csv", "name,value\n");
  EXPECT_EQ(test::input_error_of([&] { read_table(header); }).rfind(header + ": has a header but no rows", 0),
            0u)
      << test::input_error_of([&] { read_table(header); });
  const std::string one_column = dir.write("one.csv", "Province\r\n\r\n");
  EXPECT_EQ(test::input_error_of([&] {
              read_table(one_column);
            }).rfind(one_column + ": has a header but no rows", 0),
            0u);
}

}  // namespace
}  // namespace covermap::geo
