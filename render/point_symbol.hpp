#pragma once
// The marks of the points: layer, drawn alike on the map and in the legend: a symbol (circle, square,
// diamond, triangle, star) of equal area for equal radius, and a numbered badge.
#include <string>

#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/text.hpp"
#include "styles/map_style.hpp"

namespace covermap::render {

// Fills and outlines the symbol centred on `at`: `radius_pt` is the radius of the circle of the same area.
void draw_symbol(cairo_t* cr, styles::MarkShape shape, geo::Point at, double radius_pt,
                 const styles::Color& fill, const styles::Color& stroke);

// The box of the symbol centred on `at`, for keeping labels off it.
Rect symbol_box(styles::MarkShape shape, geo::Point at, double radius_pt);

// A number in a rounded badge: white on the fill, or (hollow) dark in a white badge with a dark outline.
class Badge {
 public:
  Badge(cairo_t* cr, const std::string& number, const TextStyle& style);
  double width() const { return width_; }
  double height() const { return height_; }
  Rect box(geo::Point centre) const {
    return {centre.x - width_ / 2, centre.y - height_ / 2, width_, height_};
  }
  void draw(cairo_t* cr, geo::Point centre, const styles::Color& fill, bool hollow) const;

 private:
  PangoLayoutPtr layout_;
  double ink_x_ = 0, ink_y_ = 0, ink_width_ = 0, ink_height_ = 0;  // of the digits
  double width_ = 0, height_ = 0;
};

}  // namespace covermap::render
