#pragma once
// How a figure should look, as plain data read from the map file: page, titles, borders, legend, labels.
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "styles/color.hpp"

namespace covermap::styles {

struct PageSpec {
  double width_mm = 180;
  double height_mm = 150;
  double dpi = 300;  // PNG only
};

struct BorderStyle {
  bool visible = true;
  Color color{255, 255, 255};
  double width_pt = 0.3;
};

struct NoDataStyle {
  Color fill{0xee, 0xee, 0xee};
  bool hatch = true;
  std::string label = "No data";
};

struct LabelStyle {
  std::string field;   // unit attribute to print; empty: no labels
  std::string column;  // or a column of the data table, printed on the units its rows join
  double size_pt = 7;
};

enum class LegendPosition { bottom_left, bottom_right, top_left, top_right, none };

struct LegendStyle {
  std::string title;
  std::string title_en;  // a second title line, e.g. the English of a Chinese title
  LegendPosition position = LegendPosition::bottom_left;
  bool counts = false;   // "1,000 – 5,000 (12)": how many units each class holds
  bool compact = false;  // smaller swatches, type and spacing: for the small maps of panels
};

// A framed inset at the lower right of the map, at its own scale.
enum class Inset {
  none,
  south_china_sea,  // the South China Sea islands, as maps of China carry them
};

// The language of the words covermap itself prints: "Source:", the inset's title and notes.
enum class Language { en, zh };

// The shape of a point symbol.
enum class MarkShape { circle, square, diamond, triangle, star };

MarkShape parse_mark_shape(const std::string& text);  // throws InputError

// One value of the points' kind column and how its points look (`points.kinds`).
struct PointKind {
  std::string value;  // as written in the kind column
  std::string label;  // the legend's text; empty: the value
  Color fill{0xd7, 0x30, 0x27};
  MarkShape shape = MarkShape::circle;
  double radius_pt = 0;  // 0: the layer's min_radius_pt
};

// The `points:` symbol layer: a symbol per point row (a circle by default), its area proportional to a
// value, or its colour and shape by kind, or a numbered badge; with labels beside them.
struct PointStyle {
  Color fill{0xd7, 0x30, 0x27, 220};
  Color stroke{255, 255, 255};
  MarkShape shape = MarkShape::circle;
  double min_radius_pt = 1.5;  // the smallest value (or every point, without a size column)
  double max_radius_pt = 5;    // the largest value
  double label_size_pt = 6;
  std::string legend;                  // the legend entry of points drawn alike; empty: none
  std::vector<PointKind> kinds;        // listed kinds, in legend order
  Color badge_fill{0x25, 0x25, 0x25};  // numbered points: the badge, with the number in white
  double badge_size_pt = 5.5;          // of the number
};

struct MapStyle {
  std::string title;
  std::string subtitle;
  std::string source;
  std::string projection = "china-albers";
  std::optional<geo::Box> extent;  // lon/lat box to frame; default: all units
  PageSpec page;
  BorderStyle borders;
  NoDataStyle no_data;
  LabelStyle labels;
  LegendStyle legend;
  Inset inset = Inset::none;  // on: the main map's default extent leaves out the islands the inset shows
  std::string inset_title;    // printed in the inset's corner
  std::string inset_note;     // what the inset does not draw, under its title
  Language words = Language::en;
  bool scale_bar = true;          // drawn in the bottom corner the legend leaves free, when the CRS is metric
  bool north_arrow = false;       // in a top corner the legend leaves free, pointing to true north
  double graticule_step_deg = 0;  // meridians and parallels every this many degrees; 0: none
  PointStyle points;
  std::string font = "Noto Sans CJK SC";
  std::string language = "zh-cn";  // so Noto Sans CJK draws Simplified Chinese glyph forms
};

LegendPosition parse_legend_position(const std::string& text);  // throws InputError

}  // namespace covermap::styles
