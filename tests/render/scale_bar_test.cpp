#include <geodesic.h>
#include <gtest/gtest.h>

#include <cairo-svg.h>

#include <cmath>
#include <string>

#include "geo/projection.hpp"
#include "render/draw_scale_bar.hpp"
#include "render/text_collector.hpp"

namespace covermap::render {
namespace {

// What a reader measures: the bar's length on the page, from the centre of its "0" label to the centre of its
// "N km" label, taken in ground distance along the map's x axis through the frame's centre, by the geodesic
// between the two points (PROJ's geodesic library, independent of the scale-factor arithmetic the bar uses).
struct Measured {
  double labelled_km = 0;
  double geodesic_km = 0;
};

Measured measure_scale_bar(const std::string& projection, const geo::Box& lon_lat_extent) {
  boundaries::BoundarySet set;
  set.units.push_back({"1",
                       "box",
                       {},
                       {{{{lon_lat_extent.min_x, lon_lat_extent.min_y},
                          {lon_lat_extent.max_x, lon_lat_extent.min_y},
                          {lon_lat_extent.max_x, lon_lat_extent.max_y},
                          {lon_lat_extent.min_x, lon_lat_extent.max_y},
                          {lon_lat_extent.min_x, lon_lat_extent.min_y}},
                         {}}}});
  styles::MapStyle style;
  style.projection = projection;
  const geo::GeosContext geos;
  const Scene scene = build_scene(std::move(set), {-1}, {}, style, geos, 0.0);

  const Rect frame{20, 20, 460, 360};
  const MapTransform transform(scene.extent, frame);
  CairoSurfacePtr surface(cairo_svg_surface_create(nullptr, 500, 400));
  TextCollector text;
  text.attach(surface.get());
  {
    CairoPtr cr(cairo_create(surface.get()));
    draw_scale_bar(cr.get(), scene, transform, frame);
  }
  EXPECT_EQ(text.lines().size(), 2u);
  if (text.lines().size() != 2) return {};
  const PlacedTextLine& zero = text.lines()[0];
  const PlacedTextLine& end = text.lines()[1];
  EXPECT_EQ(zero.text, "0");
  Measured measured;
  measured.labelled_km = std::stod(end.text);  // "500 km"
  const double length_pt = (end.x + end.width / 2) - (zero.x + zero.width / 2);

  // The frame's centre is the extent's centre (the transform centres one in the other).
  const geo::Projector projector(style.projection);
  const geo::Point centre{(scene.extent.min_x + scene.extent.max_x) / 2,
                          (scene.extent.min_y + scene.extent.max_y) / 2};
  const geo::Point west = projector.inverse({centre.x - length_pt / 2 / transform.scale(), centre.y});
  const geo::Point east = projector.inverse({centre.x + length_pt / 2 / transform.scale(), centre.y});
  geod_geodesic wgs84;
  geod_init(&wgs84, 6378137, 1 / 298.257223563);
  double metres = 0;
  geod_inverse(&wgs84, west.y, west.x, east.y, east.x, &metres, nullptr, nullptr);
  measured.geodesic_km = metres / 1000;
  return measured;
}

TEST(ScaleBar, AlbersBarOverChinaIsTrueToTheGround) {
  const Measured m = measure_scale_bar("china-albers", {73, 18, 135, 54});
  ASSERT_GT(m.labelled_km, 0);
  EXPECT_NEAR(m.geodesic_km, m.labelled_km, m.labelled_km * 0.01);
}

// Web Mercator stretches distances by 1/cos(latitude): at Heilongjiang's 48 N a bar drawn with the equator's
// scale would be 1.5 times too long.
TEST(ScaleBar, MercatorBarInTheNorthIsTrueToTheGround) {
  const Measured m = measure_scale_bar("EPSG:3857", {121, 43, 135, 53});
  ASSERT_GT(m.labelled_km, 0);
  EXPECT_NEAR(m.geodesic_km, m.labelled_km, m.labelled_km * 0.01);
}

TEST(ScaleBar, LengthsAreRoundNumbers) {
  EXPECT_EQ(round_scale_length(740), 500);
  EXPECT_EQ(round_scale_length(260), 200);
  EXPECT_EQ(round_scale_length(19), 10);
  EXPECT_EQ(round_scale_length(1), 1);
}

}  // namespace
}  // namespace covermap::render
