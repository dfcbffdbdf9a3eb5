#include "render/scene.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "geo/error.hpp"
#include "geo/projection.hpp"

namespace covermap::render {
namespace {

boundaries::BoundarySet two_provinces() {
  boundaries::BoundarySet set;
  set.fields = {"name_zh", "name_en"};
  // Rough boxes around Beijing and Guangdong, lon/lat.
  set.units.push_back({"110000",
                       "北京市",
                       {{"name_zh", "北京市"}, {"name_en", "Beijing"}},
                       {{{{115.4, 39.4}, {117.5, 39.4}, {117.5, 41.1}, {115.4, 41.1}, {115.4, 39.4}}, {}}}});
  set.units.push_back({"440000",
                       "广东省",
                       {{"name_zh", "广东省"}, {"name_en", "Guangdong"}},
                       {{{{109.6, 20.2}, {117.3, 20.2}, {117.3, 25.5}, {109.6, 25.5}, {109.6, 20.2}}, {}}}});
  return set;
}

TEST(BuildScene, ColoursLabelsAndLegendFollowTheClassification) {
  styles::Classification classification;
  classification.classes = {{"Reached", {1, 2, 3}, 0, 0}};
  styles::MapStyle style;
  style.labels.field = "name_en";
  const geo::GeosContext geos;
  const Scene scene = build_scene(two_provinces(), {0, -1}, classification, style, geos, 0.0);
  ASSERT_EQ(scene.units.size(), 2u);
  EXPECT_EQ(scene.units[0].fill, (styles::Color{1, 2, 3}));
  EXPECT_FALSE(scene.units[1].fill.has_value());
  EXPECT_EQ(scene.units[1].label, "Guangdong");
  // The legend gains a "No data" entry because a unit has none.
  ASSERT_EQ(scene.legend.size(), 2u);
  EXPECT_EQ(scene.legend[1].label, "No data");
  EXPECT_TRUE(scene.legend[1].hatch);
  // Guangdong is south of Beijing in the projected frame, and its label point inside its box.
  const geo::Box guangdong = geo::bounds(scene.units[1].shape);
  EXPECT_LT(guangdong.max_y, geo::bounds(scene.units[0].shape).min_y);
  EXPECT_GT(scene.units[1].label_at.x, guangdong.min_x);
  EXPECT_LT(scene.units[1].label_at.x, guangdong.max_x);
}

TEST(BuildScene, ExtentFramesTheRequestedBoxOnly) {
  styles::MapStyle style;
  style.extent = geo::Box{109, 20, 118, 26};
  const geo::GeosContext geos;
  const Scene scene = build_scene(two_provinces(), {-1, -1}, {}, style, geos, 0.0);
  const geo::Box guangdong = geo::bounds(scene.units[1].shape);
  EXPECT_LE(scene.extent.min_y, guangdong.min_y);
  EXPECT_LT(scene.extent.max_y, geo::bounds(scene.units[0].shape).min_y) << "Beijing lies outside the frame";
}

// Hainan with one of the Paracel Islands (16.8°N) as a second part, as the real data carries them.
boundaries::BoundarySet hainan_with_islands() {
  boundaries::BoundarySet set = two_provinces();
  set.units.push_back({"460000",
                       "海南省",
                       {{"name_zh", "海南省"}, {"name_en", "Hainan"}},
                       {{{{108.6, 18.2}, {111.0, 18.2}, {111.0, 20.1}, {108.6, 20.1}, {108.6, 18.2}}, {}},
                        {{{112.2, 16.8}, {112.4, 16.8}, {112.4, 17.0}, {112.2, 17.0}, {112.2, 16.8}}, {}}}});
  return set;
}

TEST(BuildScene, SouthChinaSeaInsetTakesTheIslandsOutOfTheMainExtent) {
  const geo::GeosContext geos;
  styles::MapStyle style;
  const Scene without = build_scene(hainan_with_islands(), {-1, -1, -1}, {}, style, geos, 0.0);
  const geo::Box islands = geo::bounds(geo::MultiPolygon{without.units[2].shape[1]});
  const geo::Box hainan = geo::bounds(geo::MultiPolygon{without.units[2].shape[0]});
  EXPECT_LE(without.extent.min_y, islands.min_y) << "without the inset the main map frames the islands";
  EXPECT_TRUE(without.inset_extent.empty());

  style.inset = styles::Inset::south_china_sea;
  const geo::MultiPolygon line{
      {{{114.0, 10.0}, {114.2, 10.0}, {114.2, 12.0}, {114.0, 12.0}, {114.0, 10.0}}, {}}};
  const Scene with = build_scene(hainan_with_islands(), {-1, -1, -1}, {}, style, geos, 0.0, line);
  EXPECT_GT(with.extent.min_y, islands.max_y) << "the islands are shown in the inset only";
  EXPECT_LE(with.extent.min_y, hainan.min_y) << "Hainan itself stays on the main map";
  ASSERT_FALSE(with.inset_extent.empty());
  EXPECT_LT(with.inset_extent.min_y, islands.min_y);
  EXPECT_GT(with.inset_extent.max_y, hainan.max_y);
  ASSERT_EQ(with.inset_boundary.size(), 1u);
  const geo::Box projected_line = geo::bounds(with.inset_boundary);
  EXPECT_LT(projected_line.max_y, islands.min_y) << "the line is projected like the units";
  EXPECT_GT(projected_line.min_y, with.inset_extent.min_y);
}

TEST(BuildScene, GraticuleFallsOnWholeStepsAndBendsWithTheProjection) {
  const geo::GeosContext geos;
  styles::MapStyle style;
  EXPECT_TRUE(build_scene(two_provinces(), {-1, -1}, {}, style, geos, 0.0).graticule.empty())
      << "off by default";
  style.graticule_step_deg = 10;
  const Scene scene = build_scene(two_provinces(), {-1, -1}, {}, style, geos, 0.0);
  // The units span 109.6–117.5°E, 20.2–41.1°N: meridians 100, 110, 120°E and parallels 20–50°N.
  ASSERT_EQ(scene.graticule.size(), 7u);
  const geo::Projector projector(style.projection);
  const geo::Point on_110 = projector.forward(geo::Point{110, 30});
  double nearest = std::numeric_limits<double>::infinity();
  for (const geo::Point& p : scene.graticule[1])
    nearest = std::min(nearest, std::hypot(p.x - on_110.x, p.y - on_110.y));
  EXPECT_LT(nearest, 1.0) << "the second meridian is 110°E, passing through 110°E 30°N (metres)";
  // A parallel in a conic projection is an arc about the pole: its middle sags south of the chord between its
  // ends.
  const geo::LineString& parallel = scene.graticule[3];
  const geo::Point a = parallel.front(), b = parallel.back(), m = parallel[parallel.size() / 2];
  EXPECT_LT(m.y, (a.y + b.y) / 2 - 10000) << "the 20°N parallel sags south of its chord (metres)";
}

TEST(BuildScene, NorthAngleFollowsTheMeridianAtTheFrameCentre) {
  const geo::GeosContext geos;
  styles::MapStyle style;
  style.extent = geo::Box{100, 30, 110, 40};  // centred near the Albers central meridian, 105°E
  EXPECT_NEAR(build_scene(two_provinces(), {-1, -1}, {}, style, geos, 0.0).north_angle, 0, 0.01);
  style.extent = geo::Box{120, 40, 135, 50};  // far east: meridians converge on the pole above the centre
  const double east = build_scene(two_provinces(), {-1, -1}, {}, style, geos, 0.0).north_angle;
  EXPECT_LT(east, -0.1) << "north turns to the west (counter-clockwise)";
  EXPECT_GT(east, -0.5);
  style.projection = "EPSG:3857";
  EXPECT_NEAR(build_scene(two_provinces(), {-1, -1}, {}, style, geos, 0.0).north_angle, 0, 1e-9)
      << "Mercator's meridians are vertical";
}

TEST(BuildScene, UnknownLabelFieldListsTheFields) {
  styles::MapStyle style;
  style.labels.field = "name_fr";
  const geo::GeosContext geos;
  try {
    build_scene(two_provinces(), {-1, -1}, {}, style, geos, 0.0);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no field 'name_fr'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("name_zh, name_en"), std::string::npos);
  }
}

TEST(LegendPosition, UnknownPositionIsAnInputError) {
  EXPECT_EQ(styles::parse_legend_position("top-right"), styles::LegendPosition::top_right);
  EXPECT_THROW(styles::parse_legend_position("middle"), InputError);
}

TEST(ScenePoints, CircleAreasFollowTheValues) {
  Scene scene;
  scene.style.projection = "EPSG:4326";
  styles::PointLayer layer;
  layer.marks = {{geo::Point{100, 30}, 100.0, "a"},
                 {geo::Point{101, 30}, 25.0, "b"},
                 {geo::Point{102, 30}, std::nullopt, "c"},
                 {geo::Point{103, 30}, 0.0, "d"}};
  add_points(scene, layer);
  ASSERT_EQ(scene.points.size(), 4u);
  EXPECT_EQ(scene.points[0].label, "a") << "largest first, so smaller circles are drawn on top";
  EXPECT_DOUBLE_EQ(scene.points[0].radius_pt, scene.style.points.max_radius_pt);
  // A quarter of the value is a quarter of the area: half the radius.
  EXPECT_DOUBLE_EQ(scene.points[1].radius_pt, scene.style.points.max_radius_pt / 2);
  EXPECT_DOUBLE_EQ(scene.points[2].radius_pt, scene.style.points.min_radius_pt) << "no value: smallest";
  EXPECT_DOUBLE_EQ(scene.points[3].radius_pt, scene.style.points.min_radius_pt);
}

}  // namespace
}  // namespace covermap::render
