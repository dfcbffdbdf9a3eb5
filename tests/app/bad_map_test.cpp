// The bad-input catalogue, map files: each case through the CLI, refused with one error line naming the map
// file and line and what to write instead, exit 2, quickly, and no figure.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kBase =
    "boundaries: builtin:china-provinces\ndata: {source: data.csv, key: Province}\nvalue: Coverage\n";

class BadMap : public ::testing::Test {
 protected:
  void SetUp() override { dir_.write("data.csv", "Province,Coverage\n广东,1\n四川,2\n"); }

  void expect_refused(const std::string& yaml, const std::string& rest) {
    const std::string map = dir_.write("map.yaml", yaml);
    const auto started = std::chrono::steady_clock::now();
    const auto result = run_cli("render '" + map + "' -o '" + dir_.file("out.pdf") + "'");
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
    EXPECT_EQ(result.exit_code, 2) << result.err;
    EXPECT_EQ(error_line(result).rfind("error: " + map + rest, 0), 0u) << error_line(result);
    EXPECT_FALSE(fs::exists(dir_.file("out.pdf")));
  }

  TempDir dir_;
};

TEST_F(BadMap, AnUnknownKeySuggestsTheNearest) {
  expect_refused(std::string(kBase) + "legend: {titel: Coverage}\n",
                 ":4: unknown key 'titel' in legend (did you mean 'title'?)");
}

TEST_F(BadMap, AValueOfTheWrongTypeNamesItsLine) {
  expect_refused(std::string(kBase) + "page: {width_mm: wide}\n",
                 ":4: width_mm must be a number (got 'wide')");
  expect_refused(std::string(kBase) + "title: [a, b]\n", ":4: title must be a single value");
}

TEST_F(BadMap, AnUnknownPaletteSuggestsTheNearest) {
  expect_refused(std::string(kBase) + "palette: YlGnBlu\n",
                 ":4: unknown palette 'YlGnBlu' (did you mean 'YlGnBu'?");
}

TEST_F(BadMap, AYamlAliasBombIsRefusedQuickly) {
  std::string bomb = std::string(kBase) + "a0: &a0 [x, x, x, x, x, x, x, x, x]\n";
  for (int level = 1; level <= 8; ++level) {
    const std::string previous = "*a" + std::to_string(level - 1);
    bomb += "a" + std::to_string(level) + ": &a" + std::to_string(level) + " [" + previous;
    for (int i = 1; i < 9; ++i) bomb += ", " + previous;
    bomb += "]\n";
  }
  expect_refused(bomb, ": expands to more than 100000 values");
}

TEST_F(BadMap, AHundredMegabyteFileIsRefusedBeforeParsing) {
  {
    std::ofstream out(dir_.file("map.yaml"), std::ios::binary);
    out << kBase << "subtitle: \"" << std::string(100 << 20, 'x') << "\"\n";
  }
  const auto result = run_cli("render '" + dir_.file("map.yaml") + "' -o '" + dir_.file("out.pdf") + "'");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(error_line(result).rfind(
                "error: " + dir_.file("map.yaml") + ": is 100 MB, too large for a map file", 0),
            0u)
      << error_line(result);
}

TEST_F(BadMap, APageTooLargeForAPngSaysWhatToLower) {
  const std::string map =
      dir_.write("map.yaml", std::string(kBase) + "page: {width_mm: 2000, height_mm: 2000}\n");
  const auto result = run_cli("render '" + map + "' -o '" + dir_.file("out.png") + "' --dpi 2400");
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_EQ(error_line(result).rfind(
                "error: " + dir_.file("out.png") + ": a PNG of 188976 x 188976 pixels is too large", 0),
            0u)
      << error_line(result);
}

}  // namespace
}  // namespace covermap::test
