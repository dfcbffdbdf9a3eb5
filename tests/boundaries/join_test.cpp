#include "boundaries/join.hpp"

#include <gtest/gtest.h>

#include "boundaries/boundary_source.hpp"
#include "boundaries/join_report.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

namespace covermap::boundaries {
namespace {

// Four province-like units with the built-in set's fields, without geometry: the join looks only at names.
BoundarySet provinces() {
  BoundarySet set;
  set.source = "test";
  set.fields = {"adcode", "iso", "name_zh", "name_en"};
  auto add = [&](const char* adcode, const char* iso, const char* zh, const char* en) {
    set.units.push_back(
        {adcode, zh, {{"adcode", adcode}, {"iso", iso}, {"name_zh", zh}, {"name_en", en}}, {}});
  };
  add("110000", "CN-BJ", "北京市", "Beijing");
  add("220000", "CN-JL", "吉林省", "Jilin");
  add("440000", "CN-GD", "广东省", "Guangdong");
  add("450000", "CN-GX", "广西壮族自治区", "Guangxi");
  return set;
}

geo::Table table(std::vector<std::string> keys) {
  geo::Table t;
  t.source = "coverage.csv";
  t.columns = {"Province"};
  for (auto& key : keys) t.rows.push_back({key});
  return t;
}

DataSpec by_province() {
  DataSpec spec;
  spec.key = "Province";
  return spec;
}

TEST(Join, MatchesCodesAndNamesInEveryCommonSpelling) {
  const BoundarySet set = provinces();
  const JoinResult result =
      join(set, table({"110000", " 广东省 ", "Guangxi Zhuang Autonomous Region", "cn-jl"}), by_province());
  ASSERT_EQ(result.matched.size(), 4u);
  EXPECT_EQ(result.matched[0].how, "code");
  EXPECT_EQ(result.matched[1].how, "name");
  EXPECT_EQ(set.units[result.matched[2].unit].id, "450000");
  EXPECT_EQ(set.units[result.matched[3].unit].id, "220000");
  EXPECT_TRUE(result.clean());
  EXPECT_TRUE(result.units_without_data.empty());
}

TEST(Join, ShortChineseNamesMatch) {
  const JoinResult result = join(provinces(), table({"北京", "广西", "吉林"}), by_province());
  EXPECT_EQ(result.matched.size(), 3u);
  EXPECT_TRUE(result.clean());
}

TEST(Join, ReportsUnmatchedWithSuggestionsAndDuplicates) {
  const BoundarySet set = provinces();
  const geo::Table data = table({"Guangdong", "Atlantis Province", "Guangdng", "guangdong"});
  const JoinResult result = join(set, data, by_province());
  EXPECT_FALSE(result.clean());
  ASSERT_EQ(result.unmatched.size(), 2u);
  EXPECT_EQ(result.unmatched[0].row, 2);
  EXPECT_TRUE(result.unmatched[0].suggestions.empty());
  ASSERT_FALSE(result.unmatched[1].suggestions.empty());
  EXPECT_EQ(result.unmatched[1].suggestions[0], "广东省") << "a typo should suggest the unit it nearly names";
  ASSERT_EQ(result.duplicates.size(), 1u);
  EXPECT_EQ(result.duplicates[0].row, 4);
  EXPECT_EQ(result.duplicates[0].first_row, 1);

  const auto report = join_report(set, data, result);
  EXPECT_EQ(report["boundaries"]["units"], 4);
  EXPECT_EQ(report["data"]["rows"], 4);
  EXPECT_EQ(report["matched"][0]["id"], "440000");
  EXPECT_EQ(report["matched"][0]["name"], "广东省");
  EXPECT_EQ(report["matched"][0]["how"], "name");
  EXPECT_EQ(report["unmatched"][0]["input"], "Atlantis Province");
  EXPECT_EQ(report["duplicates"][0]["id"], "440000");
  EXPECT_EQ(report["units_without_data"], nlohmann::ordered_json({"110000", "220000", "450000"}));
  // Keys in the order of the contract.
  std::vector<std::string> keys;
  for (const auto& item : report.items()) keys.push_back(item.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"boundaries", "data", "matched", "unmatched", "ambiguous",
                                            "duplicates", "units_without_data"}));
}

TEST(Join, MatchByCodeIgnoresNames) {
  DataSpec spec = by_province();
  spec.match = "code";
  const JoinResult result = join(provinces(), table({"440000", "广东省"}), spec);
  EXPECT_EQ(result.matched.size(), 1u);
  EXPECT_EQ(result.unmatched.size(), 1u);
}

TEST(Join, UnknownKeyColumnListsTheColumns) {
  DataSpec spec = by_province();
  spec.key = "Provnce";
  try {
    join(provinces(), table({"x"}), spec);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "coverage.csv: no column 'Provnce' (data.key) (columns: Province)");
  }
}

TEST(Join, AColumnNamedTwiceInTheHeaderIsRefusedNotGuessed) {
  geo::Table data;
  data.source = "coverage.csv";
  data.columns = {"Province", "Value", "value "};
  data.rows = {{"广东", "1", "2"}};
  try {
    require_column(data, "value", "value");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_STREQ(
        e.what(),
        "coverage.csv: columns 2 and 3 are both named 'value' (value) (rename one of them in the header)");
  }
  EXPECT_EQ(require_column(data, "Province", "data.key"), 0);
}

// Real counties: 鼓楼区 is a district of four cities, so a bare name must be reported as ambiguous, never
// guessed.
TEST(Join, RealCountyNamesThatRepeatAreAmbiguous) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  const geo::GeosContext geos;
  const BoundarySet counties = load_boundaries({gpkg, "county", "adcode", "name", ""}, geos);
  ASSERT_EQ(counties.units.size(), 2884u);
  const JoinResult result = join(counties, table({"鼓楼区", "三穗县", "320106"}), by_province());
  ASSERT_EQ(result.ambiguous.size(), 1u);
  EXPECT_EQ(result.ambiguous[0].candidates.size(), 4u);
  ASSERT_EQ(result.matched.size(), 2u);
  EXPECT_EQ(counties.units[result.matched[0].unit].name, "三穗县");
  EXPECT_EQ(counties.units[result.matched[1].unit].name, "鼓楼区");
}

}  // namespace
}  // namespace covermap::boundaries
