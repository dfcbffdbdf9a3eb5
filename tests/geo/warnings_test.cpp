#include "geo/warnings.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace covermap {
namespace {

// Collects what is warned while it lives, and puts the earlier sink back.
class CollectedWarnings {
 public:
  CollectedWarnings()
      : previous_(set_warning_sink([this](const std::string& message) { lines.push_back(message); })) {}
  ~CollectedWarnings() { set_warning_sink(std::move(previous_)); }
  std::vector<std::string> lines;

 private:
  WarningSink previous_;
};

TEST(Warnings, ReachTheSinkTheAppSet) {
  CollectedWarnings collected;
  warn("counties.gpkg: 3 rings repaired");
  ASSERT_EQ(collected.lines.size(), 1u);
  EXPECT_EQ(collected.lines[0], "counties.gpkg: 3 rings repaired");
}

TEST(Warnings, OnceMeansOncePerKey) {
  CollectedWarnings collected;
  warn_once("cache-unwritable-test", "the boundary cache cannot be written");
  warn_once("cache-unwritable-test", "the boundary cache cannot be written");
  warn_once("another-key-test", "something else");
  ASSERT_EQ(collected.lines.size(), 2u);
  EXPECT_EQ(collected.lines[1], "something else");
}

}  // namespace
}  // namespace covermap
