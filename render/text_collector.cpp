#include "render/text_collector.hpp"

#include <cstdio>

namespace covermap::render {
namespace {

const cairo_user_data_key_t kCollectorKey{};

}  // namespace

std::string escape_xml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  std::string out = text;
  while (out.back() == '0') out.pop_back();
  if (out.back() == '.') out.pop_back();
  return out == "-0" ? "0" : out;
}

// Opacity is written apart (fill-opacity, stroke-opacity), so the colour itself is the opaque "#rrggbb".
std::string colour(const styles::Color& color) {
  return styles::Color{color.r, color.g, color.b}.hex();
}

}  // namespace

void TextCollector::attach(cairo_surface_t* surface) {
  cairo_surface_set_user_data(surface, &kCollectorKey, this, nullptr);
}

TextCollector* TextCollector::of(cairo_t* cr) {
  return static_cast<TextCollector*>(cairo_surface_get_user_data(cairo_get_target(cr), &kCollectorKey));
}

void TextCollector::add(cairo_t* cr, PangoLayout* layout, double x, double y, const styles::Color& color,
                        double halo_width, const styles::Color& halo) {
  const PangoFontDescription* font = pango_layout_get_font_description(layout);
  PangoContext* context = pango_layout_get_context(layout);
  const char* text = pango_layout_get_text(layout);
  PangoLayoutIter* iter = pango_layout_get_iter(layout);
  do {
    PangoLayoutLine* line = pango_layout_iter_get_line_readonly(iter);
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    PlacedTextLine placed;
    placed.text.assign(text + line->start_index, static_cast<std::size_t>(line->length));
    while (!placed.text.empty() && (placed.text.back() == '\n' || placed.text.back() == ' '))
      placed.text.pop_back();
    if (placed.text.empty()) continue;
    double page_x = x + static_cast<double>(logical.x) / PANGO_SCALE;
    double page_y = y + static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
    cairo_user_to_device(cr, &page_x, &page_y);
    placed.x = page_x;
    placed.baseline = page_y;
    placed.width = static_cast<double>(logical.width) / PANGO_SCALE;
    placed.font_family = font != nullptr ? pango_font_description_get_family(font) : "sans-serif";
    placed.language = pango_language_to_string(pango_context_get_language(context));
    placed.size_pt =
        font != nullptr ? static_cast<double>(pango_font_description_get_size(font)) / PANGO_SCALE : 10;
    placed.bold = font != nullptr && pango_font_description_get_weight(font) >= PANGO_WEIGHT_BOLD;
    placed.color = color;
    placed.halo_width = halo_width;
    placed.halo = halo;
    lines_.push_back(std::move(placed));
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
}

std::string svg_text_elements(const std::vector<PlacedTextLine>& lines) {
  std::string out = "<g id=\"text\">\n";
  for (const auto& line : lines) {
    out += "<text x=\"" + number(line.x) + "\" y=\"" + number(line.baseline) + "\" xml:lang=\"" +
           escape_xml(line.language) + "\" font-family=\"" + escape_xml(line.font_family) +
           ", sans-serif\" font-size=\"" + number(line.size_pt) + "\"";
    if (line.bold) out += " font-weight=\"bold\"";
    out += " fill=\"" + colour(line.color) + "\"";
    if (line.color.a != 255) out += " fill-opacity=\"" + number(line.color.a / 255.0) + "\"";
    if (line.halo_width > 0) {
      out += " stroke=\"" + colour(line.halo) + "\" stroke-width=\"" + number(line.halo_width) +
             "\" stroke-linejoin=\"round\" paint-order=\"stroke\"";
      if (line.halo.a != 255) out += " stroke-opacity=\"" + number(line.halo.a / 255.0) + "\"";
    }
    out += " textLength=\"" + number(line.width) + "\" lengthAdjust=\"spacingAndGlyphs\">" +
           escape_xml(line.text) + "</text>\n";
  }
  return out + "</g>\n";
}

}  // namespace covermap::render
