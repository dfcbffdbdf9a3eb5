// The points: layer read from its table: kinds, numbers, places inside units, and the legend entries that
// explain them.
#include "styles/point_layer.hpp"

#include <gtest/gtest.h>

#include "tests/test_support.hpp"

namespace covermap::styles {
namespace {

using test::TempDir;

// Two square provinces side by side: 110000 on [0, 10] x [0, 10], 120000 on [10, 20] x [0, 10].
boundaries::BoundarySet two_squares() {
  boundaries::BoundarySet set;
  set.source = "squares";
  set.fields = {"adcode", "name_zh"};
  const auto square = [](double x) {
    return geo::MultiPolygon{{{{x, 0}, {x + 10, 0}, {x + 10, 10}, {x, 10}, {x, 0}}, {}}};
  };
  set.units.push_back({"110000", "北京市", {{"adcode", "110000"}, {"name_zh", "北京市"}}, square(0)});
  set.units.push_back({"120000", "天津市", {{"adcode", "120000"}, {"name_zh", "天津市"}}, square(10)});
  return set;
}

class PointLayerTest : public ::testing::Test {
 protected:
  MapSpec spec(const std::string& csv) {
    MapSpec map;
    map.points.source = dir_.write("points.csv", csv);
    map.points.lon = "lon";
    map.points.lat = "lat";
    return map;
  }
  TempDir dir_;
  geo::GeosContext geos_;
};

TEST_F(PointLayerTest, ListedKindsKeepTheirLookAndOrderOthersAreErrors) {
  MapSpec map = spec("lon,lat,kind\n1,1,county\n2,2,epicentre\n");
  map.points.kind = "kind";
  map.style.points.kinds = {{"epicentre", "Epicentre", Color{0xb2, 0x18, 0x2b}, MarkShape::star, 4},
                            {"county", "", Color{0x21, 0x66, 0xac}, MarkShape::circle, 0}};
  const PointLayer layer = read_point_layer(map, two_squares(), geos_);
  ASSERT_EQ(layer.marks.size(), 2u);
  EXPECT_EQ(layer.marks[0].kind, 1);
  EXPECT_EQ(layer.marks[1].kind, 0);
  const auto legend = point_legend_entries(layer, map.style.points);
  ASSERT_EQ(legend.size(), 2u);
  EXPECT_EQ(legend[0].label, "Epicentre") << "in the listed order, with the listed label";
  EXPECT_EQ(legend[0].key, LegendEntry::Key::symbol);
  EXPECT_EQ(legend[0].shape, MarkShape::star);
  EXPECT_EQ(legend[0].radius_pt, 4);
  EXPECT_EQ(legend[1].label, "county") << "no label: the value";
  EXPECT_EQ(legend[1].radius_pt, map.style.points.min_radius_pt);

  MapSpec typo = spec("lon,lat,kind\n1,1,county\n2,2,epicenter\n");
  typo.points.kind = "kind";
  typo.style.points.kinds = map.style.points.kinds;
  EXPECT_EQ(
      test::input_error_of([&] { read_point_layer(typo, two_squares(), geos_); }),
      typo.points.source + ":2: kind 'epicenter' is not listed in points.kinds (listed: epicentre, county)");
}

TEST_F(PointLayerTest, UnlistedKindsTakeDistinctColoursInOrderOfAppearance) {
  MapSpec map = spec("lon,lat,kind\n1,1,lit blue\n2,2,child-friendly\n3,3,lit blue\n");
  map.points.kind = "kind";
  const PointLayer layer = read_point_layer(map, two_squares(), geos_);
  ASSERT_EQ(layer.kinds.size(), 2u);
  EXPECT_EQ(layer.kinds[0].value, "lit blue");
  EXPECT_EQ(layer.kinds[0].fill.hex(), "#1b9e77") << "ColorBrewer Dark2";
  EXPECT_EQ(layer.kinds[1].fill.hex(), "#d95f02");
  EXPECT_EQ(layer.marks[2].kind, 0);
}

TEST_F(PointLayerTest, ARowWithoutCoordinatesGoesInsideTheUnitItNames) {
  MapSpec map = spec("lon,lat,where\n,,天津\n15,5,\n,,\n");
  map.points.unit = "where";
  const PointLayer layer = read_point_layer(map, two_squares(), geos_);
  ASSERT_EQ(layer.marks.size(), 2u) << "a row with neither place nor number is skipped";
  ASSERT_TRUE(layer.marks[0].lon_lat.has_value());
  EXPECT_GT(layer.marks[0].lon_lat->x, 12) << "well inside 天津市, [10, 20] x [0, 10]";
  EXPECT_LT(layer.marks[0].lon_lat->x, 18);
  EXPECT_GT(layer.marks[0].lon_lat->y, 2);
  EXPECT_LT(layer.marks[0].lon_lat->y, 8);

  MapSpec unknown = spec("lon,lat,where\n,,上海\n");
  unknown.points.unit = "where";
  EXPECT_NE(test::input_error_of([&] {
              read_point_layer(unknown, two_squares(), geos_);
            }).find(":1: points.unit '上海' names no unit of squares"),
            std::string::npos);
}

TEST_F(PointLayerTest, NumbersAreListedOncePerTextInNumericOrderHollowWithoutAPlace) {
  MapSpec map = spec(
      "no,lon,lat,text\n11,1,1,World Children's Day\n5,,,Pilots\n5,,,Pilots\n10,2,2,Partnership\n"
      "11,3,3,South-South\n5,4,4,Pilots\n");
  map.points.number = "no";
  map.points.text = "text";
  const PointLayer layer = read_point_layer(map, two_squares(), geos_);
  EXPECT_EQ(layer.marks.size(), 6u) << "numbered rows without a place are kept for the legend";
  const auto legend = point_legend_entries(layer, map.style.points);
  ASSERT_EQ(legend.size(), 4u);
  EXPECT_EQ(legend[0].number, "5");
  EXPECT_EQ(legend[0].label, "Pilots");
  EXPECT_FALSE(legend[0].hollow) << "one of the 5s has a place";
  EXPECT_EQ(legend[1].number, "10") << "10 after 5: numbers in numeric order";
  EXPECT_EQ(legend[2].label, "World Children's Day");
  EXPECT_EQ(legend[3].label, "South-South") << "two texts of one number, in the table's order";
  EXPECT_EQ(legend[3].key, LegendEntry::Key::badge);

  MapSpec legend_only = spec("no,lon,lat,text\n10,,,Partnership (map 7)\n");
  legend_only.points.number = "no";
  legend_only.points.text = "text";
  const auto hollow =
      point_legend_entries(read_point_layer(legend_only, two_squares(), geos_), legend_only.style.points);
  ASSERT_EQ(hollow.size(), 1u);
  EXPECT_TRUE(hollow[0].hollow) << "a number no place on the map carries";
}

TEST_F(PointLayerTest, PointsDrawnAlikeHaveTheOneEntryTheStyleNames) {
  MapSpec map = spec("lon,lat\n1,1\n");
  EXPECT_TRUE(point_legend_entries(read_point_layer(map, two_squares(), geos_), map.style.points).empty());
  map.style.points.legend = "Project county visited";
  const auto legend = point_legend_entries(read_point_layer(map, two_squares(), geos_), map.style.points);
  ASSERT_EQ(legend.size(), 1u);
  EXPECT_EQ(legend[0].label, "Project county visited");
  EXPECT_EQ(legend[0].fill, map.style.points.fill);
}

TEST_F(PointLayerTest, ABadCoordinateNamesItsRow) {
  const MapSpec map = spec("lon,lat\n1,1\n1.5,north\n");
  EXPECT_EQ(test::input_error_of([&] { read_point_layer(map, two_squares(), geos_); }),
            map.points.source +
                ":2: column 'lat': 'north' is not a number (points.lon and points.lat take decimal degrees "
                "(WGS 84))");
}

}  // namespace
}  // namespace covermap::styles
