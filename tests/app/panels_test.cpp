// Small multiples (`panels:`): the map file's inheritance, and the page the CLI draws from it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <filesystem>

#include "app/map_file.hpp"
#include "geo/error.hpp"
#include "render/cairo_handles.hpp"
#include "styles/choropleth.hpp"
#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::run_cli;
using test::run_shell;
using test::TempDir;

std::string fixture(const std::string& name) {
  return (fs::path(COVERMAP_SOURCE_DIR) / "tests" / "data" / name).string();
}

std::size_t occurrences(const std::string& text, const std::string& word) {
  std::size_t count = 0;
  for (std::size_t at = text.find(word); at != std::string::npos; at = text.find(word, at + word.size()))
    ++count;
  return count;
}

TEST(PanelsMapFile, PanelsInheritEveryTopLevelKeyAndOverrideTheirOwn) {
  TempDir dir;
  const std::string path = dir.write("panels.yaml", R"yaml(title: "The page"
subtitle: "Its subtitle"
source: "Its source"
boundaries: {source: "builtin:china-provinces"}
data: {source: data/a.csv, key: Province}
value: "A"
classify: {method: quantile, classes: 4}
palette: Blues
borders: {color: "#333333", width_pt: 0.5}
legend: {position: bottom-right}
inset: south-china-sea
grid: {columns: 1}
panels:
  - title: "First"
  - title: "Second"
    data: {source: data/b.csv}
    value: "B"
    palette: Reds
    borders: none
    legend: {title: "Bees"}
)yaml");
  const styles::MapDocument document = load_map_document(path);
  ASSERT_TRUE(document.has_panels);
  ASSERT_EQ(document.maps.size(), 2u);
  EXPECT_EQ(document.columns, 1);
  EXPECT_EQ(document.page.title, "The page");
  EXPECT_EQ(document.page.source, "Its source");
  const styles::MapSpec& first = document.maps[0];
  const styles::MapSpec& second = document.maps[1];
  EXPECT_EQ(first.panel.title, "First");
  EXPECT_EQ(first.panel.index, 1);
  EXPECT_EQ(first.panel.line, 14);
  EXPECT_EQ(first.data.source, dir.file("data/a.csv"));
  EXPECT_EQ(first.value, "A");
  EXPECT_EQ(first.palette.name, "Blues");
  EXPECT_TRUE(first.style.borders.visible);
  EXPECT_EQ(first.style.borders.width_pt, 0.5);
  EXPECT_EQ(first.style.inset, styles::Inset::south_china_sea);
  EXPECT_EQ(first.style.legend.title, "A") << "the legend title defaults to the panel's value column";
  // The second panel: another table, merged key by key with the inherited data (the key stays Province).
  EXPECT_EQ(second.data.source, dir.file("data/b.csv"));
  EXPECT_EQ(second.data.key, "Province");
  EXPECT_EQ(second.value, "B");
  EXPECT_EQ(second.classify.classes, 4);
  EXPECT_EQ(second.palette.name, "Reds");
  EXPECT_FALSE(second.style.borders.visible);
  EXPECT_EQ(second.style.legend.title, "Bees");
  EXPECT_EQ(second.style.legend.position, styles::LegendPosition::bottom_right)
      << "merged with the top level";
  EXPECT_EQ(second.style.inset, styles::Inset::south_china_sea);
}

TEST(PanelsMapFile, UnknownOrPageKeyInAPanelNamesItsLine) {
  TempDir dir;
  const std::string path = dir.write("typo.yaml",
                                     "boundaries: builtin:china-provinces\n"
                                     "data: {source: a.csv, key: Province}\n"
                                     "value: A\n"
                                     "panels:\n"
                                     "  - title: One\n"
                                     "  - title: Two\n"
                                     "    plaette: Reds\n");
  try {
    load_map_document(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":7: unknown key 'plaette' in panel 2", 0), 0u) << e.what();
  }
  const std::string page = dir.write("page.yaml",
                                     "boundaries: builtin:china-provinces\n"
                                     "data: {source: a.csv, key: Province}\n"
                                     "panels:\n"
                                     "  - {title: One, value: A, page: {width_mm: 90}}\n");
  EXPECT_THROW(load_map_document(page), InputError) << "the page is the page's, not a panel's";
  const std::string missing = dir.write("missing.yaml",
                                        "boundaries: builtin:china-provinces\n"
                                        "data: {source: a.csv, key: Province}\n"
                                        "panels:\n"
                                        "  - {title: One, value: A}\n"
                                        "  - {title: Two}\n");
  try {
    load_map_document(missing);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(missing + ":5: panel 2: value is missing", 0), 0u) << e.what();
  }
  EXPECT_THROW(load_map_file(missing), InputError) << "one-map verbs refuse a panels file";
}

TEST(PanelsBoundaries, PanelsSharingASourceLoadItOnce) {
  const geo::GeosContext geos;
  styles::BoundaryStore store(geos);
  boundaries::BoundarySpec provinces{"builtin:china-provinces", "", "", "", ""};
  const boundaries::BoundarySet first = store.load(provinces);
  const boundaries::BoundarySet second = store.load(provinces);
  EXPECT_EQ(store.loads(), 1);
  ASSERT_EQ(first.units.size(), 34u);
  ASSERT_EQ(second.units.size(), 34u);
  EXPECT_EQ(second.units[5].id, first.units[5].id);
  EXPECT_EQ(second.units[5].geometry.size(), first.units[5].geometry.size()) << "a whole copy, geometry too";
  store.load(boundaries::BoundarySpec{"builtin:china-provinces", "", "", "name_en", ""});
  EXPECT_EQ(store.loads(), 2) << "another name field is another set";
}

// Four panels of the fixtures' data, one colour each, on a page without a title block: a 2 x 2 grid whose
// cells meet at the page's centre lines.
std::string four_panels(const TempDir& dir, const std::string& title) {
  return dir.write("four.yaml", title + R"yaml(
boundaries: {source: "builtin:china-provinces"}
data: {source: )yaml" + fixture("children-reached.csv") +
                                    R"yaml(, key: Province}
value: "Children reached"
classify: {method: quantile, classes: 1}
borders: none
legend: {position: none}
scale_bar: false
page: {width_mm: 180, height_mm: 150}
panels:
  - {title: "Children reached (panel one)", palette: ["#e41a1c"]}
  - {title: "ECD services (panel two)", data: {source: )yaml" +
                                    fixture("ecd-provinces.csv") + R"yaml(}, value: "ECD programme (2023)",
     classify: {method: categorical}, palette: ["#377eb8", "#377eb8", "#377eb8"]}
  - {title: "Child-friendly cities (panel three)", data: {source: )yaml" +
                                    fixture("programmes-provinces.csv") +
                                    R"yaml(}, value: "Child-friendly cities", palette: ["#4daf4a"]}
  - {title: "WASH pilots (panel four)", data: {source: )yaml" +
                                    fixture("programmes-provinces.csv") +
                                    R"yaml(}, value: "WASH pilot counties", palette: ["#984ea3"]}
)yaml");
}

TEST(PanelsCli, PdfCarriesEveryHeadingAndThePageTitleOnce) {
  TempDir dir;
  const std::string map =
      four_panels(dir, "title: \"Four programmes on one page\"\nsource: \"covermap tests\"");
  const std::string pdf = dir.file("four.pdf");
  const auto result = run_cli("render '" + map + "' -o '" + pdf + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("4 panels"), std::string::npos) << result.out;
  const std::string text = run_shell("pdftotext -enc UTF-8 '" + pdf + "' -").out;
  EXPECT_EQ(occurrences(text, "Four programmes on one page"), 1u) << text;
  EXPECT_EQ(occurrences(text, "Source: covermap tests"), 1u) << text;
  for (const char* heading : {"panel one", "panel two", "panel three", "panel four"})
    EXPECT_EQ(occurrences(text, heading), 1u) << heading << " in\n" << text;
}

TEST(PanelsCli, EachCellOfTheGridHoldsItsOwnPanelsColour) {
  TempDir dir;
  const std::string map = four_panels(dir, "");
  const std::string png = dir.file("four.png");
  const auto result = run_cli("render '" + map + "' -o '" + png + "' --dpi 72");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  render::CairoSurfacePtr image(cairo_image_surface_create_from_png(png.c_str()));
  ASSERT_EQ(cairo_surface_status(image.get()), CAIRO_STATUS_SUCCESS);
  const int width = cairo_image_surface_get_width(image.get());
  const int height = cairo_image_surface_get_height(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  const unsigned char* data = cairo_image_surface_get_data(image.get());
  const unsigned colours[4] = {0xe41a1c, 0x377eb8, 0x4daf4a, 0x984ea3};
  // counts[colour][cell]: cells in reading order, split at the page's centre lines.
  long counts[4][4] = {};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const unsigned char* p =
          data + std::ptrdiff_t{y} * stride + std::ptrdiff_t{x} * 4;  // BGRA in memory on little-endian
      const unsigned rgb = (static_cast<unsigned>(p[2]) << 16) | (static_cast<unsigned>(p[1]) << 8) | p[0];
      const int cell = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
      for (int c = 0; c < 4; ++c)
        if (rgb == colours[c]) ++counts[c][cell];
    }
  for (int c = 0; c < 4; ++c) {
    EXPECT_GT(counts[c][c], 2000) << "panel " << c + 1 << " fills its own cell";
    for (int cell = 0; cell < 4; ++cell)
      if (cell != c) {
        EXPECT_EQ(counts[c][cell], 0) << "panel " << c + 1 << "'s colour in cell " << cell + 1;
      }
  }
}

TEST(PanelsCli, AJoinProblemInOnePanelRefusesTheRenderNamingThePanel) {
  TempDir dir;
  dir.write("good.csv", "Province,Value\n广东,1\n四川,2\n");
  dir.write("bad.csv", "Province,Value\n广东,1\nAtlantis Province,2\n");
  const std::string map = dir.write("map.yaml",
                                    "title: Page\n"
                                    "boundaries: {source: \"builtin:china-provinces\"}\n"
                                    "data: {source: good.csv, key: Province}\n"
                                    "value: Value\n"
                                    "panels:\n"
                                    "  - title: Fine\n"
                                    "  - title: Broken\n"
                                    "    data: {source: bad.csv}\n");
  const std::string pdf = dir.file("out.pdf");
  const auto refused = run_cli("render '" + map + "' -o '" + pdf + "'");
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_EQ(std::count(refused.err.begin(), refused.err.end(), '\n'), 1) << refused.err;
  EXPECT_NE(refused.err.find(map + ":7: panel 2 (\"Broken\"): "), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("bad.csv: 1 row did not join"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(pdf));
  EXPECT_EQ(run_cli("render '" + map + "' -o '" + pdf + "' --allow-unmatched").exit_code, 0);
  EXPECT_TRUE(fs::exists(pdf));

  const std::string report_path = dir.file("join.json");
  const auto join = run_cli("join '" + map + "' --report '" + report_path + "'");
  EXPECT_EQ(join.exit_code, 2);
  EXPECT_NE(join.out.find("panel 1 (Fine): "), std::string::npos) << join.out;
  EXPECT_NE(join.out.find("panel 2 (Broken): "), std::string::npos) << join.out;
  const auto report = nlohmann::json::parse(read_file(report_path));
  ASSERT_TRUE(report.is_array());
  ASSERT_EQ(report.size(), 2u);
  EXPECT_EQ(report[0]["panel"]["title"], "Fine");
  EXPECT_TRUE(report[0]["unmatched"].empty());
  EXPECT_EQ(report[1]["panel"]["index"], 2);
  ASSERT_EQ(report[1]["unmatched"].size(), 1u);
  EXPECT_EQ(report[1]["unmatched"][0]["row"], 2);
  EXPECT_EQ(report[1]["boundaries"]["units"], 34);
}

}  // namespace
}  // namespace covermap::app
