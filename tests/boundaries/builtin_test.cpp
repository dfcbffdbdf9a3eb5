#include "boundaries/builtin.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "boundaries/dcw.hpp"
#include "geo/error.hpp"
#include "geo/geometry.hpp"
#include "geo/geometry_repair.hpp"
#include "geo/geos_context.hpp"
#include "geo/projection.hpp"

namespace covermap::boundaries {
namespace {

using geo::Point;

constexpr std::uint16_t kSep = kDcwSeparator;

bool closed(const geo::Ring& ring) {
  return ring.size() >= 4 && ring.front() == ring.back();
}

bool all_rings_closed(const geo::MultiPolygon& geometry) {
  for (const auto& polygon : geometry) {
    if (!closed(polygon.outer)) return false;
    for (const auto& hole : polygon.holes)
      if (!closed(hole)) return false;
  }
  return true;
}

bool box_holds(const geo::Box& box, Point p) {
  return p.x > box.min_x && p.x < box.max_x && p.y > box.min_y && p.y < box.max_y;
}

// Appends a ring given in raw uint16 values, preceded by a separator whose _lat value flags a hole.
void add_ring(std::vector<std::uint16_t>& lon, std::vector<std::uint16_t>& lat, bool hole,
              const std::vector<std::pair<std::uint16_t, std::uint16_t>>& points) {
  lon.push_back(kSep);
  lat.push_back(hole ? 1 : 0);
  for (const auto& [x, y] : points) {
    lon.push_back(x);
    lat.push_back(y);
  }
}

TEST(DecodeDcwRings, AssignsHoleToTheOuterRingHoldingIt) {
  std::vector<std::uint16_t> lon;
  std::vector<std::uint16_t> lat;
  // Outer A (closed in the data), island B (left open: the decoder closes it), then a hole inside A listed
  // last.
  add_ring(lon, lat, false, {{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}});
  add_ring(lon, lat, false, {{200, 0}, {300, 0}, {300, 50}});
  add_ring(lon, lat, true, {{40, 40}, {40, 60}, {60, 60}, {60, 40}, {40, 40}});

  // lon = 100 + v / 10, lat = 20 + v / 4
  const geo::MultiPolygon decoded = decode_dcw_rings(lon, lat, 100.0, 10.0, 20.0, 4.0);
  ASSERT_EQ(decoded.size(), 2u);
  EXPECT_TRUE(all_rings_closed(decoded));

  const geo::Polygon& a = decoded[0];
  const geo::Polygon& b = decoded[1];
  ASSERT_EQ(a.outer.size(), 5u);
  EXPECT_EQ(a.outer[0], (Point{100, 20}));
  EXPECT_EQ(a.outer[1], (Point{110, 20}));
  EXPECT_EQ(a.outer[2], (Point{110, 45}));
  ASSERT_EQ(a.holes.size(), 1u);
  EXPECT_EQ(a.holes[0][0], (Point{104, 30}));
  EXPECT_EQ(a.holes[0][2], (Point{106, 35}));
  EXPECT_TRUE(b.holes.empty());
  ASSERT_EQ(b.outer.size(), 4u);  // three points and the closing one
  EXPECT_EQ(b.outer.back(), (Point{120, 20}));
  EXPECT_DOUBLE_EQ(geo::area(decoded), 10 * 25 - 2 * 5 + 10 * 12.5 / 2);
}

TEST(DecodeDcwRings, ArrayWithoutLeadingSeparatorStartsWithAnOuterRing) {
  const std::vector<std::uint16_t> lon{0, 10, 10, 0, 0, kSep, 2, 2, 8, 8};
  const std::vector<std::uint16_t> lat{0, 0, 10, 10, 0, 1, 2, 8, 8, 2};
  const geo::MultiPolygon decoded = decode_dcw_rings(lon, lat, 0.0, 1.0, 0.0, 1.0);
  ASSERT_EQ(decoded.size(), 1u);
  ASSERT_EQ(decoded[0].holes.size(), 1u);
  EXPECT_TRUE(all_rings_closed(decoded));
  EXPECT_DOUBLE_EQ(geo::area(decoded), 100 - 36);
}

TEST(DecodeDcwRings, DropsHolesOutsideEveryOuterRingAndDegenerateRings) {
  std::vector<std::uint16_t> lon;
  std::vector<std::uint16_t> lat;
  add_ring(lon, lat, false, {{0, 0}, {10, 0}, {10, 10}, {0, 10}});
  add_ring(lon, lat, true, {{50, 50}, {60, 50}, {60, 60}, {50, 60}});
  add_ring(lon, lat, false, {{20, 20}, {21, 21}, {20, 20}});
  const geo::MultiPolygon decoded = decode_dcw_rings(lon, lat, 0.0, 1.0, 0.0, 1.0);
  ASSERT_EQ(decoded.size(), 1u);
  EXPECT_TRUE(decoded[0].holes.empty());
}

TEST(DecodeDcwRings, RejectsArraysOfDifferentLength) {
  EXPECT_THROW(decode_dcw_rings({1, 2, 3}, {1, 2}, 0, 1, 0, 1), InternalError);
}

TEST(WrapLongitudes, CutsAPolygonCrossingTheAntimeridian) {
  // A box from 175 to 185 east (as DCW writes Fiji), and one wholly past 180 (as DCW writes Canada).
  const std::vector<std::uint16_t> lon{kSep, 175, 185, 185, 175, kSep, 200, 210, 210, 200};
  const std::vector<std::uint16_t> lat{0, 10, 10, 20, 20, 0, 10, 10, 20, 20};
  geo::GeosContext geos;
  const geo::MultiPolygon decoded = decode_dcw_rings(lon, lat, 0.0, 1.0, 0.0, 1.0);
  const geo::MultiPolygon wrapped = wrap_longitudes(geos, decoded, "test");
  ASSERT_EQ(wrapped.size(), 3u);
  const geo::Box box = geo::bounds(wrapped);
  EXPECT_DOUBLE_EQ(box.min_x, -180);
  EXPECT_DOUBLE_EQ(box.max_x, 180);
  EXPECT_NEAR(geo::area(wrapped), 200, 1e-9);
  EXPECT_TRUE(geo::is_valid(geos, wrapped));
  EXPECT_TRUE(all_rings_closed(wrapped));
}

TEST(WrapLongitudes, ClosesARingAroundThePoleThroughThePole) {
  // Antarctica's ring: westwards along -70 from 0 to -179, then a jump to 179 and on to 0 again.
  // lon = -180 + v, lat = -90 + v
  const std::vector<std::uint16_t> lon{kSep, 180, 90, 1, 359, 270, 180};
  const std::vector<std::uint16_t> lat{0, 20, 20, 20, 20, 20, 20};
  geo::GeosContext geos;
  const geo::MultiPolygon decoded = decode_dcw_rings(lon, lat, -180.0, 1.0, -90.0, 1.0);
  ASSERT_EQ(decoded.size(), 1u);
  const geo::MultiPolygon wrapped = wrap_longitudes(geos, geo::make_valid(geos, decoded, "test"), "test");
  const geo::Box box = geo::bounds(wrapped);
  EXPECT_DOUBLE_EQ(box.min_x, -180);
  EXPECT_DOUBLE_EQ(box.max_x, 180);
  EXPECT_DOUBLE_EQ(box.min_y, -90);
  EXPECT_NEAR(geo::area(wrapped), 360 * 20, 1e-6);
  EXPECT_TRUE(geo::is_valid(geos, wrapped));
}

TEST(Builtin, NamesAndUnknownName) {
  EXPECT_EQ(builtin_names(), (std::vector<std::string>{"china-provinces", "world-countries"}));
  geo::GeosContext geos;
  try {
    load_builtin("moon-craters", geos);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "builtin:moon-craters");
    EXPECT_EQ(e.detail(), "unknown built-in boundaries");
  }
}

// Sets COVERMAP_DCW for one scope and restores what was there.
class ScopedDcwPath {
 public:
  explicit ScopedDcwPath(const std::string& path) {
    if (const char* old = std::getenv("COVERMAP_DCW")) old_ = old;
    setenv("COVERMAP_DCW", path.c_str(), 1);
  }
  ~ScopedDcwPath() {
    if (old_)
      setenv("COVERMAP_DCW", old_->c_str(), 1);
    else
      unsetenv("COVERMAP_DCW");
  }
  ScopedDcwPath(const ScopedDcwPath&) = delete;
  ScopedDcwPath& operator=(const ScopedDcwPath&) = delete;

 private:
  std::optional<std::string> old_;
};

TEST(Builtin, MissingDcwFileIsAnInputErrorNamingIt) {
  const std::string missing = "/nonexistent/covermap/dcw-gmt.nc";
  ScopedDcwPath scoped(missing);
  EXPECT_EQ(default_dcw_path(), missing);
  geo::GeosContext geos;
  try {
    load_builtin("china-provinces", geos);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), missing);
    EXPECT_NE(e.detail().find("cannot open netCDF file"), std::string::npos) << e.detail();
  }
}

bool have_dcw() {
  return std::filesystem::exists(default_dcw_path());
}

geo::GeosContext& shared_geos() {
  static geo::GeosContext geos;
  return geos;
}

// Loading takes seconds, so each set is loaded once for all the tests that look at it.
class ChinaProvinces : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (have_dcw()) set_ = std::make_unique<BoundarySet>(load_builtin("china-provinces", shared_geos()));
  }
  static void TearDownTestSuite() { set_.reset(); }
  void SetUp() override {
    if (!set_) GTEST_SKIP() << default_dcw_path() << " is missing (install Debian's gmt-dcw)";
  }
  static inline std::unique_ptr<BoundarySet> set_;
};

TEST_F(ChinaProvinces, HasThirtyFourUnitsSortedByAdcode) {
  EXPECT_EQ(set_->source, "builtin:china-provinces");
  EXPECT_EQ(set_->fields, (std::vector<std::string>{"adcode", "iso", "name_zh", "name_en"}));
  ASSERT_EQ(set_->units.size(), 34u);
  EXPECT_TRUE(std::is_sorted(set_->units.begin(), set_->units.end(),
                             [](const Unit& a, const Unit& b) { return a.id < b.id; }));
  EXPECT_EQ(set_->units.front().id, "110000");
  EXPECT_EQ(set_->units.back().id, "820000");
  const auto guangdong =
      std::find_if(set_->units.begin(), set_->units.end(), [](const Unit& u) { return u.id == "440000"; });
  ASSERT_NE(guangdong, set_->units.end());
  EXPECT_EQ(guangdong->name, "广东省");
  EXPECT_EQ(guangdong->attributes.at("adcode"), "440000");
  EXPECT_EQ(guangdong->attributes.at("iso"), "CN-GD");
  EXPECT_EQ(guangdong->attributes.at("name_zh"), "广东省");
  EXPECT_EQ(guangdong->attributes.at("name_en"), "Guangdong");
}

TEST_F(ChinaProvinces, AreasAreRightInAnEqualAreaProjection) {
  const geo::Projector albers("china-albers");
  double total = 0;
  const Unit* largest = nullptr;
  const Unit* smallest = nullptr;
  double largest_area = 0;
  double smallest_area = 0;
  for (const auto& unit : set_->units) {
    const double km2 = geo::area(albers.forward(unit.geometry)) / 1e6;
    total += km2;
    if (!largest || km2 > largest_area) largest = &unit, largest_area = km2;
    if (!smallest || km2 < smallest_area) smallest = &unit, smallest_area = km2;
  }
  EXPECT_GT(total, 9.3e6);
  EXPECT_LT(total, 9.9e6);
  EXPECT_EQ(largest->id, "650000");
  EXPECT_EQ(smallest->id, "820000");
}

TEST_F(ChinaProvinces, EveryUnitIsValidClosedAndInRange) {
  for (const auto& unit : set_->units) {
    SCOPED_TRACE(unit.id);
    ASSERT_FALSE(unit.geometry.empty());
    EXPECT_TRUE(geo::is_valid(shared_geos(), unit.geometry));
    EXPECT_TRUE(all_rings_closed(unit.geometry));
    const geo::Box box = geo::bounds(unit.geometry);
    EXPECT_GE(box.min_x, 73);
    EXPECT_LE(box.max_x, 136);
  }
}

class WorldCountries : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (have_dcw()) world_ = std::make_unique<BoundarySet>(load_builtin("world-countries", shared_geos()));
  }
  static void TearDownTestSuite() { world_.reset(); }
  void SetUp() override {
    if (!world_) GTEST_SKIP() << default_dcw_path() << " is missing (install Debian's gmt-dcw)";
  }
  static const Unit& unit(const std::string& iso) {
    const auto found =
        std::find_if(world_->units.begin(), world_->units.end(), [&](const Unit& u) { return u.id == iso; });
    if (found == world_->units.end()) throw std::runtime_error("no unit " + iso);
    return *found;
  }
  static inline std::unique_ptr<BoundarySet> world_;
};

TEST_F(WorldCountries, HasTheTwoLetterCountriesOnly) {
  EXPECT_EQ(world_->source, "builtin:world-countries");
  EXPECT_EQ(world_->fields, (std::vector<std::string>{"iso", "name_en"}));
  EXPECT_GT(world_->units.size(), 240u);
  EXPECT_TRUE(std::is_sorted(world_->units.begin(), world_->units.end(),
                             [](const Unit& a, const Unit& b) { return a.id < b.id; }));
  for (const auto& u : world_->units) EXPECT_EQ(u.id.size(), 2u) << u.id;
  EXPECT_EQ(unit("CN").name, "China");
  EXPECT_EQ(unit("ZA").attributes.at("name_en"), "South Africa");
  EXPECT_EQ(unit("ZA").attributes.at("iso"), "ZA");
}

TEST_F(WorldCountries, EnclavesAreHoles) {
  const Point maseru{27.48, -29.31};     // Lesotho, inside South Africa
  const Point san_marino{12.45, 43.94};  // inside Italy
  for (const auto& [iso, enclave] : {std::pair{"ZA", maseru}, std::pair{"IT", san_marino}}) {
    SCOPED_TRACE(iso);
    int holding = 0;
    for (const auto& polygon : unit(iso).geometry)
      for (const auto& hole : polygon.holes)
        if (box_holds(geo::bounds({geo::Polygon{hole, {}}}), enclave)) ++holding;
    EXPECT_EQ(holding, 1);
  }
}

TEST_F(WorldCountries, EveryCountryIsValidAndWithinTheUsualLongitudes) {
  for (const auto& u : world_->units) {
    SCOPED_TRACE(u.id);
    EXPECT_FALSE(u.geometry.empty());
    EXPECT_TRUE(geo::is_valid(shared_geos(), u.geometry));
    EXPECT_TRUE(all_rings_closed(u.geometry));
    const geo::Box box = geo::bounds(u.geometry);
    EXPECT_GE(box.min_x, -180);
    EXPECT_LE(box.max_x, 180);
  }
  // Canada is stored as 219..307 east, Russia runs past 180 into Chukotka.
  EXPECT_LT(geo::bounds(unit("CA").geometry).max_x, -50);
  EXPECT_DOUBLE_EQ(geo::bounds(unit("RU").geometry).min_x, -180);
}

}  // namespace
}  // namespace covermap::boundaries
