// The marks of the points: layer on the page: symbols of equal area for equal radius, numbered badges of one
// place set side by side, units' labels kept clear of the points' labels, and legend keys for symbols and
// badges.
#include <gtest/gtest.h>

#include <cairo-svg.h>

#include <cmath>

#include "render/draw_legend.hpp"
#include "render/draw_points.hpp"
#include "render/draw_units.hpp"
#include "render/point_symbol.hpp"
#include "render/text_collector.hpp"

namespace covermap::render {
namespace {

// Pixels of `colour` (opaque RGB) in an image surface, inside `box` (all of it when empty).
int pixels_of(cairo_surface_t* surface, styles::Color colour, const Rect& box = {}) {
  cairo_surface_flush(surface);
  const int width = cairo_image_surface_get_width(surface);
  const int height = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  int count = 0;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      if (box.width > 0 && (x < box.x || x >= box.right() || y < box.y || y >= box.bottom())) continue;
      const unsigned char* p =
          data + static_cast<std::ptrdiff_t>(y) * stride + static_cast<std::ptrdiff_t>(x) * 4;  // BGRA
      count += p[2] == colour.r && p[1] == colour.g && p[0] == colour.b;
    }
  return count;
}

// How much of the surface a red mark covers, in pixels: each pixel counts by how far its green channel went
// from the white paper's 255 towards the fill's 0, so anti-aliased edges count by their coverage.
double red_coverage(cairo_surface_t* surface) {
  cairo_surface_flush(surface);
  const int width = cairo_image_surface_get_width(surface);
  const int height = cairo_image_surface_get_height(surface);
  const int stride = cairo_image_surface_get_stride(surface);
  const unsigned char* data = cairo_image_surface_get_data(surface);
  double covered = 0;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) covered += (255 - data[y * stride + x * 4 + 1]) / 255.0;
  return covered;
}

TEST(PointSymbols, EveryShapeHasTheAreaOfItsCircle) {
  constexpr double kRadius = 40;
  const styles::Color fill{200, 0, 0};
  for (const auto shape : {styles::MarkShape::circle, styles::MarkShape::square, styles::MarkShape::diamond,
                           styles::MarkShape::triangle, styles::MarkShape::star}) {
    CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 200));
    CairoPtr cr(cairo_create(surface.get()));
    cairo_set_source_rgb(cr.get(), 1, 1, 1);
    cairo_paint(cr.get());
    draw_symbol(cr.get(), shape, {100, 100}, kRadius, fill, fill);
    // The outline (0.4 units, half of it outside) adds a thin band: within 2% of the circle's area.
    EXPECT_NEAR(red_coverage(surface.get()), M_PI * kRadius * kRadius, 0.02 * M_PI * kRadius * kRadius)
        << "shape " << static_cast<int>(shape);
    const Rect box = symbol_box(shape, {100, 100}, kRadius);
    EXPECT_EQ(pixels_of(surface.get(), fill), pixels_of(surface.get(), fill, box)) << "the box holds it all";
  }
}

Scene scene_with_points(std::vector<ScenePoint> points) {
  Scene scene;
  scene.style.projection = "EPSG:4326";
  scene.extent = {0, 0, 100, 100};
  scene.points = std::move(points);
  return scene;
}

TEST(PointPlacement, BadgesOfOnePlaceAreSetSideBySide) {
  const Scene scene = scene_with_points({{{50, 50}, 1.5, "", {}, styles::MarkShape::circle, "8"},
                                         {{50, 50}, 1.5, "", {}, styles::MarkShape::circle, "11"}});
  CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 200, 200));
  CairoPtr cr(cairo_create(surface.get()));
  const Rect frame{0, 0, 200, 200};
  const PointPlacement placed = place_points(cr.get(), scene, MapTransform(scene.extent, frame), frame);
  ASSERT_EQ(placed.badges.size(), 2u);
  const Rect first = placed.boxes[0], second = placed.boxes[1];
  EXPECT_FALSE(first.overlaps(second)) << "both numbers readable";
  EXPECT_DOUBLE_EQ(placed.badges[0].at.y, placed.badges[1].at.y) << "on one line";
  EXPECT_DOUBLE_EQ(placed.badges[0].at.x, 100) << "the first at its place";
  EXPECT_LT(second.x - first.right(), 2) << "and the next right beside it";
}

TEST(PointPlacement, AUnitsLabelMovesOffAPointsLabel) {
  // A square unit whose label point is where a point's label goes: the unit's label moves a line up or down.
  Scene scene = scene_with_points({{{48, 50}, 2, "Sansui County", {200, 0, 0}, styles::MarkShape::star, ""}});
  SceneUnit unit;
  unit.shape = {{{{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}}, {}}};
  unit.bounds = geo::bounds(unit.shape);
  unit.label = "Guizhou";
  unit.label_at = {55, 50};
  unit.area = 10000;
  scene.units.push_back(unit);
  scene.style.labels.field = "name";

  CairoSurfacePtr surface(cairo_svg_surface_create(nullptr, 200, 200));
  TextCollector text;
  text.attach(surface.get());
  {
    CairoPtr cr(cairo_create(surface.get()));
    const Rect frame{0, 0, 200, 200};
    const MapTransform transform(scene.extent, frame);
    const PointPlacement placed = place_points(cr.get(), scene, transform, frame);
    draw_labels(cr.get(), scene, transform, frame, placed.boxes);
    draw_points(cr.get(), scene, placed);
  }
  ASSERT_EQ(text.lines().size(), 2u) << "both labels printed";
  const PlacedTextLine& unit_label = text.lines()[0];
  const PlacedTextLine& point_label = text.lines()[1];
  EXPECT_EQ(unit_label.text, "Guizhou");
  EXPECT_EQ(point_label.text, "Sansui County");
  EXPECT_GT(std::abs(unit_label.baseline - point_label.baseline), unit_label.size_pt)
      << "a line apart, not on top of each other";
}

TEST(LegendKeys, SymbolsAndBadgesStandBesideTheirLabels) {
  Scene scene;
  styles::LegendEntry star{"Epicentre", {203, 24, 29}};
  star.key = styles::LegendEntry::Key::symbol;
  star.shape = styles::MarkShape::star;
  star.radius_pt = 5;
  styles::LegendEntry badge{"May: pilots in four provinces", scene.style.points.badge_fill};
  badge.key = styles::LegendEntry::Key::badge;
  badge.number = "5";
  styles::LegendEntry hollow = badge;
  hollow.label = "October: an education partnership (map 7)";
  hollow.number = "10";
  hollow.hollow = true;
  scene.legend = {{"Supplies for children", {253, 174, 107}}, star, badge, hollow};

  CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, 400, 300));
  CairoPtr cr(cairo_create(surface.get()));
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_paint(cr.get());
  const Rect frame{0, 0, 400, 300};
  draw_legend(cr.get(), scene, frame);
  const auto box = legend_box(cr.get(), scene, frame);
  ASSERT_TRUE(box.has_value());
  EXPECT_GT(pixels_of(surface.get(), {253, 174, 107}, *box), 50) << "the class's swatch";
  EXPECT_GT(pixels_of(surface.get(), {203, 24, 29}, *box), 30) << "the star";
  EXPECT_GT(pixels_of(surface.get(), scene.style.points.badge_fill, *box), 15) << "the solid badge";
  EXPECT_EQ(pixels_of(surface.get(), {203, 24, 29}), pixels_of(surface.get(), {203, 24, 29}, *box))
      << "nothing outside the legend's box";
}

}  // namespace
}  // namespace covermap::render
