#include "render/draw_north_arrow.hpp"

#include <cmath>

#include "render/text.hpp"

namespace covermap::render {
namespace {

constexpr double kInset = 6;   // from the frame's corner
constexpr double kWidth = 14;  // the box: letter above, arrow below
constexpr double kHeight = 30;
constexpr double kArrowLength = 17;
constexpr double kArrowHalfWidth = 4.5;

}  // namespace

std::optional<Rect> north_arrow_box(const Scene& scene, const Rect& frame) {
  if (!scene.style.north_arrow) return std::nullopt;
  const bool legend_top_right = scene.style.legend.position == styles::LegendPosition::top_right;
  const double x = legend_top_right ? frame.x + kInset : frame.right() - kInset - kWidth;
  return Rect{x, frame.y + kInset, kWidth, kHeight};
}

void draw_north_arrow(cairo_t* cr, const Scene& scene, const Rect& box) {
  const TextStyle style = text_style(scene.style, 8, true, {0x33, 0x33, 0x33});
  auto letter = make_layout(cr, "N", style);
  const TextSize size = layout_size(letter.get());
  draw_layout(cr, letter.get(), box.x + (box.width - size.width) / 2, box.y, style.color, 1.5);

  // The arrow turns about its centre to true north: a dark half and a light half, as atlases draw it.
  CairoSaveGuard guard(cr);
  const double centre_y = box.y + size.height + 1 + kArrowLength / 2;
  cairo_translate(cr, box.x + box.width / 2, centre_y);
  cairo_rotate(cr, scene.north_angle);
  const double tip = -kArrowLength / 2;
  const double tail = kArrowLength / 2;
  const double notch = tail - kArrowLength * 0.25;
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_set_line_width(cr, 0.5);
  cairo_move_to(cr, 0, tip);
  cairo_line_to(cr, -kArrowHalfWidth, tail);
  cairo_line_to(cr, 0, notch);
  cairo_close_path(cr);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill_preserve(cr);
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_stroke(cr);
  cairo_move_to(cr, 0, tip);
  cairo_line_to(cr, kArrowHalfWidth, tail);
  cairo_line_to(cr, 0, notch);
  cairo_close_path(cr);
  cairo_fill_preserve(cr);
  cairo_stroke(cr);
}

}  // namespace covermap::render
