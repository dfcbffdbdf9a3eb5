// Times what the join engine costs on the real county layer: loading the 2,884 counties (read through OGR;
// read, borders glued and made valid as `covermap` does on a first run; and from the boundary cache, as every
// later run), and joining 2,884 county rows by name after the boundaries are loaded. Prints medians; asserts
// nothing. Usage: join_bench [china-admin.gpkg] [runs]; the cache is COVERMAP_CACHE_DIR's (join_bench.sh: a
// new one).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "boundaries/boundary_source.hpp"
#include "boundaries/join.hpp"
#include "geo/gdal_io.hpp"
#include "geo/huge_page_heap.hpp"

namespace {

using Clock = std::chrono::steady_clock;

double median_ms(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    work();
    times.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  using namespace covermap;
  geo::use_huge_page_heap();  // as covermap's main() does
  const std::string gpkg = argc > 1 ? argv[1] : "../shared/data/china-admin.gpkg";
  const int runs = argc > 2 ? std::max(1, std::atoi(argv[2])) : 5;
  const boundaries::BoundarySpec spec{gpkg, "county", "adcode", "name", ""};
  const geo::GeosContext geos;

  std::size_t vertices = 0;
  const double read_ms = median_ms(runs, [&] {
    const geo::FeatureLayer layer = geo::read_polygon_layer(gpkg, {"county", ""});
    vertices = 0;
    for (const auto& feature : layer.features)
      for (const auto& polygon : feature.geometry) {
        vertices += polygon.outer.size();
        for (const auto& hole : polygon.holes) vertices += hole.size();
      }
  });
  boundaries::BoundarySet counties;
  const double load_ms =
      median_ms(runs, [&] { counties = boundaries::load_boundaries_uncached(spec, geos); });
  counties = boundaries::load_boundaries(spec, geos);  // fills the cache
  const double cached_ms = median_ms(runs, [&] { counties = boundaries::load_boundaries(spec, geos); });

  // One row per county, named as people write them: by name, and by name with the province as data.parent.
  geo::Table table;
  table.source = "bench";
  table.columns = {"county", "province"};
  for (const auto& unit : counties.units) table.rows.push_back({unit.name, unit.id.substr(0, 2) + "0000"});
  boundaries::DataSpec by_name;
  by_name.key = "county";
  boundaries::DataSpec with_parent = by_name;
  with_parent.parent = "province";
  boundaries::JoinResult name_result, parent_result;
  const double join_ms = median_ms(runs, [&] { name_result = boundaries::join(counties, table, by_name); });
  const double parent_ms =
      median_ms(runs, [&] { parent_result = boundaries::join(counties, table, with_parent); });

  std::printf("county layer: %zu units, %zu vertices (%s)\n", counties.units.size(), vertices, gpkg.c_str());
  std::printf("read (OGR -> geometry)            %8.1f ms\n", read_ms);
  std::printf("load (read + glue + make valid)    %8.1f ms   goal < 1500 ms\n", load_ms);
  std::printf("load from the boundary cache      %8.1f ms\n", cached_ms);
  std::printf("join %zu rows by name             %8.1f ms   goal < 50 ms  (%zu matched, %zu ambiguous)\n",
              table.rows.size(), join_ms, name_result.matched.size(), name_result.ambiguous.size());
  std::printf("join %zu rows by name + province  %8.1f ms              (%zu matched, %zu ambiguous)\n",
              table.rows.size(), parent_ms, parent_result.matched.size(), parent_result.ambiguous.size());
  return 0;
}
