#include "styles/color.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"

namespace covermap::styles {
namespace {

TEST(ParseColor, ReadsLongShortAndAlphaHex) {
  EXPECT_EQ(parse_color("#ffffcc", "t"), (Color{255, 255, 204, 255}));
  EXPECT_EQ(parse_color("#f80", "t"), (Color{255, 136, 0, 255}));
  EXPECT_EQ(parse_color("#11223344", "t"), (Color{0x11, 0x22, 0x33, 0x44}));
}

TEST(ParseColor, IgnoresCaseAndSurroundingSpaces) {
  EXPECT_EQ(parse_color("  #A1DAB4 ", "t"), (Color{0xa1, 0xda, 0xb4, 255}));
  EXPECT_EQ(parse_color("\tWhite\n", "t"), (Color{255, 255, 255, 255}));
  EXPECT_EQ(parse_color("NAVY", "t"), (Color{0, 0, 128, 255}));
}

TEST(ParseColor, KnowsTheCssBasicNames) {
  const std::pair<const char*, const char*> names[] = {
      {"black", "#000000"},  {"silver", "#c0c0c0"}, {"gray", "#808080"},   {"white", "#ffffff"},
      {"maroon", "#800000"}, {"red", "#ff0000"},    {"purple", "#800080"}, {"fuchsia", "#ff00ff"},
      {"green", "#008000"},  {"lime", "#00ff00"},   {"olive", "#808000"},  {"yellow", "#ffff00"},
      {"navy", "#000080"},   {"blue", "#0000ff"},   {"teal", "#008080"},   {"aqua", "#00ffff"},
  };
  for (const auto& [name, hex] : names) EXPECT_EQ(parse_color(name, "t").hex(), hex) << name;
}

TEST(ParseColor, NoneIsTransparent) {
  EXPECT_EQ(parse_color("none", "t").a, 0);
  EXPECT_EQ(parse_color("none", "t").hex(), "#00000000");
}

TEST(ColorHex, OmitsAlphaOnlyWhenOpaque) {
  EXPECT_EQ((Color{0x2c, 0x7f, 0xb8, 255}).hex(), "#2c7fb8");
  EXPECT_EQ((Color{0x2c, 0x7f, 0xb8, 0x80}).hex(), "#2c7fb880");
  EXPECT_EQ(parse_color(parse_color("#0c2c8480", "t").hex(), "t"), parse_color("#0C2C8480", "t"));
}

TEST(ParseColor, RejectsMalformedInputWithWhereAndHint) {
  for (const char* bad : {"", "   ", "#12", "#ggg", "#12345", "#1234567", "ffffcc", "reddish", "#ff ff cc"}) {
    try {
      parse_color(bad, "style.yaml: fill");
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const InputError& e) {
      EXPECT_EQ(e.where(), "style.yaml: fill");
      EXPECT_EQ(e.detail(), std::string("not a colour: '") + bad + "'");
      EXPECT_EQ(e.hint(), "use #rrggbb or a colour name");
    }
  }
}

TEST(ParseColor, MessageReadsAsOneLine) {
  try {
    parse_color("blurple", "style.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "style.yaml: not a colour: 'blurple' (use #rrggbb or a colour name)");
  }
}

}  // namespace
}  // namespace covermap::styles
