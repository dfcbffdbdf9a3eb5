#pragma once
// The legend model: what a map's legend lists, in order. Figures draw it (render/draw_legend) and tile sets
// describe it in their TileJSON, from this one list, so the two never disagree.
#include <string>
#include <vector>

#include "styles/classify.hpp"
#include "styles/map_style.hpp"

namespace covermap::styles {

struct LegendEntry {
  std::string label;
  Color fill;
  bool hatch = false;  // the no-data entry when no-data units are hatched
};

// One entry per class, then the no-data entry when some unit has no class (`class_of_unit[i]` is -1) and the
// style names it. With `legend.counts`, each label ends in how many units it holds: "1,000 – 5,000 (12)".
std::vector<LegendEntry> legend_entries(const Classification& classification,
                                        const std::vector<int>& class_of_unit, const LegendStyle& legend,
                                        const NoDataStyle& no_data);

}  // namespace covermap::styles
