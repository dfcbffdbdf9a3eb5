// Tables that must be refused rather than misread: text in an encoding it is not, broken quoting, rows with
// more cells than the header, an empty file or a header without rows.
#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

using test::TempDir;

// The message of the InputError `read` throws, or "" when it throws none.
template <typename Read>
std::string refusal(Read&& read) {
  try {
    read();
  } catch (const InputError& e) {
    return e.what();
  }
  return {};
}

TEST(TableInput, TextThatIsNotValidInTheNamedEncodingIsRefusedWithItsRow) {
  TempDir dir;
  // 广东省 in GBK, then a byte GBK has no character for: iconv would silently drop it.
  const std::string path = dir.write("gbk.csv", "name,value\n\xB9\xE3\xB6\xAB\xCA\xA1,1\nab\xFF,2\n");
  const std::string message = refusal([&] { read_table(path, {"", "GBK"}); });
  EXPECT_EQ(message.rfind(path + ":2: column 'name': text is not valid GBK", 0), 0u) << message;
  EXPECT_NE(message.find("encoding"), std::string::npos) << "the hint says which setting to change";
}

TEST(TableInput, TextThatIsNeitherUtf8NorGb18030IsRefused) {
  TempDir dir;
  const std::string path = dir.write("mixed.csv", "name,value\nok,1\nbad\xFF,2\n");
  const std::string message = refusal([&] { read_table(path); });
  EXPECT_EQ(message.rfind(path + ":2: column 'name': text is neither UTF-8 nor GB18030", 0), 0u) << message;
}

TEST(TableInput, AnUnknownEncodingNameIsRefused) {
  TempDir dir;
  const std::string path = dir.write("data.csv", "name,value\n广东,1\n");
  const std::string message = refusal([&] { read_table(path, {"", "GKB"}); });
  EXPECT_EQ(message.rfind(path + ": unknown encoding 'GKB'", 0), 0u) << message;
}

}  // namespace
}  // namespace covermap::geo
