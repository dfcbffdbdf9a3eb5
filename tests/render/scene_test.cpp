#include "render/scene.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"

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
  MapStyle style;
  style.labels.field = "name_en";
  const geo::GeosContext geos;
  const Scene scene = build_scene(two_provinces(), {0, -1}, classification, style, geos);
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
  MapStyle style;
  style.extent = geo::Box{109, 20, 118, 26};
  const geo::GeosContext geos;
  const Scene scene = build_scene(two_provinces(), {-1, -1}, {}, style, geos);
  const geo::Box guangdong = geo::bounds(scene.units[1].shape);
  EXPECT_LE(scene.extent.min_y, guangdong.min_y);
  EXPECT_LT(scene.extent.max_y, geo::bounds(scene.units[0].shape).min_y) << "Beijing lies outside the frame";
}

TEST(BuildScene, UnknownLabelFieldListsTheFields) {
  MapStyle style;
  style.labels.field = "name_fr";
  const geo::GeosContext geos;
  try {
    build_scene(two_provinces(), {-1, -1}, {}, style, geos);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no field 'name_fr'"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("name_zh, name_en"), std::string::npos);
  }
}

TEST(LegendPosition, UnknownPositionIsAnInputError) {
  EXPECT_EQ(parse_legend_position("top-right"), LegendPosition::top_right);
  EXPECT_THROW(parse_legend_position("middle"), InputError);
}

TEST(ScenePoints, CircleAreasFollowTheValues) {
  Scene scene;
  scene.style.projection = "EPSG:4326";
  add_points(scene, {{{100, 30}, 100.0, "a"},
                     {{101, 30}, 25.0, "b"},
                     {{102, 30}, std::nullopt, "c"},
                     {{103, 30}, 0.0, "d"}});
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
