#include "styles/palette.hpp"

#include <gtest/gtest.h>

#include <set>

#include "geo/error.hpp"

namespace covermap::styles {
namespace {

std::vector<std::string> hexes(const std::vector<Color>& colors) {
  std::vector<std::string> out;
  for (const auto& c : colors) out.push_back(c.hex());
  return out;
}

using Hexes = std::vector<std::string>;

const char* const kAll[] = {"Blues",   "BuGn",   "BuPu",    "GnBu",    "Greens",  "Greys",    "OrRd",
                            "Oranges", "PuBu",   "PuBuGn",  "PuRd",    "Purples", "RdPu",     "Reds",
                            "YlGn",    "YlGnBu", "YlOrBr",  "YlOrRd",  "BrBG",    "PiYG",     "PRGn",
                            "PuOr",    "RdBu",   "RdGy",    "RdYlBu",  "RdYlGn",  "Spectral", "Accent",
                            "Dark2",   "Paired", "Pastel1", "Pastel2", "Set1",    "Set2",     "Set3"};

TEST(Palette, KnownColorBrewerValues) {
  EXPECT_EQ(hexes(palette_colors("YlGnBu", 5, "t")),
            (Hexes{"#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"}));
  EXPECT_EQ(hexes(palette_colors("Set2", 3, "t")), (Hexes{"#66c2a5", "#fc8d62", "#8da0cb"}));
  EXPECT_EQ(hexes(palette_colors("Blues", 3, "t")), (Hexes{"#deebf7", "#9ecae1", "#3182bd"}));
  EXPECT_EQ(hexes(palette_colors("Reds", 9, "t")),
            (Hexes{"#fff5f0", "#fee0d2", "#fcbba1", "#fc9272", "#fb6a4a", "#ef3b2c", "#cb181d", "#a50f15",
                   "#67000d"}));
  EXPECT_EQ(hexes(palette_colors("RdBu", 11, "t")),
            (Hexes{"#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de",
                   "#4393c3", "#2166ac", "#053061"}));
  EXPECT_EQ(hexes(palette_colors("Spectral", 4, "t")), (Hexes{"#d7191c", "#fdae61", "#abdda4", "#2b83ba"}));
  EXPECT_EQ(palette_colors("Paired", 12, "t").back().hex(), "#b15928");
  EXPECT_EQ(palette_colors("Set3", 12, "t").back().hex(), "#ffed6f");
  EXPECT_EQ(palette_colors("Greys", 9, "t").back().hex(), "#000000");
  EXPECT_EQ(palette_colors("Dark2", 8, "t").front().hex(), "#1b9e77");
}

TEST(Palette, NamesMatchCaseInsensitively) {
  EXPECT_TRUE(is_palette_name("YlGnBu"));
  EXPECT_TRUE(is_palette_name("ylgnbu"));
  EXPECT_TRUE(is_palette_name("SPECTRAL"));
  EXPECT_FALSE(is_palette_name("Rainbow"));
  EXPECT_FALSE(is_palette_name(""));
  EXPECT_EQ(palette_colors("ylgnbu", 5, "t"), palette_colors("YlGnBu", 5, "t"));
}

TEST(Palette, KindsAndSizes) {
  EXPECT_EQ(palette_kind("Blues"), PaletteKind::sequential);
  EXPECT_EQ(palette_kind("rdylgn"), PaletteKind::diverging);
  EXPECT_EQ(palette_kind("Set2"), PaletteKind::qualitative);
  EXPECT_EQ(palette_max_classes("YlOrRd"), 9);
  EXPECT_EQ(palette_max_classes("PuOr"), 11);
  EXPECT_EQ(palette_max_classes("Accent"), 8);
  EXPECT_EQ(palette_max_classes("Pastel1"), 9);
  EXPECT_EQ(palette_max_classes("Paired"), 12);
  EXPECT_THROW(palette_kind("Rainbow"), InputError);
}

TEST(Palette, EverySchemeHasDistinctColoursForEveryClassCount) {
  for (const char* name : kAll) {
    for (int n = 1; n <= palette_max_classes(name); ++n) {
      const auto colors = palette_colors(name, n, "t");
      ASSERT_EQ(static_cast<int>(colors.size()), n) << name << " " << n;
      const auto listed = hexes(colors);
      EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()).size(), colors.size())
          << name << " " << n;
    }
  }
}

TEST(Palette, RampsBelowThreeClassesUseMiddleOrEnds) {
  EXPECT_EQ(hexes(palette_colors("YlGnBu", 1, "t")), (Hexes{"#7fcdbb"}));
  EXPECT_EQ(hexes(palette_colors("YlGnBu", 2, "t")), (Hexes{"#edf8b1", "#2c7fb8"}));
  EXPECT_EQ(hexes(palette_colors("RdBu", 2, "t")), (Hexes{"#ef8a62", "#67a9cf"}));
}

TEST(Palette, QualitativeBelowThreeClassesTakesTheFirstColours) {
  EXPECT_EQ(hexes(palette_colors("Set2", 1, "t")), (Hexes{"#66c2a5"}));
  EXPECT_EQ(hexes(palette_colors("Set2", 2, "t")), (Hexes{"#66c2a5", "#fc8d62"}));
}

TEST(Palette, TooManyClassesNamesTheLimit) {
  try {
    palette_colors("blues", 10, "style.yaml: palette");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "style.yaml: palette");
    EXPECT_EQ(e.detail(), "palette 'Blues' has at most 9 colours");
    EXPECT_EQ(e.hint(), "choose fewer classes or list colours");
  }
  EXPECT_THROW(palette_colors("Set2", 9, "t"), InputError);
  EXPECT_THROW(palette_colors("RdBu", 12, "t"), InputError);
  EXPECT_THROW(palette_colors("Blues", 0, "t"), InputError);
}

TEST(Palette, UnknownNameSuggestsRealOnes) {
  try {
    palette_colors("Rainbow", 5, "style.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_STREQ(
        e.what(),
        "style.yaml: unknown palette 'Rainbow' (a ColorBrewer name such as YlGnBu, Blues, Set2, or a "
        "list of colours)");
  }
}

}  // namespace
}  // namespace covermap::styles
