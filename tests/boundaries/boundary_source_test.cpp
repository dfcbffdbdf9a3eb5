// A boundary layer read from a user's file: what is repaired, what is refused, and what is said.
#include "boundaries/boundary_source.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "geo/warnings.hpp"
#include "tests/test_support.hpp"

namespace covermap::boundaries {
namespace {

std::string feature(const std::string& id, const std::string& geometry) {
  return R"({"type":"Feature","properties":{"id":")" + id + R"(","name":"u)" + id + R"("},"geometry":)" +
         geometry + "}";
}

std::string collection(const std::vector<std::string>& features) {
  std::string text = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) text += (i ? "," : "") + features[i];
  return text + "]}";
}

constexpr const char* kSquare = R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]})";

TEST(BoundarySource, UnitsWithoutAreaAreNamedInOneWarning) {
  const test::TempDir dir;
  const std::string path =
      dir.write("units.geojson",
                collection({feature("1", kSquare), feature("2", "null"),
                            feature("3", R"({"type":"Polygon","coordinates":[[[5,5],[6,6],[5,5]]]})")}));
  std::vector<std::string> warnings;
  const WarningSink previous = set_warning_sink([&](const std::string& line) { warnings.push_back(line); });
  const geo::GeosContext geos;
  const BoundarySet set = load_boundaries({path, "", "id", "name", ""}, geos);
  set_warning_sink(previous);
  ASSERT_EQ(set.units.size(), 3u);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], path + ": 2 units have no area and are not drawn: 2, 3 (check their geometry)");
}

TEST(BoundarySource, NaNCoordinatesAreRefusedWithTheFeature) {
  const test::TempDir dir;
  const std::string path = dir.write(
      "units.geojson",
      collection({feature("1", kSquare),
                  feature("2", R"({"type":"Polygon","coordinates":[[[0,0],[1,0],[1,NaN],[0,0]]]})")}));
  const geo::GeosContext geos;
  try {
    load_boundaries_uncached({path, "", "id", "name", ""}, geos);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":2: a coordinate is not a finite number", 0), 0u)
        << e.what();
  }
}

}  // namespace
}  // namespace covermap::boundaries
