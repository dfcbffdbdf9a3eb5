#include "render/text.hpp"

#include "render/text_collector.hpp"
#include "styles/map_style.hpp"

namespace covermap::render {

TextStyle text_style(const styles::MapStyle& map, double size_pt, bool bold, const styles::Color& color) {
  return {map.font, map.language, size_pt, bold, color};
}

void set_source(cairo_t* cr, const styles::Color& color) {
  cairo_set_source_rgba(cr, color.r / 255.0, color.g / 255.0, color.b / 255.0, color.a / 255.0);
}

PangoLayoutPtr make_layout(cairo_t* cr, const std::string& text, const TextStyle& style, double max_width) {
  PangoLayoutPtr layout(pango_cairo_create_layout(cr));
  // One user unit is one point on every surface, so font sizes are in points whatever the PNG's dpi.
  PangoContext* context = pango_layout_get_context(layout.get());
  pango_cairo_context_set_resolution(context, 72);
  pango_context_set_language(context, pango_language_from_string(style.language.c_str()));
  // Cairo's image surface puts each glyph on a whole pixel; with unhinted (fractional) advances that spaces
  // small text unevenly, so rasters get whole-pixel advances. Vector surfaces keep exact outline metrics.
  const bool raster = cairo_surface_get_type(cairo_get_target(cr)) == CAIRO_SURFACE_TYPE_IMAGE;
  const CairoFontOptionsPtr options(cairo_font_options_create());
  cairo_font_options_set_hint_metrics(options.get(), raster ? CAIRO_HINT_METRICS_ON : CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), raster ? CAIRO_HINT_STYLE_SLIGHT : CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(options.get(), CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(context, options.get());  // copies them
  // Our user unit is a whole point: rounding glyph positions to it would space small text unevenly.
  pango_context_set_round_glyph_positions(context, FALSE);
  pango_layout_context_changed(layout.get());

  PangoFontDescriptionPtr description(pango_font_description_from_string(style.font.c_str()));
  pango_font_description_set_absolute_size(description.get(), style.size_pt * PANGO_SCALE);
  pango_font_description_set_weight(description.get(), style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), description.get());

  PangoAttrListPtr attributes(pango_attr_list_new());
  pango_attr_list_insert(attributes.get(),
                         pango_attr_language_new(pango_language_from_string(style.language.c_str())));
  pango_layout_set_attributes(layout.get(), attributes.get());

  if (max_width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(max_width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
  }
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  return layout;
}

TextSize layout_size(PangoLayout* layout) {
  PangoRectangle logical;
  pango_layout_get_extents(layout, nullptr, &logical);
  return {static_cast<double>(logical.width) / PANGO_SCALE,
          static_cast<double>(logical.height) / PANGO_SCALE};
}

double line_height(PangoLayout* layout) {
  PangoLayoutLine* line = pango_layout_get_line_readonly(layout, 0);
  if (line == nullptr) return 0;
  PangoRectangle logical;
  pango_layout_line_get_extents(line, nullptr, &logical);
  return static_cast<double>(logical.height) / PANGO_SCALE;
}

void draw_layout(cairo_t* cr, PangoLayout* layout, double x, double y, const styles::Color& color,
                 double halo_width, const styles::Color& halo) {
  if (TextCollector* collector = TextCollector::of(cr)) {
    collector->add(cr, layout, x, y, color, halo_width, halo);
    return;
  }
  CairoSaveGuard guard(cr);
  cairo_move_to(cr, x, y);
  if (halo_width > 0) {
    pango_cairo_layout_path(cr, layout);
    set_source(cr, halo);
    cairo_set_line_width(cr, halo_width);
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    cairo_stroke(cr);
    cairo_move_to(cr, x, y);
  }
  set_source(cr, color);
  pango_cairo_show_layout(cr, layout);
}

}  // namespace covermap::render
