// Usage errors as a user meets them: one `error:` line in covermap's own form, exit 1, and nothing written.
// Tile pyramids past z18 or of more than 10 million tiles need --yes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml";

long lines(const std::string& text) {
  return std::count(text.begin(), text.end(), '\n');
}

// Exit 1 and a single line "error: <start>..." on stderr.
void expect_usage_error(const std::string& arguments, const std::string& start) {
  const auto result = run_cli(arguments);
  EXPECT_EQ(result.exit_code, 1) << arguments << "\n" << result.err;
  EXPECT_EQ(lines(result.err), 1) << arguments << "\n" << result.err;
  EXPECT_EQ(result.err.rfind("error: " + start, 0), 0u) << arguments << "\n" << result.err;
}

TEST(Usage, ParserErrorsAreOneErrorLineInCovermapsForm) {
  TempDir dir;
  const std::string out = dir.file("out.mbtiles");
  expect_usage_error(
      "tiles '" + kExample + "' -o '" + out + "' --zoom x",
      "--zoom: 'x' is not MIN-MAX (zoom levels 0 to 22, e.g. 0-10) (see covermap tiles --help)");
  expect_usage_error("tiles '" + kExample + "' -o '" + out + "' --zoom 0-5 --bounds 70,15",
                     "--bounds: '70,15' is not WEST,SOUTH,EAST,NORTH in degrees");
  expect_usage_error("tiles '" + kExample + "' --zoom 0-5",
                     "--output is required (see covermap tiles --help)");
  expect_usage_error("tiles '" + kExample + "' -o '" + out + "' --zom 3", "");
  expect_usage_error("render", "");
  expect_usage_error("", "a command is required");
  expect_usage_error("no-such-verb", "");
  EXPECT_FALSE(fs::exists(out));
  const auto help = run_cli("tiles --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--yes"), std::string::npos) << help.out;
}

TEST(Usage, ZoomPast18NeedsYes) {
  TempDir dir;
  const std::string out = dir.file("deep.pmtiles");
  const auto result = run_cli("tiles '" + kExample + "' -o '" + out + "' --zoom 0-19");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(lines(result.err), 1) << result.err;
  EXPECT_EQ(result.err.rfind("error: --zoom 0-19: zoom 19 is past z18", 0), 0u) << result.err;
  EXPECT_NE(result.err.find("--yes"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Usage, MoreThanTenMillionTilesNeedYesAndTheMessageCountsThem) {
  TempDir dir;
  const std::string out = dir.file("big.mbtiles");
  const auto result = run_cli("tiles '" + kExample + "' -o '" + out + "' --zoom 15");
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(lines(result.err), 1) << result.err;
  EXPECT_EQ(result.err.rfind("error: --zoom 15: ", 0), 0u) << result.err;
  EXPECT_NE(result.err.find(" tiles, more than 10,000,000"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("--yes"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(out));
}

TEST(Usage, YesLetsADeepButSmallPyramidThrough) {
  TempDir dir;
  const std::string out = dir.file("tiananmen/");
  const auto result = run_cli("tiles '" + kExample + "' -o '" + out +
                              "' --zoom 19 --bounds 116.390,39.900,116.392,39.902 --yes");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_TRUE(fs::exists(dir.file("tiananmen/19")));
}

}  // namespace
}  // namespace covermap::test
