// Pinyin keys of Chinese names, through ICU opened on first use: what a pinyin row in a table is matched by.
#include "boundaries/pinyin.hpp"

#include <gtest/gtest.h>

#include <string>

namespace covermap::boundaries {
namespace {

TEST(Pinyin, ANameBecomesItsPinyinWithoutTonesOrSpaces) {
  const Pinyin pinyin;
  EXPECT_EQ(pinyin.key("积石山"), "jishishan");
  EXPECT_EQ(pinyin.key("三穗县"), "sansuixian");
  EXPECT_EQ(pinyin.key("Nei Mongol 内蒙古"), "neimongolneimenggu") << "Latin letters are kept";
  EXPECT_EQ(pinyin.key(""), "");
}

// A Han character becomes up to six letters and a space: a long name outgrows the room first given to it.
TEST(Pinyin, ALongNameIsTransliteratedWhole) {
  const Pinyin pinyin;
  std::string name, expected;
  for (int i = 0; i < 60; ++i) name += "庄", expected += "zhuang";
  EXPECT_EQ(pinyin.key(name), expected);
}

// A cell that is not valid UTF-8 is read as ICU reads one (U+FFFD for the bad byte), not refused.
TEST(Pinyin, ABadByteIsPassedOver) {
  const Pinyin pinyin;
  EXPECT_EQ(pinyin.key("\xff山西"), "shanxi");
}

}  // namespace
}  // namespace covermap::boundaries
