#pragma once
// The legend model: what a map's legend lists, in order. Figures draw it (render/draw_legend) and tile sets
// describe it in their TileJSON, from this one list, so the two never disagree.
#include <string>
#include <vector>

#include "styles/classify.hpp"
#include "styles/map_style.hpp"

namespace covermap::styles {

struct LegendEntry {
  // What stands beside the label: a swatch of the fill (classes, no data), a point symbol or a numbered
  // badge.
  enum class Key { swatch, symbol, badge };

  std::string label;
  Color fill;
  bool hatch = false;  // the no-data entry when no-data units are hatched
  Key key = Key::swatch;
  MarkShape shape = MarkShape::circle;  // symbol
  double radius_pt = 0;                 // symbol
  Color stroke{255, 255, 255};          // symbol
  std::string number = {};              // badge
  bool hollow = false;                  // badge: an outline, for a number no place on the map carries
};

// One entry per class, then the no-data entry when some unit has no class (`class_of_unit[i]` is -1) and the
// style names it. With `legend.counts`, each label ends in how many units it holds: "1,000 – 5,000 (12)".
std::vector<LegendEntry> legend_entries(const Classification& classification,
                                        const std::vector<int>& class_of_unit, const LegendStyle& legend,
                                        const NoDataStyle& no_data);

}  // namespace covermap::styles
