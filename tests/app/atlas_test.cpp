// The atlas make demo builds (examples/china-2023): every map renders on the built-in boundaries alone, and
// each PDF passes what a printed annual review needs: no two words of text overlap, every font is Noto Sans
// CJK and embedded, the source line is in the map's language, and a figure built on illustrative rows says
// "illustrative locations".
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;
using test::run_cli;
using test::run_shell;
using test::TempDir;

const fs::path kAtlas = fs::path(COVERMAP_SOURCE_DIR) / "examples" / "china-2023";

std::vector<std::string> atlas_maps() {
  std::vector<std::string> maps;
  for (const auto& entry : fs::directory_iterator(kAtlas))
    if (entry.path().extension() == ".yaml" && entry.path().filename() != "atlas.yaml")
      maps.push_back(entry.path().filename().string());
  std::sort(maps.begin(), maps.end());
  return maps;
}

struct Word {
  double x0, y0, x1, y1;
  std::string text;
};

// The words pdftotext finds, with their boxes in points.
std::vector<Word> words_of(const std::string& pdf) {
  const std::string html = run_shell("pdftotext -bbox -enc UTF-8 '" + pdf + "' -").out;
  const std::regex word(
      R"re(<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>)re");
  std::vector<Word> words;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), word); it != std::sregex_iterator(); ++it)
    words.push_back(
        {std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]});
  return words;
}

// The share of the smaller box that the two boxes have in common. Words set side by side on a line, or lines
// set one under the other, touch at most: their font boxes meet within rounding.
double overlap(const Word& a, const Word& b) {
  const double width = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  const double height = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  if (width <= 0 || height <= 0) return 0;
  const double smaller = std::min((a.x1 - a.x0) * (a.y1 - a.y0), (b.x1 - b.x0) * (b.y1 - b.y0));
  return smaller > 0 ? width * height / smaller : 0;
}

// Whether a table the map file names has rows marked illustrative.
bool uses_illustrative_rows(const std::string& map) {
  std::ifstream in(kAtlas / map);
  std::stringstream text;
  text << in.rdbuf();
  const std::string yaml = text.str();
  const std::regex table(R"(([A-Za-z0-9_-]+\.csv))");
  for (auto it = std::sregex_iterator(yaml.begin(), yaml.end(), table); it != std::sregex_iterator(); ++it) {
    std::ifstream csv(kAtlas / (*it)[1].str());
    std::string line;
    while (std::getline(csv, line))
      if (line.find(",illustrative") != std::string::npos) return true;
  }
  return false;
}

TEST(Atlas, OverlapIsTheShareOfTheSmallerBox) {
  EXPECT_EQ(overlap({0, 0, 10, 10, "a"}, {10, 0, 20, 10, "b"}), 0) << "side by side";
  EXPECT_EQ(overlap({0, 0, 10, 10, "a"}, {0, 10, 10, 20, "b"}), 0) << "one line under the other";
  EXPECT_DOUBLE_EQ(overlap({0, 0, 10, 10, "a"}, {5, 5, 15, 15, "b"}), 0.25);
  EXPECT_DOUBLE_EQ(overlap({0, 0, 100, 10, "long"}, {40, 2, 45, 8, "in"}), 1) << "a word inside another";
}

class AtlasMap : public ::testing::TestWithParam<std::string> {};

TEST_P(AtlasMap, PrintsCleanly) {
  const std::string map = GetParam();
  TempDir dir;
  const std::string pdf = dir.file("map.pdf");
  const auto result = run_cli("render '" + (kAtlas / map).string() + "' -o '" + pdf + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "") << "no warnings on the built-in boundaries";

  const std::vector<Word> words = words_of(pdf);
  ASSERT_GT(words.size(), 5u);
  for (std::size_t i = 0; i < words.size(); ++i)
    for (std::size_t j = i + 1; j < words.size(); ++j)
      EXPECT_LT(overlap(words[i], words[j]), 0.15)
          << "'" << words[i].text << "' and '" << words[j].text << "' overlap in " << map;

  const std::string fonts = run_shell("pdffonts '" + pdf + "' | tail -n +3").out;
  std::istringstream lines(fonts);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    ++count;
    EXPECT_NE(line.find("NotoSansCJKsc"), std::string::npos) << line;
    EXPECT_NE(line.find(" yes "), std::string::npos) << "embedded: " << line;
  }
  EXPECT_GT(count, 0);

  // The text without its line breaks and spaces: a wrapped note is still one phrase.
  std::string text = run_shell("pdftotext -enc UTF-8 '" + pdf + "' -").out;
  std::erase_if(text, [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
  const bool chinese = map.find(".zh.") != std::string::npos;
  EXPECT_NE(text.find(chinese ? "资料来源：" : "Source:"), std::string::npos) << text;
  if (uses_illustrative_rows(map)) {
    EXPECT_NE(text.find("illustrativelocations"), std::string::npos) << map << " draws illustrative rows";
  }
  if (text.find("SouthChinaSeaIslands") != std::string::npos || text.find("南海诸岛") != std::string::npos) {
    EXPECT_NE(text.find(chinese ? "未绘出断续线" : "Boundarylinenotdrawn"), std::string::npos)
        << "the inset says what it does not draw";
  }
}

INSTANTIATE_TEST_SUITE_P(ChinaAtlas, AtlasMap, ::testing::ValuesIn(atlas_maps()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param.substr(0, info.param.size() - 5);
                           std::replace_if(
                               name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
                           return name;
                         });

TEST(Atlas, EveryMapFileIsInTheProjectInBothLanguages) {
  std::ifstream in(kAtlas / "atlas.yaml");
  std::stringstream project;
  project << in.rdbuf();
  const std::vector<std::string> maps = atlas_maps();
  EXPECT_EQ(maps.size(), 16u) << "eight maps, in Chinese and English";
  for (const std::string& map : maps) {
    EXPECT_NE(project.str().find("- map: " + map), std::string::npos) << map;
    std::string other = map;
    other.replace(other.find(map.find(".zh.") != std::string::npos ? ".zh." : ".en."), 4,
                  map.find(".zh.") != std::string::npos ? ".en." : ".zh.");
    EXPECT_TRUE(fs::exists(kAtlas / other)) << map << " has no " << other;
  }
}

}  // namespace
}  // namespace covermap::app
