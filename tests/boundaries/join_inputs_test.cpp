// Real county names arriving through the inputs people send: GBK CSV, XLSX sheets, GBK shapefiles.
#include <gtest/gtest.h>

#include <filesystem>

#include "boundaries/boundary_source.hpp"
#include "boundaries/join.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

namespace covermap::boundaries {
namespace {

namespace fs = std::filesystem;

class JoinInputs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string gpkg = test::china_admin_gpkg();
    if (gpkg.empty()) return;
    const geo::GeosContext geos;
    counties_ = new BoundarySet(load_boundaries({gpkg, "county", "adcode", "name", ""}, geos));
  }
  static void TearDownTestSuite() { delete counties_; }
  void SetUp() override {
    if (!counties_) GTEST_SKIP() << "china-admin.gpkg not found in " COVERMAP_TEST_DATA_DIR;
  }

  static std::vector<std::string> matched_ids(const JoinResult& result) {
    std::vector<std::string> ids;
    for (const auto& m : result.matched) ids.push_back(counties_->units[m.unit].id);
    return ids;
  }

  static inline BoundarySet* counties_ = nullptr;
  test::TempDir dir_;
};

constexpr const char* kCounties =
    "县名,省份,覆盖\n三穗县,贵州,1\n积石山县,甘肃,2\n鼓楼区,河南,3\n朝阳县,,4\n";

TEST_F(JoinInputs, GbkCsvIsDetectedAndJoins) {
  const std::string utf8 = dir_.write("utf8.csv", kCounties);
  const std::string gbk = dir_.file("gbk.csv");
  const auto made = test::run_shell("iconv -f UTF-8 -t GBK '" + utf8 + "' > '" + gbk + "'");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const geo::Table table = geo::read_table(gbk);
  DataSpec spec;
  spec.key = "县名";
  spec.parent = "省份";
  const JoinResult result = join(*counties_, table, spec);
  EXPECT_TRUE(result.clean());
  EXPECT_EQ(matched_ids(result), (std::vector<std::string>{"522624", "622927", "410204", "211321"}));
}

TEST_F(JoinInputs, XlsxSheetIsChosenBySheetName) {
  const std::string csv = dir_.write("in.csv", kCounties);
  const std::string xlsx = dir_.file("coverage.xlsx");
  ASSERT_EQ(test::run_shell("ogr2ogr -f XLSX '" + xlsx + "' '" + csv + "' -nln Notes").exit_code, 0);
  ASSERT_EQ(test::run_shell("ogr2ogr -update -f XLSX '" + xlsx + "' '" + csv + "' -nln Counties").exit_code,
            0);
  const geo::Table table = geo::read_table(xlsx, {"Counties", ""});
  DataSpec spec;
  spec.key = "县名";
  spec.parent = "省份";
  const JoinResult result = join(*counties_, table, spec);
  EXPECT_EQ(matched_ids(result), (std::vector<std::string>{"522624", "622927", "410204", "211321"}));
  try {
    geo::read_table(xlsx, {"Countys", ""});
    FAIL() << "an unknown sheet must be an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("Notes, Counties"), std::string::npos) << e.what();
  }
}

TEST_F(JoinInputs, GbkShapefileWithoutCpgHasReadableNames) {
  const std::string shp = dir_.file("qdn.shp");
  const auto made = test::run_shell("ogr2ogr -f 'ESRI Shapefile' -lco ENCODING=GBK '" + shp + "' '" +
                                    test::china_admin_gpkg() + "' county -where \"adcode LIKE '5226%'\"");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const geo::GeosContext geos;
  // With its .cpg, the .cpg wins over a wrong boundaries.encoding.
  const BoundarySet with_cpg = load_boundaries({shp, "", "adcode", "name", "BIG5"}, geos);
  ASSERT_FALSE(with_cpg.units.empty());
  fs::remove(dir_.file("qdn.cpg"));
  const BoundarySet named = load_boundaries({shp, "", "adcode", "name", "GBK"}, geos);
  const BoundarySet detected = load_boundaries({shp, "", "adcode", "name", ""}, geos);
  for (const BoundarySet* set : {&with_cpg, &named, &detected}) {
    const auto sansui = std::find_if(set->units.begin(), set->units.end(),
                                     [](const Unit& unit) { return unit.id == "522624"; });
    ASSERT_NE(sansui, set->units.end());
    EXPECT_EQ(sansui->name, "三穗县");
  }
  geo::Table table;
  table.source = "rows";
  table.columns = {"county"};
  table.rows = {{"三穗"}, {"凯里市"}};
  DataSpec spec;
  spec.key = "county";
  const JoinResult result = join(detected, table, spec);
  EXPECT_TRUE(result.clean());
  EXPECT_EQ(result.matched.size(), 2u);
}

}  // namespace
}  // namespace covermap::boundaries
