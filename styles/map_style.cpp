#include "styles/map_style.hpp"

#include "geo/error.hpp"

namespace covermap::styles {

LegendPosition parse_legend_position(const std::string& text) {
  if (text.empty() || text == "bottom-left") return LegendPosition::bottom_left;
  if (text == "bottom-right") return LegendPosition::bottom_right;
  if (text == "top-left") return LegendPosition::top_left;
  if (text == "top-right") return LegendPosition::top_right;
  if (text == "none") return LegendPosition::none;
  throw InputError("legend.position", "unknown position '" + text + "'",
                   "bottom-left, bottom-right, top-left, top-right or none");
}

MarkShape parse_mark_shape(const std::string& text) {
  if (text.empty() || text == "circle") return MarkShape::circle;
  if (text == "square") return MarkShape::square;
  if (text == "diamond") return MarkShape::diamond;
  if (text == "triangle") return MarkShape::triangle;
  if (text == "star") return MarkShape::star;
  throw InputError("shape", "unknown shape '" + text + "'", "circle, square, diamond, triangle or star");
}

}  // namespace covermap::styles
