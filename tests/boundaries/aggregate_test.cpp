// County rows drawn on provinces and prefectures (data.aggregate), on the real admin layers.
#include "boundaries/aggregate.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "tests/test_support.hpp"

namespace covermap::boundaries {
namespace {

class Aggregation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string gpkg = test::china_admin_gpkg();
    if (gpkg.empty()) return;
    provinces_ = new BoundarySet(load_parent_units({gpkg, "province"}));
    prefectures_ = new BoundarySet(load_parent_units({gpkg, "prefecture"}));
    counties_ = new BoundarySet(load_parent_units({gpkg, "county"}));
  }
  static void TearDownTestSuite() {
    delete provinces_;
    delete prefectures_;
    delete counties_;
  }
  void SetUp() override {
    if (!provinces_) GTEST_SKIP() << "china-admin.gpkg not found in " COVERMAP_TEST_DATA_DIR;
  }

  static geo::Table rows(const std::vector<std::vector<std::string>>& cells) {
    geo::Table table;
    table.source = "counties.csv";
    table.columns = {"county", "parent", "reached"};
    table.rows = cells;
    return table;
  }
  static DataSpec spec() {
    DataSpec data;
    data.key = "county";
    data.parent = "parent";
    data.aggregate = "sum";
    return data;
  }
  static std::string value_of(const BoundarySet& units, const std::vector<UnitValue>& values,
                              const char* id) {
    for (const auto& v : values)
      if (units.units[v.unit].id == id) return v.value;
    return "<none>";
  }

  static inline BoundarySet* provinces_ = nullptr;
  static inline BoundarySet* prefectures_ = nullptr;
  static inline BoundarySet* counties_ = nullptr;
};

TEST_F(Aggregation, CountiesSumIntoTheirProvinces) {
  const geo::Table table = rows({{"三穗县", "", "1,000"},
                                 {"凯里市", "", "250"},
                                 {"522624", "", "7"},
                                 {"鼓楼区", "江苏", "5"},
                                 {"鼓楼区", "", "9"},
                                 {"朝阳区", "", "3"},
                                 {"320106", "", "2"},
                                 {"Atlantis", "", "1"}});
  const JoinResult result = join_aggregated(*provinces_, table, spec(), counties_);
  EXPECT_EQ(result.matched.size(), 4u);
  ASSERT_EQ(result.duplicates.size(), 1u) << "522624 is 三穗县 again";
  EXPECT_EQ(result.duplicates[0].row, 3);
  // 鼓楼区 in 江苏 is two districts, but both are in 江苏: for a province map that is one unit.
  ASSERT_EQ(result.ambiguous.size(), 2u);
  std::vector<std::string> candidates;
  for (std::size_t unit : result.ambiguous[0].candidates) candidates.push_back(provinces_->units[unit].id);
  EXPECT_EQ(candidates, (std::vector<std::string>{"320000", "350000", "410000"}));
  EXPECT_EQ(result.ambiguous[1].row, 6) << "朝阳区: Beijing or Jilin";
  ASSERT_EQ(result.unmatched.size(), 1u);
  EXPECT_EQ(result.units_without_data.size(), 32u);

  const auto sums = aggregate_values(table, result, 2, Aggregate::sum);
  EXPECT_EQ(value_of(*provinces_, sums, "520000"), "1250");
  EXPECT_EQ(value_of(*provinces_, sums, "320000"), "7");
  EXPECT_EQ(value_of(*provinces_, aggregate_values(table, result, 2, Aggregate::count), "520000"), "2");
  EXPECT_EQ(value_of(*provinces_, aggregate_values(table, result, 2, Aggregate::mean), "520000"), "625");
  EXPECT_EQ(value_of(*provinces_, aggregate_values(table, result, 2, Aggregate::max), "520000"), "1000");
  EXPECT_EQ(value_of(*provinces_, aggregate_values(table, result, 2, Aggregate::any), "320000"), "1");
}

TEST_F(Aggregation, OnPrefecturesTheProvinceNoLongerSettlesIt) {
  const geo::Table table = rows({{"鼓楼区", "江苏", "5"}, {"鼓楼区", "徐州", "4"}, {"积石山县", "", "1"}});
  const JoinResult result = join_aggregated(*prefectures_, table, spec(), counties_, prefectures_);
  ASSERT_EQ(result.ambiguous.size(), 1u);
  EXPECT_EQ(result.ambiguous[0].candidates.size(), 2u);
  std::vector<std::string> ids;
  for (const auto& m : result.matched) ids.push_back(prefectures_->units[m.unit].id);
  EXPECT_EQ(ids, (std::vector<std::string>{"320300", "622900"}));
}

TEST_F(Aggregation, CodesWorkWithoutACountyTableNamesDoNot) {
  const geo::Table table = rows({{"320106", "", "1"}, {"三穗县", "", "1"}});
  const JoinResult result = join_aggregated(*provinces_, table, spec(), nullptr);
  ASSERT_EQ(result.matched.size(), 1u);
  EXPECT_EQ(provinces_->units[result.matched[0].unit].id, "320000");
  ASSERT_EQ(result.unmatched.size(), 1u);
  EXPECT_NE(result.unmatched[0].note.find("data.counties"), std::string::npos);
}

TEST_F(Aggregation, TextInANumberColumnNamesItsRow) {
  const geo::Table table = rows({{"三穗县", "", "many"}});
  const JoinResult result = join_aggregated(*provinces_, table, spec(), counties_);
  EXPECT_THROW(aggregate_values(table, result, 2, Aggregate::sum), InputError);
  EXPECT_EQ(aggregate_values(table, result, 2, Aggregate::count).front().value, "1");
  EXPECT_THROW(parse_aggregate("median"), InputError);
}

// Without the admin layers: two rows already matched to unit 0.
TEST(AggregateValues, ADecimalCommaIsRefusedNotSummedAsFifteen) {
  geo::Table table;
  table.source = "counties.csv";
  table.columns = {"county", "reached"};
  table.rows = {{"三穗县", "1,000"}, {"凯里市", "1,5"}};
  JoinResult result;
  result.matched = {{1, "三穗县", 0, "name"}, {2, "凯里市", 0, "name"}};
  std::string message;
  try {
    aggregate_values(table, result, 1, Aggregate::sum);
  } catch (const InputError& e) {
    message = e.what();
  }
  EXPECT_EQ(
      message.rfind("counties.csv:2: column 'reached': '1,5' is not a number (a decimal comma? write 1.5", 0),
      0u)
      << message;
  table.rows[1][1] = "1.5";
  EXPECT_EQ(aggregate_values(table, result, 1, Aggregate::sum).front().value, "1001.5");
}

}  // namespace
}  // namespace covermap::boundaries
