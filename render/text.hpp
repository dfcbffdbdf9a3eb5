#pragma once
// Text through Pango, in points, with the figure's font and language, so Chinese renders with the right
// glyphs on every surface.
#include <string>

#include "render/cairo_handles.hpp"
#include "styles/color.hpp"
#include "styles/map_style.hpp"

namespace covermap::render {

struct TextStyle {
  std::string font = "Noto Sans CJK SC";
  std::string language = "zh-cn";
  double size_pt = 8;
  bool bold = false;
  styles::Color color{0x22, 0x22, 0x22};
};

// A style in the map's font and language.
TextStyle text_style(const styles::MapStyle& map, double size_pt, bool bold, const styles::Color& color);

struct TextSize {
  double width = 0;
  double height = 0;
};

// A laid-out piece of text; `max_width` wraps it (0: no wrapping).
PangoLayoutPtr make_layout(cairo_t* cr, const std::string& text, const TextStyle& style,
                           double max_width = 0);
TextSize layout_size(PangoLayout* layout);
// The height of the layout's first line (of a wrapped text, less than its whole height).
double line_height(PangoLayout* layout);

// Draws with the top-left corner at (x, y); a halo (white outline) keeps labels legible over fills.
void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y, const styles::Color& color,
                 double halo_width = 0, const styles::Color& halo = {255, 255, 255, 217});

void set_source(cairo_t* cr, const styles::Color& color);

}  // namespace covermap::render
