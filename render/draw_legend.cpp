#include "render/draw_legend.hpp"

#include <algorithm>
#include <optional>
#include <vector>

#include "render/hatch.hpp"
#include "render/point_symbol.hpp"
#include "render/text.hpp"

namespace covermap::render {
namespace {

// The legend's measures in points: full size, and compact (small multiples, where a panel's map is small).
struct Measures {
  double padding, swatch_width, swatch_height, row_gap, label_gap, title_pt, second_title_pt, label_pt;
};
constexpr Measures kFull{5, 13, 8.5, 2.5, 4.5, 7.5, 7, 7};
constexpr Measures kCompact{3, 10, 6.5, 1.5, 3.5, 6.5, 6, 6};

const Measures& measures(const Scene& scene) {
  return scene.style.legend.compact ? kCompact : kFull;
}

constexpr double kSectionGap = 2.5;  // more space where the point symbols follow the classes

// Where an entry starts a new section: its key is not the previous entry's.
bool starts_section(const std::vector<styles::LegendEntry>& entries, std::size_t i) {
  return i > 0 && (entries[i].key == styles::LegendEntry::Key::swatch) !=
                      (entries[i - 1].key == styles::LegendEntry::Key::swatch);
}

void draw_swatch(cairo_t* cr, const styles::LegendEntry& entry, double x, double y, double swatch_width,
                 double swatch_height) {
  CairoSaveGuard guard(cr);
  cairo_rectangle(cr, x, y, swatch_width, swatch_height);
  set_source(cr, entry.fill);
  cairo_fill_preserve(cr);
  if (entry.hatch) {
    CairoSaveGuard clip_guard(cr);
    cairo_clip(cr);
    hatch_clip(cr, x + y);
    cairo_rectangle(cr, x, y, swatch_width, swatch_height);
  }
  cairo_set_source_rgb(cr, 0.55, 0.55, 0.55);
  cairo_set_line_width(cr, 0.4);
  cairo_stroke(cr);
}

TextStyle title_style(const Scene& scene) {
  return text_style(scene.style, measures(scene).title_pt, true, {0x22, 0x22, 0x22});
}
TextStyle second_title_style(const Scene& scene) {
  return text_style(scene.style, measures(scene).second_title_pt, false, {0x44, 0x44, 0x44});
}
TextStyle label_style(const Scene& scene) {
  return text_style(scene.style, measures(scene).label_pt, false, {0x33, 0x33, 0x33});
}

TextStyle badge_style(const Scene& scene) {
  return text_style(scene.style, scene.style.points.badge_size_pt, true, {255, 255, 255});
}

// The size of an entry's key: its swatch, symbol or badge.
TextSize key_size(cairo_t* cr, const Scene& scene, const styles::LegendEntry& entry) {
  const Measures& m = measures(scene);
  switch (entry.key) {
    case styles::LegendEntry::Key::swatch:
      return {m.swatch_width, m.swatch_height};
    case styles::LegendEntry::Key::symbol: {
      const Rect box = symbol_box(entry.shape, {0, 0}, entry.radius_pt);
      return {box.width, box.height};
    }
    case styles::LegendEntry::Key::badge: {
      const Badge badge(cr, entry.number, badge_style(scene));
      return {badge.width(), badge.height()};
    }
  }
  return {};
}

void draw_key(cairo_t* cr, const Scene& scene, const styles::LegendEntry& entry, const Rect& cell) {
  const geo::Point centre{cell.x + cell.width / 2, cell.y + cell.height / 2};
  switch (entry.key) {
    case styles::LegendEntry::Key::swatch:
      draw_swatch(cr, entry, cell.x, cell.y, cell.width, cell.height);
      break;
    case styles::LegendEntry::Key::symbol:
      draw_symbol(cr, entry.shape, centre, entry.radius_pt, entry.fill, entry.stroke);
      break;
    case styles::LegendEntry::Key::badge:
      Badge(cr, entry.number, badge_style(scene)).draw(cr, centre, entry.fill, entry.hollow);
      break;
  }
}

struct LegendLayout {
  PangoLayoutPtr title;
  TextSize title_size;  // both title lines
  PangoLayoutPtr second_title;
  double first_title_height = 0;
  std::vector<PangoLayoutPtr> labels;
  std::vector<TextSize> keys;  // each entry's key
  double key_width = 0;        // the keys' column
  Rect box;                    // on the page
};

std::optional<LegendLayout> lay_out_legend(cairo_t* cr, const Scene& scene, const Rect& frame) {
  if (scene.style.legend.position == styles::LegendPosition::none || scene.legend.empty())
    return std::nullopt;
  const Measures& m = measures(scene);
  const double padding = m.padding, swatch_width = m.swatch_width, swatch_height = m.swatch_height,
               row_gap = m.row_gap, label_gap = m.label_gap;
  const double max_label_width = frame.width * 0.35;

  LegendLayout out;
  const double title_width = max_label_width + swatch_width + label_gap;
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
  out.key_width = swatch_width;
  for (const auto& entry : scene.legend) {
    out.keys.push_back(key_size(cr, scene, entry));
    out.key_width = std::max(out.key_width, out.keys.back().width);
  }
  double width = out.title_size.width;
  double height = out.title_size.height > 0 ? out.title_size.height + row_gap + 1 : 0;
  for (std::size_t i = 0; i < scene.legend.size(); ++i) {
    out.labels.push_back(make_layout(cr, scene.legend[i].label, label_style(scene), max_label_width));
    const TextSize size = layout_size(out.labels.back().get());
    width = std::max(width, out.key_width + label_gap + size.width);
    height += std::max({swatch_height, out.keys[i].height, size.height}) + row_gap;
    if (starts_section(scene.legend, i)) height += kSectionGap;
  }
  height -= row_gap;
  out.box = {0, 0, width + 2 * padding, height + 2 * padding};

  const bool left = scene.style.legend.position == styles::LegendPosition::bottom_left ||
                    scene.style.legend.position == styles::LegendPosition::top_left;
  const bool top = scene.style.legend.position == styles::LegendPosition::top_left ||
                   scene.style.legend.position == styles::LegendPosition::top_right;
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
  const Measures& m = measures(scene);
  const double padding = m.padding, swatch_width = m.swatch_width, swatch_height = m.swatch_height,
               row_gap = m.row_gap, label_gap = m.label_gap;
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

  double cursor = y + padding;
  if (title) draw_layout(cr, title.get(), x + padding, cursor, title_style(scene).color);
  if (layout->second_title)
    draw_layout(cr, layout->second_title.get(), x + padding, cursor + layout->first_title_height,
                second_title_style(scene).color);
  if (title_size.height > 0) cursor += title_size.height + row_gap + 1;
  for (std::size_t i = 0; i < scene.legend.size(); ++i) {
    if (starts_section(scene.legend, i)) cursor += kSectionGap;
    const TextSize size = layout_size(labels[i].get());
    const TextSize key = layout->keys[i];
    const double row_height = std::max({swatch_height, key.height, size.height});
    // Swatches fill the key column's width; symbols and badges are centred in it. A label of several lines
    // keeps its key beside the first.
    const double key_height =
        scene.legend[i].key == styles::LegendEntry::Key::swatch ? swatch_height : key.height;
    const double key_width =
        scene.legend[i].key == styles::LegendEntry::Key::swatch ? swatch_width : layout->key_width;
    const double first_line = std::min(row_height, std::max(key_height, line_height(labels[i].get())));
    draw_key(cr, scene, scene.legend[i],
             {x + padding, cursor + (first_line - key_height) / 2, key_width, key_height});
    draw_layout(cr, labels[i].get(), x + padding + layout->key_width + label_gap,
                cursor + (row_height - size.height) / 2, label_style(scene).color);
    cursor += row_height + row_gap;
  }
}

}  // namespace covermap::render
