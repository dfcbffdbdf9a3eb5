// The matching rules on the built-in province table and on the real county and prefecture layers.
#include "boundaries/gazetteer.hpp"

#include <gtest/gtest.h>

#include "boundaries/boundary_source.hpp"
#include "boundaries/china_provinces_table.hpp"
#include "boundaries/join.hpp"
#include "boundaries/name_key.hpp"
#include "boundaries/parent.hpp"
#include "tests/test_support.hpp"

namespace covermap::boundaries {
namespace {

// The 34 provinces as a GeoPackage province layer gives them: adcode and Chinese name only.
BoundarySet provinces() {
  BoundarySet set;
  set.source = "provinces";
  set.fields = {"adcode", "name"};
  for (const auto& p : china_provinces())
    set.units.push_back({p.adcode, p.name_zh, {{"adcode", p.adcode}, {"name", p.name_zh}}, {}});
  return set;
}

std::string found_id(const BoundarySet& set, const Gazetteer& gazetteer, const std::string& key,
                     const std::string& prefix = {}) {
  const Lookup lookup = gazetteer.find(key, MatchBy::automatic, prefix);
  if (lookup.units.size() != 1) return "<" + std::to_string(lookup.units.size()) + " units>";
  return set.units[lookup.units.front()].id;
}

std::vector<std::string> ids(const BoundarySet& set, const std::vector<std::size_t>& units) {
  std::vector<std::string> out;
  out.reserve(units.size());
  for (std::size_t unit : units) out.push_back(set.units[unit].id);
  return out;
}

TEST(NameKey, NormalisesWidthCaseAndSpaces) {
  EXPECT_EQ(normalise_name("\xE3\x80\x80 ＧＵＡＮＧ　ｘｉ  Zhuang "), "guang xi zhuang");
  EXPECT_EQ(loose_names("积石山保安族东乡族撒拉族自治县"), std::vector<std::string>{"积石山"});
  EXPECT_EQ(loose_names("积石山县"), std::vector<std::string>{"积石山"});
  EXPECT_EQ(loose_names("广西壮族自治区"), std::vector<std::string>{"广西"});
  EXPECT_EQ(loose_names("新疆维吾尔自治区"), std::vector<std::string>{"新疆"});
  EXPECT_EQ(loose_names(normalise_name("Guangxi Zhuang Autonomous Region")),
            std::vector<std::string>{"guangxi"});
  EXPECT_EQ(loose_names("城区"), std::vector<std::string>{"城区"}) << "a one-character stem keeps its suffix";
  EXPECT_EQ(edit_distance("积石山", "积石"), 1u) << "counted in characters, not bytes";
}

TEST(ProvinceGazetteer, EveryCommonFormOfAProvinceName) {
  const BoundarySet set = provinces();
  const Gazetteer gazetteer(set);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"Inner Mongolia", "150000"},
      {"Nei Mongol", "150000"},
      {"内蒙古", "150000"},
      {"Inner Mongolia Autonomous Region", "150000"},
      {"Tibet", "540000"},
      {"Xizang", "540000"},
      {"Xizang Zizhiqu", "540000"},
      {"Macao", "820000"},
      {"Macau", "820000"},
      {"Macao SAR", "820000"},
      {"Hong Kong SAR", "810000"},
      {"hongkong", "810000"},
      {"香港特别行政区", "810000"},
      {"香港", "810000"},
      {"Guangxi Zhuang Autonomous Region", "450000"},
      {"广西", "450000"},
      {" guangxi ", "450000"},
      {"ＧＵＡＮＧＸＩ", "450000"},
      {"Xinjiang Uygur Autonomous Region", "650000"},
      {"Xinjiang Uyghur Autonomous Region", "650000"},
      {"新疆", "650000"},
      {"Ningxia Hui Autonomous Region", "640000"},
      {"Guangdong Sheng", "440000"},
      {"Guangdong Province", "440000"},
      {"Beijing Municipality", "110000"},
      {"北京", "110000"},
      {"CN-GX", "450000"},
      {"cn-45", "450000"},
      {"45", "450000"},
      {"450000.0", "450000"},
      {"Shanxi", "140000"},
      {"Shanxi Province", "140000"},
      {"山西", "140000"},
      {"Shaanxi", "610000"},
      {"陕西省", "610000"},
      {"Shaanxi Province", "610000"}};
  for (const auto& [key, id] : cases) EXPECT_EQ(found_id(set, gazetteer, key), id) << key;
}

TEST(ProvinceGazetteer, ShanxiAndShaanxiAreNeverMerged) {
  const BoundarySet set = provinces();
  const Gazetteer gazetteer(set);
  // A typo of one is not silently taken for either: unmatched, both offered.
  EXPECT_TRUE(gazetteer.find("Shannxi", MatchBy::automatic).units.empty());
  const auto suggestions = gazetteer.suggest("Shannxi");
  EXPECT_NE(std::find(suggestions.begin(), suggestions.end(), "陕西省"), suggestions.end());
  EXPECT_NE(std::find(suggestions.begin(), suggestions.end(), "山西省"), suggestions.end());
  // The pinyin of 陕西 and 山西 is the same (shanxi) without tones: only the English spelling tells them
  // apart.
  EXPECT_EQ(found_id(set, gazetteer, "shanxi"), "140000");
}

class CountyGazetteer : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    const std::string gpkg = test::china_admin_gpkg();
    if (gpkg.empty()) return;
    const geo::GeosContext geos;
    counties_ = new BoundarySet(load_boundaries({gpkg, "county", "adcode", "name", ""}, geos));
    prefectures_ = new BoundarySet(load_parent_units({gpkg, "prefecture"}));
  }
  static void TearDownTestSuite() {
    delete counties_;
    delete prefectures_;
  }
  void SetUp() override {
    if (!counties_) GTEST_SKIP() << "china-admin.gpkg not found in " COVERMAP_TEST_DATA_DIR;
  }

  static JoinResult join_rows(const std::vector<std::pair<std::string, std::string>>& rows) {
    geo::Table table;
    table.source = "counties.csv";
    table.columns = {"county", "parent"};
    for (const auto& [county, parent] : rows) table.rows.push_back({county, parent});
    DataSpec spec;
    spec.key = "county";
    spec.parent = "parent";
    return join(*counties_, table, spec, prefectures_);
  }

  static inline BoundarySet* counties_ = nullptr;
  static inline BoundarySet* prefectures_ = nullptr;
};

TEST_F(CountyGazetteer, ExactBeatsLooseAndSuffixesAndQualifiersAreLoose) {
  const Gazetteer gazetteer(*counties_);
  const Lookup full = gazetteer.find("积石山保安族东乡族撒拉族自治县", MatchBy::automatic);
  EXPECT_EQ(ids(*counties_, full.units), std::vector<std::string>{"622927"});
  EXPECT_EQ(full.how, "name");
  for (const char* key : {"积石山县", "积石山"}) {
    const Lookup loose = gazetteer.find(key, MatchBy::automatic);
    EXPECT_EQ(ids(*counties_, loose.units), std::vector<std::string>{"622927"}) << key;
    EXPECT_EQ(loose.how, "loose") << key;
  }
  EXPECT_EQ(found_id(*counties_, gazetteer, "神农架"), "429021") << "林区 is a suffix";
  EXPECT_EQ(found_id(*counties_, gazetteer, "六枝"), "520203") << "特区 is a suffix";
  EXPECT_EQ(found_id(*counties_, gazetteer, "万柏林"), "140109") << "万柏林区 is 万柏林 + 区 too";
  // 朝阳县 is one county; 朝阳区 is two districts (Beijing, Changchun); 朝阳 is all three.
  EXPECT_EQ(found_id(*counties_, gazetteer, "朝阳县"), "211321");
  EXPECT_EQ(ids(*counties_, gazetteer.find("朝阳区", MatchBy::automatic).units),
            (std::vector<std::string>{"110105", "220104"}));
  EXPECT_EQ(ids(*counties_, gazetteer.find("朝阳", MatchBy::automatic).units),
            (std::vector<std::string>{"110105", "211321", "220104"}));
}

TEST_F(CountyGazetteer, PinyinRowsMatchAndSuggest) {
  const Gazetteer gazetteer(*counties_);
  const Lookup sansui = gazetteer.find("Sansui Xian", MatchBy::automatic);
  EXPECT_EQ(ids(*counties_, sansui.units), std::vector<std::string>{"522624"});
  EXPECT_EQ(sansui.how, "pinyin");
  const auto suggestions = gazetteer.suggest("Jishishn County");
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions.front(), "积石山保安族东乡族撒拉族自治县");
  const auto homophone = gazetteer.suggest("三随县");
  ASSERT_FALSE(homophone.empty());
  EXPECT_EQ(homophone.front(), "三穗县") << "三随 sounds like 三穗 (sansui)";
  const auto chinese = gazetteer.suggest("积石三县");
  ASSERT_FALSE(chinese.empty());
  EXPECT_EQ(chinese.front(), "积石山保安族东乡族撒拉族自治县");
}

TEST_F(CountyGazetteer, ParentNarrowsByPrefectureWhereTheProvinceIsNotEnough) {
  const JoinResult result = join_rows({{"鼓楼区", ""},
                                       {"鼓楼区", "江苏"},
                                       {"鼓楼区", "南京市"},
                                       {"鼓楼区", "320300"},
                                       {"鼓楼区", "Fujian"},
                                       {"鼓楼区", "开封"},
                                       {"城关区", "西藏自治区"},
                                       {"城关区", "CN-GS"},
                                       {"朝阳", "北京"},
                                       {"朝阳区", "Jilin"},
                                       {"三穗县", "Atlantis"},
                                       {"三穗县", "浙江"}});
  ASSERT_EQ(result.ambiguous.size(), 2u);
  EXPECT_EQ(result.ambiguous[0].row, 1);
  EXPECT_EQ(ids(*counties_, result.ambiguous[0].candidates),
            (std::vector<std::string>{"320106", "320302", "350102", "410204"}));
  EXPECT_EQ(result.ambiguous[1].row, 2) << "two 鼓楼区 are in Jiangsu: the province alone cannot choose";
  EXPECT_EQ(ids(*counties_, result.ambiguous[1].candidates), (std::vector<std::string>{"320106", "320302"}));
  std::vector<std::string> matched;
  for (const auto& m : result.matched) matched.push_back(counties_->units[m.unit].id);
  EXPECT_EQ(matched, (std::vector<std::string>{"320106", "320302", "350102", "410204", "540102", "620102",
                                               "110105", "220104"}));
  ASSERT_EQ(result.unmatched.size(), 2u);
  EXPECT_EQ(result.unmatched[0].note, "parent 'Atlantis' names no province or prefecture");
  EXPECT_EQ(result.unmatched[1].note, "no such unit in parent '浙江'");
  EXPECT_EQ(result.units_without_data.size(), 2884u - 8u);
}

TEST_F(CountyGazetteer, DuplicatesAndUnmatchedWithSuggestions) {
  const JoinResult result = join_rows({{"三穗县", ""}, {"522624", ""}, {"三穗镇", ""}, {"Atlantis", ""}});
  ASSERT_EQ(result.matched.size(), 1u);
  ASSERT_EQ(result.duplicates.size(), 1u);
  EXPECT_EQ(result.duplicates[0].row, 2);
  EXPECT_EQ(result.duplicates[0].first_row, 1);
  ASSERT_EQ(result.unmatched.size(), 2u);
  ASSERT_FALSE(result.unmatched[0].suggestions.empty());
  EXPECT_EQ(result.unmatched[0].suggestions.front(), "三穗县");
  EXPECT_LE(result.unmatched[1].suggestions.size(), 3u);
}

TEST_F(CountyGazetteer, PrefectureCodesAndPrefixes) {
  const Gazetteer gazetteer(*prefectures_);
  EXPECT_EQ(found_id(*prefectures_, gazetteer, "3201"), "320100");
  EXPECT_EQ(found_id(*prefectures_, gazetteer, "320100"), "320100");
  EXPECT_EQ(found_id(*prefectures_, gazetteer, "南京"), "320100");
  EXPECT_EQ(found_id(*prefectures_, gazetteer, "临夏"), "622900") << "临夏回族自治州 without 回族自治州";
}

}  // namespace
}  // namespace covermap::boundaries
