// A boundary layer read from a user's file: what is repaired, what is refused, and what is said.
#include "boundaries/boundary_source.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "geo/gdal_io.hpp"

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

// Neighbours in a file that stores their border twice, with a corner one side runs past: they come back
// sharing the corner exactly, so every output simplifies their border as one.
TEST(BoundarySource, NeighboursComeBackSharingTheirBorderExactly) {
  const test::TempDir dir;
  const std::string path = dir.write(
      "units.geojson",
      collection({feature("1", R"({"type":"Polygon","coordinates":[[[-1,0],[0,0],[0,1],[-1,1],[-1,0]]]})"),
                  feature("2", R"({"type":"Polygon","coordinates":[[[0.000001,0],[1,0],[1,0.5],)"
                               R"([0.00002,0.5],[0.000001,0]]]})"),
                  feature("3", R"({"type":"Polygon","coordinates":[[[0.00002,0.5],[1,0.5],[1,1],)"
                               R"([-0.000003,1.000001],[0.00002,0.5]]]})")}));
  const geo::GeosContext geos;
  const BoundarySet set = load_boundaries_uncached({path, "", "id", "name", ""}, geos);
  ASSERT_EQ(set.units.size(), 3u);
  std::set<std::pair<double, double>> first;
  for (const geo::Point& p : set.units[0].geometry.at(0).outer) first.insert({p.x, p.y});
  for (int unit = 1; unit < 3; ++unit)
    for (const geo::Point& p : set.units[static_cast<std::size_t>(unit)].geometry.at(0).outer)
      if (p.x < 0.5) {
        EXPECT_TRUE(first.count({p.x, p.y})) << "unit " << unit + 1 << " at " << p.x << " " << p.y;
      }
}

// The county layer stores most borders twice, a few metres apart at most: after loading, two counties'
// vertices are either the same point or further apart than the snap, and no county's area moved.
TEST(BoundarySource, CountyBordersAreSharedExactlyAndAreasKept) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  const geo::GeosContext geos;
  const BoundarySet set = load_boundaries_uncached({gpkg, "county", "adcode", "name", ""}, geos);
  const geo::FeatureLayer raw = geo::read_polygon_layer(gpkg, {"county", "", ""});
  ASSERT_EQ(set.units.size(), raw.features.size());
  for (std::size_t i = 0; i < set.units.size(); ++i) {
    const double before = geo::area(raw.features[i].geometry);
    EXPECT_NEAR(geo::area(set.units[i].geometry), before, before * 0.005) << set.units[i].id;
  }
  constexpr double kClose = 1e-4;  // half the snap: vertices this close were joined
  std::unordered_map<std::uint64_t, std::vector<std::pair<geo::Point, std::uint32_t>>> cells;
  const auto cell = [](double x, double y) {
    return (static_cast<std::uint64_t>(std::floor(x / kClose) + 2e6) << 32) |
           static_cast<std::uint64_t>(std::floor(y / kClose) + 2e6);
  };
  for (std::uint32_t u = 0; u < set.units.size(); ++u)
    geo::for_each_ring(set.units[u].geometry, [&](const geo::Ring& ring) {
      for (const geo::Point& p : ring) cells[cell(p.x, p.y)].push_back({p, u});
    });
  std::size_t near_misses = 0, shared = 0;
  for (const auto& [key, here] : cells)
    for (std::int64_t dx = -1; dx <= 1; ++dx)
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto other = cells.find(key + static_cast<std::uint64_t>(dx * (std::int64_t{1} << 32) + dy));
        if (other == cells.end()) continue;
        for (const auto& [p, u] : here)
          for (const auto& [q, v] : other->second) {
            if (u == v) continue;
            if (p == q)
              ++shared;
            else if (std::hypot(p.x - q.x, p.y - q.y) < kClose)
              ++near_misses;
          }
      }
  // A vertex may stay beside a neighbour's (a corner the neighbour's border turns away from, or two vertices
  // of one ring a few metres apart that both neighbours keep): a handful in a million.
  EXPECT_LT(near_misses, shared / 500);
  EXPECT_GT(shared, 1000000u);  // most border vertices, where only 24 k were shared before
}

// Two counties in Inner Mongolia whose copies of their border part by up to a few hundred metres north of
// 51.8 N: the sliver between them opened daylight between their vector tiles at zooms 5-7. Loaded, every
// vertex of either that lies near the other's outline is a vertex of the other too: one line, drawn by one
// of them.
TEST(BoundarySource, BordersThatPartAreClosedIntoOneLine) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  const geo::GeosContext geos;
  const BoundarySet set = load_boundaries_uncached({gpkg, "county", "adcode", "name", ""}, geos);
  const auto unit = [&](const std::string& id) -> const Unit& {
    for (const Unit& u : set.units)
      if (u.id == id) return u;
    throw std::runtime_error("no unit " + id);
  };
  const auto outline = [](const Unit& u) {
    std::vector<geo::Point> points;
    geo::for_each_ring(u.geometry,
                       [&](const geo::Ring& ring) { points.insert(points.end(), ring.begin(), ring.end()); });
    return points;
  };
  const auto near_outline = [](const geo::Point& p, const geo::MultiPolygon& shape, double distance) {
    bool near = false;
    geo::for_each_ring(shape, [&](const geo::Ring& ring) {
      for (std::size_t i = 0; i + 1 < ring.size() && !near; ++i)
        near = geo::squared_distance_to_segment(p, ring[i], ring[i + 1]) < distance * distance;
    });
    return near;
  };
  const Unit& a = unit("150784");
  const Unit& b = unit("150785");
  const std::vector<geo::Point> points_a = outline(a), points_b = outline(b);
  const std::set<std::pair<double, double>> set_a = [&] {
    std::set<std::pair<double, double>> out;
    for (const geo::Point& p : points_a) out.insert({p.x, p.y});
    return out;
  }();
  std::size_t border = 0, apart = 0;
  for (const geo::Point& p : points_b) {
    if (p.y < 51.8 || !near_outline(p, a.geometry, 0.01)) continue;
    ++border;
    if (!set_a.count({p.x, p.y})) ++apart;
  }
  EXPECT_GT(border, 20u);
  EXPECT_EQ(apart, 0u);
}

}  // namespace
}  // namespace covermap::boundaries
