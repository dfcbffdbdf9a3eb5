#pragma once
// Text kept as text. Cairo's SVG surface can only draw glyphs as outlines, which a report designer cannot
// edit or search; so for SVG the figure's text is collected here instead of drawn, and written out as SVG
// <text> elements on top of Cairo's drawing (text is always the topmost mark of a figure).
#include <string>
#include <string_view>
#include <vector>

#include "render/cairo_handles.hpp"
#include "styles/color.hpp"

namespace covermap::render {

struct PlacedTextLine {
  std::string text;
  double x = 0;  // start of the line's baseline, in page points
  double baseline = 0;
  double width = 0;  // as Pango laid it out, so viewers space it the same
  std::string font_family;
  std::string language;
  double size_pt = 0;
  bool bold = false;
  styles::Color color;
  double halo_width = 0;
  styles::Color halo;
};

class TextCollector {
 public:
  // From now on, text drawn on `surface` through draw_layout lands here instead. The collector must outlive
  // the drawing.
  void attach(cairo_surface_t* surface);
  // The collector attached to `cr`'s surface, or nullptr: draw the glyphs.
  static TextCollector* of(cairo_t* cr);

  void add(cairo_t* cr, PangoLayout* layout, double x, double y, const styles::Color& color,
           double halo_width, const styles::Color& halo);
  const std::vector<PlacedTextLine>& lines() const { return lines_; }

 private:
  std::vector<PlacedTextLine> lines_;
};

// The lines as one SVG group of <text> elements (halo as a stroke painted under the fill).
std::string svg_text_elements(const std::vector<PlacedTextLine>& lines);

// `text` with &, <, > and " escaped: for SVG text here, and any XML or HTML made elsewhere (the TileJSON
// legend).
std::string escape_xml(std::string_view text);

}  // namespace covermap::render
