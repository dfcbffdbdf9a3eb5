#include "styles/classify.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <numeric>

#include "geo/error.hpp"
#include "styles/palette.hpp"
#include "tests/test_support.hpp"

namespace covermap::styles {
namespace {

// Rows count from 1 after the header, as a reader of data.csv would number them.
std::vector<DataValue> rows(const std::vector<std::string>& texts) {
  std::vector<DataValue> out;
  for (std::size_t i = 0; i < texts.size(); ++i) out.push_back({texts[i], static_cast<long>(i + 1)});
  return out;
}

std::vector<DataValue> numbers(const std::vector<double>& values) {
  std::vector<std::string> texts;
  texts.reserve(values.size());
  for (double v : values) texts.push_back(std::to_string(v));
  return rows(texts);
}

ClassifySpec spec(const std::string& method, int classes) {
  ClassifySpec s;
  s.method = method;
  s.classes = classes;
  return s;
}

std::vector<std::string> labels(const Classification& c) {
  std::vector<std::string> out;
  for (const auto& entry : c.classes) out.push_back(entry.label);
  return out;
}

std::vector<std::string> fills(const Classification& c) {
  std::vector<std::string> out;
  for (const auto& entry : c.classes) out.push_back(entry.fill.hex());
  return out;
}

using Strings = std::vector<std::string>;
using Ints = std::vector<int>;

TEST(Quantile, OneToTenInFiveClassesHasTwoPerClass) {
  const auto c = classify(numbers({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), spec("quantile", 5), {}, "data.csv");
  EXPECT_EQ(c.class_of, (Ints{0, 0, 1, 1, 2, 2, 3, 3, 4, 4}));
  EXPECT_EQ(labels(c), (Strings{"1 \u2013 2", "3 \u2013 4", "5 \u2013 6", "7 \u2013 8", "9 \u2013 10"}));
  // The default numeric palette is YlGnBu.
  EXPECT_EQ(fills(c), (Strings{"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"}));
  EXPECT_DOUBLE_EQ(c.classes[4].lower, 9);
  EXPECT_DOUBLE_EQ(c.classes[4].upper, 10);
}

TEST(Quantile, UnsortedInputKeepsRowOrder) {
  const auto c = classify(numbers({10, 1, 6, 3}), spec("quantile", 2), {}, "data.csv");
  EXPECT_EQ(c.class_of, (Ints{1, 0, 1, 0}));
  EXPECT_EQ(labels(c), (Strings{"1 \u2013 3", "6 \u2013 10"}));
}

TEST(Quantile, DuplicatesMergeIntoFewerNonEmptyClasses) {
  const auto c = classify(numbers({1, 1, 1, 1, 2, 2, 2, 2, 3, 3}), spec("quantile", 5), {}, "data.csv");
  // Three distinct values can make at most three classes, each labelled by its single value.
  EXPECT_EQ(labels(c), (Strings{"1", "2", "3"}));
  EXPECT_EQ(c.class_of, (Ints{0, 0, 0, 0, 1, 1, 1, 1, 2, 2}));
  EXPECT_EQ(fills(c), (Strings{"#edf8b1", "#7fcdbb", "#2c7fb8"}));
}

TEST(Quantile, EqualValuesNeverSplitAndNoClassIsEmpty) {
  const std::vector<double> values{5, 5, 5, 5, 5, 5, 1, 2, 9, 10, 5, 7};
  const auto c = classify(numbers(values), spec("quantile", 4), {}, "data.csv");
  std::vector<int> members(c.classes.size(), 0);
  for (std::size_t i = 0; i < values.size(); ++i) {
    ++members[static_cast<std::size_t>(c.class_of[i])];
    if (values[i] == 5) {
      EXPECT_EQ(c.class_of[i], c.class_of[0]);
    }
  }
  for (int m : members) EXPECT_GT(m, 0);
}

TEST(Quantile, AllValuesEqualMakeOneClass) {
  const auto c = classify(numbers({7, 7, 7}), spec("quantile", 5), {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"7"}));
  EXPECT_EQ(fills(c), (Strings{"#7fcdbb"}));  // the middle of YlGnBu
}

TEST(Numeric, EmptyValuesAreNoData) {
  const auto c = classify(rows({"1", "", "  ", "2"}), spec("quantile", 2), {}, "data.csv");
  EXPECT_EQ(c.class_of, (Ints{0, -1, -1, 1}));
  const auto none = classify(rows({"", ""}), spec("quantile", 5), {}, "data.csv");
  EXPECT_TRUE(none.classes.empty());
  EXPECT_EQ(none.class_of, (Ints{-1, -1}));
}

TEST(Numeric, ReadsThousandsSeparatorsAndPercentages) {
  const auto c = classify(rows({"1,200", " 3,100 ", "5000"}), spec("equal-interval", 2), {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"1,200 \u2013 3,099", "3,100 \u2013 5,000"}));
  EXPECT_EQ(c.class_of, (Ints{0, 1, 1}));
  const auto p = classify(rows({"10%", "12.5 %", "-2.5%"}), spec("quantile", 3), {}, "data.csv");
  EXPECT_EQ(labels(p), (Strings{"-2.5%", "10.0%", "12.5%"})) << "a column of percentages keeps its %";
  const auto big = classify(rows({"1,234,567", "-2,000"}), spec("quantile", 2), {}, "data.csv");
  EXPECT_EQ(labels(big), (Strings{"-2,000", "1,234,567"}));
}

TEST(Numeric, PercentLabelsAreDetectedOrAskedFor) {
  // Only when every value carries "%": one bare number makes the column plain numbers.
  EXPECT_EQ(labels(classify(rows({"10%", "30", ""}), spec("quantile", 2), {}, "data.csv")),
            (Strings{"10", "30"}));
  auto as_number = spec("quantile", 2);
  as_number.format = LabelFormat::number;
  EXPECT_EQ(labels(classify(rows({"10%", "30%"}), as_number, {}, "data.csv")), (Strings{"10", "30"}));
  auto as_percent = spec("equal-interval", 2);
  as_percent.format = LabelFormat::percent;
  EXPECT_EQ(labels(classify(rows({"0", "12.5", "40"}), as_percent, {}, "data.csv")),
            (Strings{"0% \u2013 20%", "20% \u2013 40%"}));
  // Shares of 1 are printed as percentages, with the decimals the percentages need.
  auto as_share = spec("manual", 3);
  as_share.format = LabelFormat::share;
  as_share.breaks = {0, 0.25, 0.5, 1};
  const auto shares = classify(rows({"0.07", "0.3", "0.95"}), as_share, {}, "data.csv");
  EXPECT_EQ(labels(shares), (Strings{"0% \u2013 25%", "25% \u2013 50%", "50% \u2013 100%"}));
  EXPECT_EQ(shares.class_of, (Ints{0, 1, 2}));
}

TEST(Numeric, ClassesCountTheirValues) {
  auto s = spec("manual", 3);
  s.breaks = {0, 1000, 5000, 20000};
  const auto c = classify(rows({"500", "1,000", "4,999", "12,000", "", "800"}), s, {}, "data.csv");
  std::vector<int> counts;
  for (const auto& entry : c.classes) counts.push_back(entry.count);
  EXPECT_EQ(counts, (Ints{2, 2, 1})) << "a value on a break opens the upper class; empty cells count nowhere";
  const auto categories = classify(rows({"A", "B", "A", ""}), spec("categorical", 0), {}, "data.csv");
  EXPECT_EQ(categories.classes[0].count, 2);
  EXPECT_EQ(categories.classes[1].count, 1);
  EXPECT_EQ(format_count(2884), "2,884");
  EXPECT_EQ(format_count(1234567), "1,234,567");
}

TEST(NaturalBreaks, TiesAreNeverSplitBetweenClasses) {
  // Five 2s in a row: no break may fall among them, whatever the class count.
  for (int classes = 2; classes <= 4; ++classes) {
    const auto c =
        classify(numbers({1, 2, 2, 2, 2, 2, 3, 9}), spec("natural-breaks", classes), {}, "data.csv");
    for (std::size_t i = 2; i <= 5; ++i) EXPECT_EQ(c.class_of[i], c.class_of[1]) << classes << " classes";
  }
}

TEST(Numeric, NonNumberNamesFileAndRow) {
  std::vector<DataValue> values{{"12", 1}, {"7", 2}, {"", 3}, {"abc", 4}};
  EXPECT_EQ(
      test::input_error_of([&] { classify(values, spec("quantile", 3), {}, "data.csv", "Coverage"); }),
      "data.csv:4: column 'Coverage': 'abc' is not a number (classify.method: categorical treats values "
      "as categories)");
  // A decimal comma is not mistaken for a thousands separator, and the hint says what to write.
  EXPECT_EQ(
      test::input_error_of([] { classify(rows({"1,5"}), spec("quantile", 3), {}, "data.csv", "Coverage"); }),
      "data.csv:1: column 'Coverage': '1,5' is not a number (a decimal comma? write 1.5 (covermap reads a "
      "point as the decimal mark))");
  EXPECT_NE(test::input_error_of([] { classify(rows({"12,34"}), spec("quantile", 3), {}, "data.csv"); }), "");
  EXPECT_NE(test::input_error_of([] { classify(rows({"nan"}), spec("quantile", 3), {}, "data.csv"); }), "");
}

TEST(NaturalBreaks, FindsObviousClusters) {
  const auto c = classify(numbers({30, 1, 11, 2, 31, 3, 10, 12}), spec("natural-breaks", 3), {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"1 \u2013 3", "10 \u2013 12", "30 \u2013 31"}));
  EXPECT_EQ(c.class_of, (Ints{2, 0, 1, 0, 2, 0, 1, 1}));
}

// PySAL's example data set (mapclassify.load_example(): employment density of 58 California counties) and the
// classes mapclassify.FisherJenks(y, k=5) gives for it, as published in mapclassify's README: upper bounds
// 75.29, 192.05, 370.5, 722.85, 4111.45 with 49, 3, 4, 1, 1 counties.
TEST(NaturalBreaks, SameClassesAsMapclassifyFisherJenksOnItsExampleData) {
  const std::vector<double> calemp{329.92, 0.42,  5.9,    14.03,  2.78, 1.34,  181.27, 1.65,    10.03, 16.7,
                                   1.32,   3.99,  3.16,   0.22,   8.7,  6.56,  3.27,   0.33,    370.5, 4.51,
                                   75.29,  0.99,  2.74,   8.68,   0.14, 0.92,  12.63,  28.7,    12.02, 722.85,
                                   36.68,  0.74,  29.82,  192.05, 3.38, 11.15, 110.74, 4111.45, 49.47, 10.33,
                                   317.11, 20.47, 264.93, 66.26,  5.39, 0.13,  0.61,   50.65,   40.48, 36.67,
                                   13.09,  1.81,  0.2,    7.6,    2.51, 57.26, 24.32,  6.97};
  ASSERT_EQ(calemp.size(), 58u);
  EXPECT_NEAR(std::accumulate(calemp.begin(), calemp.end(), 0.0) / 58, 125.92810344827588, 1e-9)
      << "the same data as mapclassify's";
  const auto c = classify(numbers(calemp), spec("natural-breaks", 5), {}, "data.csv");
  ASSERT_EQ(c.classes.size(), 5u);
  std::vector<double> uppers;
  for (const auto& entry : c.classes) uppers.push_back(entry.upper);
  EXPECT_EQ(uppers, (std::vector<double>{75.29, 192.05, 370.5, 722.85, 4111.45}));
  std::vector<int> counts(5, 0);
  for (int k : c.class_of) ++counts[static_cast<std::size_t>(k)];
  EXPECT_EQ(counts, (Ints{49, 3, 4, 1, 1}));
}

TEST(NaturalBreaks, FewerDistinctValuesThanClasses) {
  const auto c = classify(numbers({4, 4, 8, 8, 8}), spec("natural-breaks", 5), {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"4", "8"}));
}

// Within-class sum of squares of a classification of `values`.
double within_ssq(const std::vector<double>& values, const std::vector<int>& class_of, int classes) {
  double total = 0;
  for (int k = 0; k < classes; ++k) {
    double sum = 0, count = 0;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (class_of[i] == k) sum += values[i], count += 1;
    for (std::size_t i = 0; i < values.size(); ++i)
      if (class_of[i] == k) total += (values[i] - sum / count) * (values[i] - sum / count);
  }
  return total;
}

// The optimum by trying every way to cut the sorted values into `classes` runs.
double brute_force_ssq(std::vector<double> sorted, int classes) {
  std::sort(sorted.begin(), sorted.end());
  const std::size_t n = sorted.size();
  double best = std::numeric_limits<double>::infinity();
  for (std::uint32_t mask = 0; mask < (1u << (n - 1)); ++mask) {
    if (__builtin_popcount(mask) != classes - 1) continue;
    std::vector<int> class_of(n, 0);
    for (std::size_t i = 1; i < n; ++i)
      class_of[i] = class_of[i - 1] + static_cast<int>((mask >> (i - 1)) & 1u);
    best = std::min(best, within_ssq(sorted, class_of, classes));
  }
  return best;
}

TEST(NaturalBreaks, MatchesBruteForceOptimum) {
  std::uint32_t seed = 12345;
  auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
  int compared = 0;
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<double> values;
    const std::size_t n = 6 + next() % 8;
    for (std::size_t i = 0; i < n; ++i) values.push_back(static_cast<double>(next() % 50));
    const int classes = 2 + static_cast<int>(next() % 4);
    const auto c = classify(numbers(values), spec("natural-breaks", classes), {}, "data.csv");
    std::vector<double> distinct = values;
    std::sort(distinct.begin(), distinct.end());
    distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
    if (static_cast<int>(distinct.size()) < classes) continue;
    ASSERT_EQ(static_cast<int>(c.classes.size()), classes);
    EXPECT_NEAR(within_ssq(values, c.class_of, classes), brute_force_ssq(values, classes), 1e-6)
        << "trial " << trial;
    ++compared;
  }
  EXPECT_GT(compared, 40);
}

TEST(Quantile, RandomDataNeverGivesEmptyClasses) {
  std::uint32_t seed = 777;
  auto next = [&] { return (seed = seed * 1664525u + 1013904223u) >> 8; };
  for (int trial = 0; trial < 200; ++trial) {
    std::vector<double> values;
    const std::size_t n = 1 + next() % 30;
    for (std::size_t i = 0; i < n; ++i) values.push_back(static_cast<double>(next() % 12));
    const auto c =
        classify(numbers(values), spec("quantile", 1 + static_cast<int>(next() % 7)), {}, "data.csv");
    std::vector<int> members(c.classes.size(), 0);
    for (int k : c.class_of) ++members[static_cast<std::size_t>(k)];
    for (int m : members) EXPECT_GT(m, 0) << "trial " << trial;
    for (std::size_t i = 0; i < values.size(); ++i) {
      const auto& entry = c.classes[static_cast<std::size_t>(c.class_of[i])];
      EXPECT_TRUE(entry.lower <= values[i] && values[i] <= entry.upper) << "trial " << trial;
    }
  }
}

TEST(NaturalBreaks, LargeInputIsFast) {
  std::vector<DataValue> values;
  values.reserve(50000);
  for (int i = 0; i < 50000; ++i) values.push_back({std::to_string((i * 7919) % 100003), i + 1});
  const auto start = std::chrono::steady_clock::now();
  const auto c = classify(values, spec("natural-breaks", 9), {}, "data.csv");
  EXPECT_EQ(c.classes.size(), 9u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}

TEST(EqualInterval, SplitsTheRangeEvenly) {
  const auto c = classify(numbers({0, 10, 25, 60, 100}), spec("equal-interval", 4), {}, "data.csv");
  // Whole numbers: each class is labelled by the whole numbers it holds.
  EXPECT_EQ(labels(c), (Strings{"0 \u2013 24", "25 \u2013 49", "50 \u2013 74", "75 \u2013 100"}));
  EXPECT_EQ(c.class_of,
            (Ints{0, 0, 1, 2, 3}));  // a value on an edge opens the upper class; max is in the last
}

TEST(EqualInterval, UsesTheFewestDecimalsThatKeepBoundsDistinct) {
  const auto c = classify(numbers({0, 0.5, 1}), spec("equal-interval", 3), {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"0.0 \u2013 0.3", "0.3 \u2013 0.7", "0.7 \u2013 1.0"}));
}

TEST(Manual, UsesTheGivenBoundaries) {
  auto s = spec("manual", 3);
  s.breaks = {0, 10, 20, 50};
  const auto c = classify(numbers({0, 9.5, 10, 50}), s, {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"0 \u2013 10", "10 \u2013 20", "20 \u2013 50"}));
  EXPECT_EQ(c.class_of, (Ints{0, 0, 1, 2}));
  EXPECT_EQ(fills(c), (Strings{"#edf8b1", "#7fcdbb", "#2c7fb8"}));
}

TEST(Manual, InnerBreaksTakeOuterBoundsFromTheData) {
  auto s = spec("manual", 3);
  s.breaks = {10, 20};
  const auto c = classify(rows({"5", "15", "1,500"}), s, {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"5 \u2013 9", "10 \u2013 19", "20 \u2013 1,500"}));
  EXPECT_EQ(c.class_of, (Ints{0, 1, 2}));
}

TEST(WholeNumbers, CountsReadAsTheWholeNumbersEachClassHolds) {
  auto s = spec("manual", 4);
  s.breaks = {0, 1, 2, 3, 5};
  const auto c = classify(rows({"0", "1", "2", "3", "4", "5"}), s, {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"0", "1", "2", "3 \u2013 5"}));
  EXPECT_EQ(c.class_of, (Ints{0, 1, 2, 3, 3, 3}));
  EXPECT_DOUBLE_EQ(c.classes[3].lower, 3);
  EXPECT_DOUBLE_EQ(c.classes[3].upper, 5);
}

TEST(WholeNumbers, EqualIntervalsOfCountsSplitBetweenWholeNumbers) {
  const auto c = classify(rows({"0", "1", "3", "5"}), spec("equal-interval", 2), {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"0 \u2013 2", "3 \u2013 5"}));  // not "0.0 – 2.5", "2.5 – 5.0"
  EXPECT_EQ(c.class_of, (Ints{0, 0, 1, 1}));
}

TEST(WholeNumbers, AClassWithoutAWholeNumberKeepsItsEdges) {
  auto s = spec("manual", 3);
  s.breaks = {0, 2.2, 2.6, 4};
  const auto c = classify(rows({"1", "3"}), s, {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"0.0 \u2013 2.0", "2.2 \u2013 2.6", "3.0 \u2013 4.0"}));
}

TEST(WholeNumbers, AFractionInTheColumnKeepsTheEdges) {
  const auto c = classify(rows({"0", "1.5", "5"}), spec("equal-interval", 2), {}, "data.csv");
  // Shown exactly, not rounded to "0 – 2" and "2 – 5", which would hide where 2.5 goes.
  EXPECT_EQ(labels(c), (Strings{"0.0 \u2013 2.5", "2.5 \u2013 5.0"}));
}

TEST(Manual, ValueOutsideTheBreaksNamesItsRow) {
  auto s = spec("manual", 2);
  s.breaks = {0, 25, 50};
  EXPECT_EQ(test::input_error_of([&] {
              classify(rows({"3", "60"}), s, {}, "data.csv");
            }),
            "data.csv:2: value 60 is outside the manual breaks 0\u201350 (widen the first or last break)");
}

TEST(Manual, WrongNumberOfBreaksIsReported) {
  auto s = spec("manual", 5);
  s.breaks = {1, 2};
  EXPECT_EQ(test::input_error_of([&] { classify(numbers({1}), s, {}, "data.csv"); }),
            "classify.breaks: 2 breaks given for 5 classes (list 6 class boundaries or 4 inner breaks)");
  s.breaks = {1, 3, 2, 4, 5, 6};
  EXPECT_NE(test::input_error_of([&] { classify(numbers({1}), s, {}, "data.csv"); }), "");
}

TEST(Classify, UnknownMethod) {
  EXPECT_EQ(
      test::input_error_of([] { classify(numbers({1}), spec("kmeans", 3), {}, "data.csv"); }),
      "classify.method: unknown method 'kmeans' (categorical, quantile, equal-interval, natural-breaks or "
      "manual)");
}

TEST(Classify, UnknownPaletteEvenWithoutData) {
  PaletteSpec palette{"Rainbow", {}};
  EXPECT_EQ(
      test::input_error_of([&] { classify({}, spec("quantile", 5), palette, "data.csv"); }),
      "palette: unknown palette 'Rainbow' (a ColorBrewer name such as YlGnBu, Blues, Set2, or a list of "
      "colours)");
}

TEST(Classify, NamedAndListedPalettes) {
  const auto values = numbers({1, 2, 3, 4});
  const auto blues = classify(values, spec("quantile", 2), {"blues", {}}, "data.csv");
  EXPECT_EQ(fills(blues), (Strings{"#deebf7", "#3182bd"}));
  const PaletteSpec listed{"Blues", {{255, 0, 0, 255}, {0, 0, 255, 255}, {0, 255, 0, 255}}};
  EXPECT_EQ(fills(classify(values, spec("quantile", 2), listed, "data.csv")),
            (Strings{"#ff0000", "#0000ff"}));
  EXPECT_EQ(test::input_error_of([&] { classify(values, spec("quantile", 4), listed, "data.csv"); }),
            "palette: 3 colours listed for 4 classes (list at least 4 colours, or name a palette)");
  EXPECT_EQ(test::input_error_of([&] {
              classify(numbers({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}), spec("quantile", 10), {}, "d");
            }),
            "palette: palette 'YlGnBu' has at most 9 colours (choose fewer classes or list colours)");
}

TEST(Categorical, OrdersListedCategoriesFirstThenFirstAppearance) {
  auto s = spec("categorical", 0);
  s.categories = {{"c", Color{255, 0, 0, 255}}, {"z", std::nullopt}};
  const auto c = classify(rows({"b", "a", "", " b ", "c"}), s, {}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"c", "z", "b", "a"}));  // "z" is absent from the data but kept
  EXPECT_EQ(c.class_of, (Ints{2, 3, -1, 2, 0}));
  // Listed colours win; the rest take Set2 in legend order.
  EXPECT_EQ(fills(c), (Strings{"#ff0000", "#66c2a5", "#fc8d62", "#8da0cb"}));
}

TEST(Categorical, NumbersAreJustCategories) {
  const auto c = classify(rows({"10", "2", "10", "abc"}), spec("categorical", 5), {"Dark2", {}}, "data.csv");
  EXPECT_EQ(labels(c), (Strings{"10", "2", "abc"}));
  EXPECT_EQ(fills(c), (Strings{"#1b9e77", "#d95f02", "#7570b3"}));
}

TEST(Categorical, TooManyCategoriesForTheQualitativePalette) {
  const auto values = rows({"a", "b", "c", "d", "e", "f", "g", "h", "i"});
  EXPECT_EQ(test::input_error_of([&] { classify(values, spec("categorical", 5), {}, "data.csv"); }),
            "palette: palette 'Set2' has at most 8 colours (choose fewer classes or list colours)");
  EXPECT_EQ(classify(values, spec("categorical", 5), {"Paired", {}}, "data.csv").classes.size(), 9u);
}

TEST(Classify, IsDeterministic) {
  const auto values = numbers({3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9});
  for (const char* method : {"quantile", "natural-breaks", "equal-interval"}) {
    const auto a = classify(values, spec(method, 4), {}, "data.csv");
    const auto b = classify(values, spec(method, 4), {}, "data.csv");
    EXPECT_EQ(labels(a), labels(b));
    EXPECT_EQ(a.class_of, b.class_of);
  }
}

}  // namespace
}  // namespace covermap::styles
