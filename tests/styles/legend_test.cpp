#include "styles/legend.hpp"

#include <gtest/gtest.h>

namespace covermap::styles {
namespace {

Classification two_classes() {
  Classification classification;
  classification.classes.push_back({"1 – 10", Color{0xde, 0xeb, 0xf7}, 1, 10, 3});
  classification.classes.push_back({"10 – 100", Color{0x31, 0x82, 0xbd}, 10, 100, 1});
  return classification;
}

TEST(Legend, ListsTheClassesThenNoDataWhenAUnitHasNone) {
  const auto entries = legend_entries(two_classes(), {0, 0, 0, 1, -1, -1}, LegendStyle{}, NoDataStyle{});
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].label, "1 – 10");
  EXPECT_EQ(entries[1].fill, (Color{0x31, 0x82, 0xbd}));
  EXPECT_EQ(entries[2].label, "No data");
  EXPECT_TRUE(entries[2].hatch);
}

TEST(Legend, NoNoDataEntryWhenEveryUnitHasData) {
  EXPECT_EQ(legend_entries(two_classes(), {0, 1}, LegendStyle{}, NoDataStyle{}).size(), 2u);
}

TEST(Legend, CountsHowManyUnitsEachEntryHolds) {
  LegendStyle legend;
  legend.counts = true;
  const auto entries = legend_entries(two_classes(), {0, 0, 0, 1, -1, -1}, legend, NoDataStyle{});
  EXPECT_EQ(entries[0].label, "1 – 10 (3)");
  EXPECT_EQ(entries[2].label, "No data (2)");
}

}  // namespace
}  // namespace covermap::styles
