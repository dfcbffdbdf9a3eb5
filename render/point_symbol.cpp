#include "render/point_symbol.hpp"

#include <algorithm>
#include <cmath>

namespace covermap::render {
namespace {

constexpr double kStrokeWidthPt = 0.4;
// Each shape's half-size for a circle of radius 1 and the same area.
const double kSquareHalf = std::sqrt(M_PI) / 2;                             // side √π
const double kDiamondHalf = std::sqrt(M_PI / 2);                            // a square on its corner
const double kTriangleRadius = std::sqrt(4 * M_PI / (3 * std::sqrt(3.0)));  // equilateral, circumradius
constexpr double kStarInner = 0.45;                                         // inner radius over outer radius
// A five-pointed star of outer radius R has area 5 R² sin(36°) kStarInner; scaled to π.
const double kStarOuter = std::sqrt(M_PI / (5 * std::sin(M_PI / 5) * kStarInner));

void star_path(cairo_t* cr, geo::Point at, double outer) {
  for (int i = 0; i < 10; ++i) {
    const double radius = i % 2 == 0 ? outer : outer * kStarInner;
    const double angle = -M_PI / 2 + i * M_PI / 5;
    const double x = at.x + radius * std::cos(angle), y = at.y + radius * std::sin(angle);
    if (i == 0)
      cairo_move_to(cr, x, y);
    else
      cairo_line_to(cr, x, y);
  }
  cairo_close_path(cr);
}

void symbol_path(cairo_t* cr, styles::MarkShape shape, geo::Point at, double r) {
  cairo_new_path(cr);
  switch (shape) {
    case styles::MarkShape::circle:
      cairo_arc(cr, at.x, at.y, r, 0, 2 * M_PI);
      break;
    case styles::MarkShape::square:
      cairo_rectangle(cr, at.x - r * kSquareHalf, at.y - r * kSquareHalf, 2 * r * kSquareHalf,
                      2 * r * kSquareHalf);
      break;
    case styles::MarkShape::diamond:
      cairo_move_to(cr, at.x, at.y - r * kDiamondHalf);
      cairo_line_to(cr, at.x + r * kDiamondHalf, at.y);
      cairo_line_to(cr, at.x, at.y + r * kDiamondHalf);
      cairo_line_to(cr, at.x - r * kDiamondHalf, at.y);
      cairo_close_path(cr);
      break;
    case styles::MarkShape::triangle: {
      // Centred on its centroid, pointing up.
      const double c = r * kTriangleRadius;
      cairo_move_to(cr, at.x, at.y - c);
      cairo_line_to(cr, at.x + c * std::sqrt(3.0) / 2, at.y + c / 2);
      cairo_line_to(cr, at.x - c * std::sqrt(3.0) / 2, at.y + c / 2);
      cairo_close_path(cr);
      break;
    }
    case styles::MarkShape::star:
      star_path(cr, at, r * kStarOuter);
      break;
  }
}

// How far the shape reaches from its centre, for a circle of radius 1 and the same area.
double reach(styles::MarkShape shape) {
  switch (shape) {
    case styles::MarkShape::circle:
      return 1;
    case styles::MarkShape::square:
      return kSquareHalf;
    case styles::MarkShape::diamond:
      return kDiamondHalf;
    case styles::MarkShape::triangle:
      return kTriangleRadius;
    case styles::MarkShape::star:
      return kStarOuter;
  }
  return 1;
}

}  // namespace

void draw_symbol(cairo_t* cr, styles::MarkShape shape, geo::Point at, double radius_pt,
                 const styles::Color& fill, const styles::Color& stroke) {
  CairoSaveGuard guard(cr);
  symbol_path(cr, shape, at, radius_pt);
  set_source(cr, fill);
  cairo_fill_preserve(cr);
  set_source(cr, stroke);
  cairo_set_line_width(cr, kStrokeWidthPt);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER);
  cairo_stroke(cr);
}

Rect symbol_box(styles::MarkShape shape, geo::Point at, double radius_pt) {
  const double half = radius_pt * reach(shape) + kStrokeWidthPt / 2;
  return {at.x - half, at.y - half, 2 * half, 2 * half};
}

Badge::Badge(cairo_t* cr, const std::string& number, const TextStyle& style)
    : layout_(make_layout(cr, number, style)) {
  // Centred on the digits' ink, not the line's box, whose ascent and descent are the CJK font's.
  PangoRectangle ink;
  pango_layout_get_extents(layout_.get(), &ink, nullptr);
  ink_x_ = static_cast<double>(ink.x) / PANGO_SCALE;
  ink_y_ = static_cast<double>(ink.y) / PANGO_SCALE;
  ink_width_ = static_cast<double>(ink.width) / PANGO_SCALE;
  ink_height_ = static_cast<double>(ink.height) / PANGO_SCALE;
  const double padding = style.size_pt * 0.3;
  height_ = ink_height_ + 2 * padding;
  width_ = std::max(height_, ink_width_ + 2.4 * padding);
}

void Badge::draw(cairo_t* cr, geo::Point centre, const styles::Color& fill, bool hollow) const {
  const Rect box = this->box(centre);
  const double radius = height_ / 2;
  {
    CairoSaveGuard guard(cr);
    cairo_new_path(cr);
    cairo_arc(cr, box.x + radius, box.y + radius, radius, M_PI / 2, 3 * M_PI / 2);
    cairo_arc(cr, box.right() - radius, box.y + radius, radius, -M_PI / 2, M_PI / 2);
    cairo_close_path(cr);
    set_source(cr, hollow ? styles::Color{255, 255, 255} : fill);
    cairo_fill_preserve(cr);
    set_source(cr, hollow ? fill : styles::Color{255, 255, 255});
    cairo_set_line_width(cr, hollow ? 0.6 : 0.5);
    cairo_stroke(cr);
  }
  draw_layout(cr, layout_.get(), centre.x - ink_width_ / 2 - ink_x_, centre.y - ink_height_ / 2 - ink_y_,
              hollow ? fill : styles::Color{255, 255, 255});
}

}  // namespace covermap::render
