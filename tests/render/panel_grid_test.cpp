// The grid small multiples are laid out in: the column count that shows the maps largest.
#include <gtest/gtest.h>

#include "render/figure.hpp"

namespace covermap::render {
namespace {

// `count` panels whose maps are `aspect` times as wide as tall.
Figure panels_of(int count, double aspect, int columns = 0) {
  Figure figure;
  figure.columns = columns;
  for (int i = 0; i < count; ++i) {
    Panel panel;
    panel.scene.extent = geo::Box{0, 0, 1000 * aspect, 1000};
    figure.panels.push_back(std::move(panel));
  }
  return figure;
}

TEST(PanelGrid, FourLandscapeMapsOnALandscapePageMakeTwoByTwo) {
  const Grid grid = panel_grid(panels_of(4, 1.3), 480, 400, 14);
  EXPECT_EQ(grid.columns, 2);
  EXPECT_EQ(grid.rows, 2);
}

TEST(PanelGrid, ThreeMapsTakeTwoByTwoRatherThanThreeThinColumns) {
  const Grid grid = panel_grid(panels_of(3, 1.3), 480, 400, 14);
  EXPECT_EQ(grid.columns, 2);
  EXPECT_EQ(grid.rows, 2);
}

TEST(PanelGrid, AWideShortPageTakesOneRowAndATallPageOneColumn) {
  const Grid row = panel_grid(panels_of(3, 1.3), 900, 250, 14);
  EXPECT_EQ(row.columns, 3);
  EXPECT_EQ(row.rows, 1);
  const Grid column = panel_grid(panels_of(3, 1.3), 250, 700, 14);
  EXPECT_EQ(column.columns, 1);
  EXPECT_EQ(column.rows, 3);
}

TEST(PanelGrid, ColumnsAskedForAreKeptAndCappedAtThePanelCount) {
  const Grid two = panel_grid(panels_of(5, 1.3, 2), 480, 400, 14);
  EXPECT_EQ(two.columns, 2);
  EXPECT_EQ(two.rows, 3);
  const Grid capped = panel_grid(panels_of(2, 1.3, 4), 480, 400, 14);
  EXPECT_EQ(capped.columns, 2);
  EXPECT_EQ(capped.rows, 1);
}

}  // namespace
}  // namespace covermap::render
