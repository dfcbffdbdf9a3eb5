// The one UTF-8 walker: code points out of bytes, strictly, for validation, name keys and column widths.
#include "geo/utf8.hpp"

#include <gtest/gtest.h>

namespace covermap::geo::utf8 {
namespace {

TEST(Utf8, DecodesEachLengthOfSequence) {
  EXPECT_EQ(decode("a\u00e9\u4e2d\U0001F600"), (std::u32string{U'a', U'\u00e9', U'\u4e2d', U'\U0001F600'}));
  EXPECT_EQ(count("广东省 GD"), 6u);
  std::string encoded;
  for (char32_t c : decode("北京 ok")) append(encoded, c);
  EXPECT_EQ(encoded, "北京 ok") << "append is decode's inverse";
}

TEST(Utf8, ValidationIsStrict) {
  EXPECT_TRUE(is_valid("广东 Guangdong"));
  EXPECT_TRUE(is_valid(""));
  EXPECT_FALSE(is_valid("\xB9\xE3\xB6\xAB")) << "广东 in GBK";
  EXPECT_FALSE(is_valid("\xE5\xB9")) << "a sequence cut short";
  EXPECT_FALSE(is_valid("\xC0\xAF")) << "an overlong '/'";
  EXPECT_FALSE(is_valid("\xE0\x80\xAF")) << "an overlong three-byte '/'";
  EXPECT_FALSE(is_valid("\xED\xA0\x80")) << "a UTF-16 surrogate";
  EXPECT_FALSE(is_valid("\xF4\x90\x80\x80")) << "beyond U+10FFFF";
}

TEST(Utf8, MalformedBytesBecomeOneReplacementEachAndTheWalkGoesOn) {
  EXPECT_EQ(decode("a\xFF"
                   "b"),
            (std::u32string{U'a', U'\uFFFD', U'b'}));
  EXPECT_EQ(decode("\xE5\xB9"), (std::u32string{U'\uFFFD', U'\uFFFD'})) << "nothing read past the end";
}

TEST(Utf8, WideCharactersTakeTwoColumns) {
  EXPECT_EQ(display_width("Guangdong"), 9u);
  EXPECT_EQ(display_width("广东省"), 6u);
  EXPECT_EQ(display_width("ＡＢ"), 4u) << "full-width forms";
  EXPECT_EQ(display_width("é"), 1u);
}

TEST(Utf8, TextIsCutToATerminalsWidthBetweenCharacters) {
  EXPECT_EQ(fit_width("building 广东省", 14), "building 广东") << "a wide character that would overflow goes";
  EXPECT_EQ(fit_width("building 广东省", 12), "building 广");
  EXPECT_EQ(fit_width("building 广东省", 15), "building 广东省");
  EXPECT_EQ(fit_width("Guangdong", 5), "Guang");
  EXPECT_EQ(fit_width("é!", 1), "é") << "a two-byte character is one column";
  EXPECT_EQ(fit_width("广", 1), "");
  EXPECT_EQ(fit_width("", 3), "");
}

}  // namespace
}  // namespace covermap::geo::utf8
