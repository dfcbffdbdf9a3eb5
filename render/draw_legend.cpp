#include "render/draw_legend.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "render/hatch.hpp"
#include "render/text.hpp"

namespace covermap::render {
namespace {

constexpr double kPadding = 5;
constexpr double kSwatchWidth = 13;
constexpr double kSwatchHeight = 8.5;
constexpr double kRowGap = 2.5;
constexpr double kLabelGap = 4.5;

void draw_swatch(cairo_t* cr, const LegendEntry& entry, double x, double y) {
  CairoSaveGuard guard(cr);
  cairo_rectangle(cr, x, y, kSwatchWidth, kSwatchHeight);
  set_source(cr, entry.fill);
  cairo_fill_preserve(cr);
  if (entry.hatch) {
    CairoSaveGuard clip_guard(cr);
    cairo_clip(cr);
    hatch_clip(cr, x + y);
    cairo_rectangle(cr, x, y, kSwatchWidth, kSwatchHeight);
  }
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 0.4);
  cairo_stroke(cr);
}

TextStyle title_style(const Scene& scene) {
  return text_style(scene.style, 7.5, true, {0x22, 0x22, 0x22});
}
TextStyle second_title_style(const Scene& scene) {
  return text_style(scene.style, 7, false, {0x44, 0x44, 0x44});
}
TextStyle label_style(const Scene& scene) {
  return text_style(scene.style, 7, false, {0x33, 0x33, 0x33});
}

struct LegendLayout {
  PangoLayoutPtr title;
  TextSize title_size;  // both title lines
  PangoLayoutPtr second_title;
  double first_title_height = 0;
  std::vector<PangoLayoutPtr> labels;
  Rect box;  // on the page
};

std::optional<LegendLayout> lay_out_legend(cairo_t* cr, const Scene& scene, const Rect& frame) {
  if (scene.style.legend.position == LegendPosition::none || scene.legend.empty()) return std::nullopt;
  const double max_label_width = frame.width * 0.35;

  LegendLayout out;
  const double title_width = max_label_width + kSwatchWidth + kLabelGap;
  if (!scene.style.legend.title.empty()) {
    out.title = make_layout(cr, scene.style.legend.title, title_style(scene), title_width);
    out.title_size = layout_size(out.title.get());
    out.first_title_height = out.title_size.height;
  }
  if (!scene.style.legend.title_en.empty()) {
    out.second_title = make_layout(cr, scene.style.legend.title_en, second_title_style(scene), title_width);
    const TextSize size = layout_size(out.second_title.get());
    out.title_size = {std::max(out.title_size.width, size.width), out.title_size.height + size.height};
  }
  double width = out.title_size.width;
  double height = out.title_size.height > 0 ? out.title_size.height + kRowGap + 1 : 0;
  for (const auto& entry : scene.legend) {
    out.labels.push_back(make_layout(cr, entry.label, label_style(scene), max_label_width));
    const TextSize size = layout_size(out.labels.back().get());
    width = std::max(width, kSwatchWidth + kLabelGap + size.width);
    height += std::max(kSwatchHeight, size.height) + kRowGap;
  }
  height -= kRowGap;
  out.box = {0, 0, width + 2 * kPadding, height + 2 * kPadding};

  const bool left = scene.style.legend.position == LegendPosition::bottom_left ||
                    scene.style.legend.position == LegendPosition::top_left;
  const bool top = scene.style.legend.position == LegendPosition::top_left ||
                   scene.style.legend.position == LegendPosition::top_right;
  out.box.x = left ? frame.x : frame.right() - out.box.width;
  out.box.y = top ? frame.y : frame.bottom() - out.box.height;
  return out;
}

}  // namespace

std::optional<Rect> legend_box(cairo_t* cr, const Scene& scene, const Rect& frame) {
  auto layout = lay_out_legend(cr, scene, frame);
  if (!layout) return std::nullopt;
  return layout->box;
}

void draw_legend(cairo_t* cr, const Scene& scene, const Rect& frame) {
  const std::optional<LegendLayout> layout = lay_out_legend(cr, scene, frame);
  if (!layout) return;
  const Rect& box = layout->box;
  const double x = box.x;
  const double y = box.y;
  const PangoLayoutPtr& title = layout->title;
  const TextSize& title_size = layout->title_size;
  const std::vector<PangoLayoutPtr>& labels = layout->labels;

  CairoSaveGuard guard(cr);
  cairo_rectangle(cr, x, y, box.width, box.height);
  cairo_set_source_rgba(cr, 1, 1, 1, 0.9);
  cairo_fill(cr);

  double cursor = y + kPadding;
  if (title) draw_layout(cr, title.get(), x + kPadding, cursor, title_style(scene).color);
  if (layout->second_title)
    draw_layout(cr, layout->second_title.get(), x + kPadding, cursor + layout->first_title_height,
                second_title_style(scene).color);
  if (title_size.height > 0) cursor += title_size.height + kRowGap + 1;
  for (std::size_t i = 0; i < scene.legend.size(); ++i) {
    const TextSize size = layout_size(labels[i].get());
    const double row_height = std::max(kSwatchHeight, size.height);
    draw_swatch(cr, scene.legend[i], x + kPadding, cursor + (row_height - kSwatchHeight) / 2);
    draw_layout(cr, labels[i].get(), x + kPadding + kSwatchWidth + kLabelGap,
                cursor + (row_height - size.height) / 2, label_style(scene).color);
    cursor += row_height + kRowGap;
  }
}

}  // namespace covermap::render
