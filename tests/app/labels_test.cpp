#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

struct LabelBox {
  std::string text;
  double left, top, right, bottom;
};

// The labels of an SVG figure (text kept as text), by their font size, with the box their glyphs occupy:
// Pango's width, and from the baseline up 0.9 and down 0.2 of the size (inside the line box placement uses).
std::vector<LabelBox> label_boxes(const std::string& svg, const std::string& size) {
  std::vector<LabelBox> boxes;
  const std::regex element("<text x=\"([-0-9.]+)\" y=\"([-0-9.]+)\"[^>]* font-size=\"" + size +
                           "\"[^>]* textLength=\"([0-9.]+)\"[^>]*>([^<]*)</text>");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), element); it != std::sregex_iterator(); ++it) {
    const double x = std::stod((*it)[1]), baseline = std::stod((*it)[2]), width = std::stod((*it)[3]);
    const double em = std::stod(size);
    boxes.push_back({(*it)[4], x, baseline - 0.9 * em, x + width, baseline + 0.2 * em});
  }
  return boxes;
}

// Sichuan's 183 counties at a scale where most names cannot all fit: labels must give way, never overlap.
TEST(Labels, CountyLabelsNeverOverlap) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  TempDir dir;
  std::string csv = "adcode,value\n";
  for (const char* code : {"510104", "510105", "510106", "510107", "510108"})
    csv += std::string(code) + ",1\n";
  dir.write("values.csv", csv);
  const std::string map = dir.write("map.yaml", "boundaries: {source: \"" + gpkg +
                                                    "\", layer: county, id: adcode, name: name}\n"
                                                    "data: {source: values.csv, key: adcode}\n"
                                                    "value: value\nclassify: {method: categorical}\n"
                                                    "extent: [97.3, 26, 108.6, 34.4]\n"
                                                    "labels: {field: name, size_pt: 6.8}\n"
                                                    "page: {width_mm: 160, height_mm: 130}\n");
  const auto result = run_cli("render '" + map + "' -o '" + dir.file("sichuan.svg") + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const std::vector<LabelBox> boxes = label_boxes(read_file(dir.file("sichuan.svg")), "6.8");
  EXPECT_GT(boxes.size(), 60u) << "most of Sichuan's counties should be named";
  for (std::size_t i = 0; i < boxes.size(); ++i)
    for (std::size_t j = i + 1; j < boxes.size(); ++j) {
      const LabelBox& a = boxes[i];
      const LabelBox& b = boxes[j];
      const bool overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
      EXPECT_FALSE(overlap) << a.text << " overlaps " << b.text;
    }
}

}  // namespace
}  // namespace covermap::test
