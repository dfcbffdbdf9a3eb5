// The one number parser: what a cell, a coordinate or an option may say, and what is refused rather than
// misread.
#include "geo/number.hpp"

#include <gtest/gtest.h>

namespace covermap::geo {
namespace {

constexpr NumberSyntax kCell{.thousands = true, .percent = true};

TEST(Number, ReadsPlainDecimalText) {
  EXPECT_EQ(parse_number("1234"), 1234.0);
  EXPECT_EQ(parse_number("-12.5"), -12.5);
  EXPECT_EQ(parse_number("+3"), 3.0);
  EXPECT_EQ(parse_number(".5"), 0.5);
  EXPECT_EQ(parse_number("1e3"), 1000.0);
  EXPECT_EQ(parse_number("  42 "), 42.0) << "surrounding spaces are not part of the number";
}

TEST(Number, RefusesWhatIsNotOneFiniteNumber) {
  for (const char* text : {"", " ", "abc", "12abc", "1.2.3", "--1", "inf", "nan", "NaN", "-inf", "0x10",
                           "1e999", "1 234", "１２"})
    EXPECT_FALSE(parse_number(text, kCell)) << "'" << text << "'";
}

TEST(Number, ADecimalCommaIsRefusedNotReadAsThousands) {
  EXPECT_FALSE(parse_number("1,5", kCell)) << "1,5 must never become 15";
  EXPECT_FALSE(parse_number("12,34", kCell));
  EXPECT_FALSE(parse_number("1234,567", kCell)) << "the first group has at most three digits";
  EXPECT_FALSE(parse_number("1,23,456", kCell));
  EXPECT_FALSE(parse_number(",123", kCell));
  EXPECT_FALSE(parse_number("1,234.5,6", kCell));
}

TEST(Number, ThousandsSeparatorsOnlyWhenAllowedAndInGroupsOfThree) {
  EXPECT_EQ(parse_number("1,234", kCell), 1234.0);
  EXPECT_EQ(parse_number("-1,234,567.25", kCell), -1234567.25);
  EXPECT_FALSE(parse_number("1,234")) << "coordinates and options take no separators";
}

TEST(Number, APercentSignOnlyWhenAllowed) {
  EXPECT_EQ(parse_number("12.5%", kCell), 12.5);
  EXPECT_EQ(parse_number("40 %", kCell), 40.0);
  EXPECT_FALSE(parse_number("12.5%"));
  EXPECT_FALSE(parse_number("%", kCell));
}

TEST(Number, IntegersAreWholeAndPlain) {
  EXPECT_EQ(parse_integer("18"), 18);
  EXPECT_EQ(parse_integer("-3"), -3);
  for (const char* text : {"", "1.0", "1e1", "x", "1,000", "99999999999999999999999"})
    EXPECT_FALSE(parse_integer(text)) << "'" << text << "'";
}

TEST(Number, TheHintNamesADecimalComma) {
  EXPECT_NE(not_a_number_hint("1,5").find("1.5"), std::string::npos) << not_a_number_hint("1,5");
  EXPECT_EQ(not_a_number_hint("abc"), "");
}

TEST(PlainUnsigned, DigitsOnlyWithoutALeadingZeroAndWithinSixtyFourBits) {
  EXPECT_EQ(parse_plain_unsigned("440000"), 440000u);
  EXPECT_EQ(parse_plain_unsigned("0"), 0u);
  EXPECT_EQ(parse_plain_unsigned("18446744073709551615"), 18446744073709551615u);
  for (const char* text : {"", "0440", "+4", "-4", "4e5", " 4", "4 ", "18446744073709551616"})
    EXPECT_FALSE(parse_plain_unsigned(text)) << text;
}

TEST(ShortestText, ReadsBackAsTheSameDouble) {
  EXPECT_EQ(shortest_text(0.1), "0.1");
  EXPECT_EQ(shortest_text(116.4), "116.4");
  EXPECT_EQ(shortest_text(-85.0511287798066), "-85.0511287798066");
  EXPECT_EQ(shortest_text(12400), "12400");
}

}  // namespace
}  // namespace covermap::geo
