// Point rows (data.lon, data.lat) assigned to the real county containing them.
#include <gtest/gtest.h>

#include <cstdio>

#include "boundaries/boundary_source.hpp"
#include "boundaries/join.hpp"
#include "geo/error.hpp"
#include "tests/test_support.hpp"

namespace covermap::boundaries {
namespace {

class PointJoin : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string gpkg = test::china_admin_gpkg();
    if (gpkg.empty()) return;
    geos_ = new geo::GeosContext;
    counties_ = new BoundarySet(load_boundaries({gpkg, "county", "adcode", "name", ""}, *geos_));
  }
  static void TearDownTestSuite() {
    delete counties_;
    delete geos_;
  }
  void SetUp() override {
    if (!counties_) GTEST_SKIP() << "china-admin.gpkg not found in " COVERMAP_TEST_DATA_DIR;
  }
  static JoinResult join_rows(const std::vector<std::vector<std::string>>& rows, bool many_per_unit = false) {
    geo::Table table;
    table.source = "cities.csv";
    table.columns = {"city", "lon", "lat"};
    table.rows = rows;
    DataSpec spec;
    spec.key = "city";
    spec.lon = "lon";
    spec.lat = "lat";
    return join_points(*counties_, table, spec, *geos_, many_per_unit);
  }
  static std::string id(std::size_t unit) { return counties_->units[unit].id; }

  static inline geo::GeosContext* geos_ = nullptr;
  static inline BoundarySet* counties_ = nullptr;
};

TEST_F(PointJoin, EachPointGoesToTheCountyContainingIt) {
  // A point well inside 积石山 (its label point) must come back to it, whatever the tree does.
  const auto jishishan = std::find_if(counties_->units.begin(), counties_->units.end(),
                                      [](const Unit& unit) { return unit.id == "622927"; });
  ASSERT_NE(jishishan, counties_->units.end());
  const geo::Point inside = geo::label_point(*geos_, jishishan->geometry, 0.001);
  const JoinResult result = join_rows({{"Tiananmen", "116.3975", "39.9087"},
                                       {"积石山", std::to_string(inside.x), std::to_string(inside.y)},
                                       {"East China Sea", "125", "28"},
                                       {"Forbidden City", "116.3972", "39.9169"},
                                       {"no place", "", ""}});
  ASSERT_EQ(result.matched.size(), 2u);
  EXPECT_EQ(id(result.matched[0].unit), "110101") << "Tiananmen is in 东城区";
  EXPECT_EQ(result.matched[0].how, "point");
  EXPECT_EQ(id(result.matched[1].unit), "622927");
  ASSERT_EQ(result.unmatched.size(), 2u);
  EXPECT_EQ(result.unmatched[0].row, 3);
  EXPECT_NE(result.unmatched[0].note.find("lies in no unit"), std::string::npos);
  ASSERT_EQ(result.duplicates.size(), 1u) << "the Forbidden City is in 东城区 too";
  EXPECT_EQ(result.duplicates[0].first_row, 1);

  const JoinResult many = join_rows({{"a", "116.3975", "39.9087"}, {"b", "116.3972", "39.9169"}}, true);
  EXPECT_EQ(many.matched.size(), 2u) << "with data.aggregate every point counts";
}

TEST_F(PointJoin, APointOnASharedBorderIsAmbiguous) {
  // A vertex of 东城区's outline, written to full precision: 东城区 lies wholly inside Beijing, so its
  // outline is shared with its neighbours and the point is on two units at once. Never one picked.
  const auto dongcheng = std::find_if(counties_->units.begin(), counties_->units.end(),
                                      [](const Unit& unit) { return unit.id == "110101"; });
  ASSERT_NE(dongcheng, counties_->units.end());
  const geo::Point vertex = dongcheng->geometry[0].outer[0];
  char lon[32], lat[32];
  std::snprintf(lon, sizeof lon, "%.17g", vertex.x);
  std::snprintf(lat, sizeof lat, "%.17g", vertex.y);
  const JoinResult result = join_rows({{"vertex", lon, lat}});
  ASSERT_EQ(result.ambiguous.size(), 1u);
  std::vector<std::string> candidates;
  for (std::size_t unit : result.ambiguous[0].candidates) candidates.push_back(id(unit));
  EXPECT_GE(candidates.size(), 2u);
  EXPECT_NE(std::find(candidates.begin(), candidates.end(), "110101"), candidates.end());
}

TEST_F(PointJoin, TextInACoordinateColumnNamesTheRow) {
  try {
    join_rows({{"x", "east", "39"}});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cities.csv:1"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace covermap::boundaries
