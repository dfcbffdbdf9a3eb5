#pragma once
// A page of maps: one map, or several in a grid (small multiples), under one title block and source line.
#include <string>
#include <vector>

#include "render/scene.hpp"

namespace covermap::render {

struct Panel {
  std::string heading;  // printed above the panel's map; empty: none
  Scene scene;
};

struct Figure {
  styles::MapStyle
      page;  // the page's size, font, title, subtitle and source; the maps' own styles are their scenes'
  std::vector<Panel> panels;
  int columns = 0;  // of the grid; 0: the count that shows the maps largest (a near-square grid)
};

struct Grid {
  int columns = 1;
  int rows = 1;
};

// The grid `figure.panels` are laid out in: `figure.columns` when set, else the column count (1 to the panel
// count) at which the smallest map is largest, each map's extent fitted into a cell of `width` x `height`
// points less `heading_height` for its heading; ties go to fewer empty cells, then to the squarer grid.
Grid panel_grid(const Figure& figure, double width, double height, double heading_height);

}  // namespace covermap::render
