#include "geo/shared_edge_simplify.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "geo/gdal_io.hpp"
#include "geo/geometry_repair.hpp"
#include "geo/geos_context.hpp"
#include "geo/projection.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

// A wiggly border from (0,0) to (0,10): many vertices a coarse tolerance removes.
std::vector<Point> wiggly_border() {
  std::vector<Point> border;
  for (int i = 0; i <= 100; ++i) border.push_back({0.01 * std::sin(i * 0.7), i * 0.1});
  return border;
}

std::set<std::pair<double, double>> vertex_set(const Ring& ring) {
  std::set<std::pair<double, double>> set;
  for (const Point& p : ring) set.insert({p.x, p.y});
  return set;
}

// Two squares sharing the wiggly border; the right one is given the other way round and starting elsewhere.
std::pair<MultiPolygon, MultiPolygon> neighbours() {
  const auto border = wiggly_border();
  Ring left{{-10, 0}};
  for (const Point& p : border) left.push_back(p);
  left.push_back({-10, 10});
  left.push_back({-10, 0});
  Ring right{{10, 0}, {10, 10}};
  right.insert(right.end(), border.rbegin(), border.rend());  // down the border, from the top
  right.push_back({10, 0});
  std::rotate(right.begin(), right.begin() + 1, right.end() - 1);  // start at another vertex
  right.back() = right.front();
  return {MultiPolygon{{left, {}}}, MultiPolygon{{right, {}}}};
}

TEST(SharedEdgeSimplify, BothSidesOfABorderKeepTheSameVertices) {
  auto [left, right] = neighbours();
  const std::size_t before = vertex_count(left) + vertex_count(right);
  MultiPolygon* shapes[] = {&left, &right};
  const SimplifyStats stats = simplify_shared_edges(shapes, 0.05);
  EXPECT_EQ(stats.vertices_before, before);
  EXPECT_LT(stats.vertices_after, before / 4);
  // The border's vertices (x near 0) must be the same set on both sides: no gap, no sliver.
  auto on_border = [](const Ring& ring) {
    std::set<std::pair<double, double>> set;
    for (const Point& p : ring)
      if (std::abs(p.x) < 1) set.insert({p.x, p.y});
    return set;
  };
  EXPECT_EQ(on_border(left[0].outer), on_border(right[0].outer));
  EXPECT_GE(on_border(left[0].outer).size(), 2u);
  EXPECT_NEAR(area(left) + area(right), 200.0, 0.5);
}

TEST(SharedEdgeSimplify, AnEnclaveAndItsHoleStayIdentical) {
  // A unit wholly inside another: its outer ring and the other's hole are the same ring, with no node on it.
  Ring enclave;
  for (int i = 0; i < 64; ++i) {
    const double a = 2 * M_PI * i / 64;
    enclave.push_back({5 + 2 * std::cos(a) + 0.001 * (i % 3), 5 + 2 * std::sin(a)});
  }
  enclave.push_back(enclave.front());
  Ring hole(enclave.rbegin(), enclave.rend());
  std::rotate(hole.begin(), hole.begin() + 17, hole.end() - 1);
  hole.back() = hole.front();
  MultiPolygon inner{{enclave, {}}};
  MultiPolygon outer{{{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}, {hole}}};
  MultiPolygon* shapes[] = {&outer, &inner};
  simplify_shared_edges(shapes, 0.05);
  ASSERT_EQ(outer[0].holes.size(), 1u);
  EXPECT_LT(inner[0].outer.size(), 64u);
  EXPECT_EQ(vertex_set(inner[0].outer), vertex_set(outer[0].holes[0]));
}

TEST(SharedEdgeSimplify, IsletsBelowTheToleranceAreDroppedAndNodesKept) {
  MultiPolygon islands{{{{0, 0}, {0.001, 0}, {0.001, 0.001}, {0, 0}}, {}},
                       {{{5, 5}, {6, 5}, {6, 6}, {5, 6}, {5, 5}}, {}}};
  MultiPolygon* shapes[] = {&islands};
  const SimplifyStats stats = simplify_shared_edges(shapes, 0.01);
  EXPECT_EQ(stats.rings_dropped, 1u);
  ASSERT_EQ(islands.size(), 1u);
  EXPECT_NEAR(area(islands), 1.0, 1e-12);
}

// On real counties: simplified to a tolerance of 500 m (about 0.02 mm on a 180 mm map of China), the counties
// of Sichuan must still tile the province. The source's neighbours do not share every vertex (the union of
// the raw counties has ~23,000 sliver holes), so sides that do not share vertices are simplified apart; the
// overlaps that adds must stay a hair's width (0.1% of the area: ~12 m along the borders on average) and no
// new gaps may open (the union has no more holes than before; it has far fewer, as slivers collapse).
TEST(SharedEdgeSimplify, RealCountiesStayGluedAfterSimplification) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  const GeosContext geos;
  const Projector albers(resolve_crs("china-albers"));
  FeatureLayer counties = read_polygon_layer(gpkg, {"county", ""});
  const int adcode = static_cast<int>(std::find(counties.fields.begin(), counties.fields.end(), "adcode") -
                                      counties.fields.begin());
  std::vector<MultiPolygon> sichuan;
  for (auto& feature : counties.features)
    if (feature.values[static_cast<std::size_t>(adcode)].rfind("51", 0) == 0)
      sichuan.push_back(albers.forward(make_valid(geos, feature.geometry, "county")));
  ASSERT_GT(sichuan.size(), 150u);

  auto union_holes_and_area = [&](const std::vector<MultiPolygon>& shapes) {
    std::vector<GEOSGeometry*> parts;
    double sum = 0;
    for (const auto& shape : shapes) {
      // Simplification may pinch a ring; the renderer's fill does not mind, GEOS's union does.
      parts.push_back(geos.to_geos(make_valid(geos, shape, "county")).release());
      sum += area(shape);
    }
    auto collection = geos.own(GEOSGeom_createCollection_r(
        geos.handle(), GEOS_GEOMETRYCOLLECTION, parts.data(), static_cast<unsigned>(parts.size())));
    auto united = geos.own(GEOSUnaryUnion_r(geos.handle(), collection.get()));
    if (!united) throw std::runtime_error("union failed: " + geos.last_error());
    const MultiPolygon merged = geos.from_geos(united.get());
    std::size_t holes = 0;
    for (const auto& polygon : merged) holes += polygon.holes.size();
    return std::tuple{holes, area(merged), sum};
  };
  const auto [holes_before, union_before, sum_before] = union_holes_and_area(sichuan);

  std::vector<MultiPolygon*> shapes;
  for (auto& shape : sichuan) shapes.push_back(&shape);
  const SimplifyStats stats = simplify_shared_edges(shapes, 500.0);
  EXPECT_LT(stats.vertices_after * 4, stats.vertices_before) << "500 m should drop most vertices";

  const auto [holes_after, union_after, sum_after] = union_holes_and_area(sichuan);
  EXPECT_LE(holes_after, holes_before);
  EXPECT_LT(sum_after - union_after, union_after * 1e-3) << "simplified counties overlap";
  EXPECT_NEAR(union_after, union_before, union_before * 2e-3);
  EXPECT_NEAR(sum_before, sum_after, sum_before * 2e-3);
}

}  // namespace
}  // namespace covermap::geo
