#include "boundaries/boundary_cache.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <vector>

#include "boundaries/builtin.hpp"
#include "boundaries/shared_nodes.hpp"
#include "geo/content_hash.hpp"
#include "geo/gdal_io.hpp"
#include "geo/shared_edge_simplify.hpp"
#include "geo/warnings.hpp"
#include "tests/test_support.hpp"

namespace covermap::boundaries {
namespace {

void expect_same_sets(const BoundarySet& a, const BoundarySet& b) {
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.fields, b.fields);
  ASSERT_EQ(a.units.size(), b.units.size());
  for (std::size_t i = 0; i < a.units.size(); ++i) {
    EXPECT_EQ(a.units[i].id, b.units[i].id);
    EXPECT_EQ(a.units[i].name, b.units[i].name);
    EXPECT_EQ(a.units[i].attributes, b.units[i].attributes);
    ASSERT_EQ(a.units[i].geometry.size(), b.units[i].geometry.size()) << a.units[i].id;
    for (std::size_t p = 0; p < a.units[i].geometry.size(); ++p) {
      EXPECT_EQ(a.units[i].geometry[p].outer, b.units[i].geometry[p].outer);
      EXPECT_EQ(a.units[i].geometry[p].holes, b.units[i].geometry[p].holes);
    }
  }
}

// A small polygon layer written to a GeoPackage in `dir`.
std::string write_squares(const test::TempDir& dir, double size) {
  geo::FeatureLayer layer;
  layer.source = "test";
  layer.layer = "squares";
  layer.fields = {"adcode", "name"};
  layer.features.push_back(
      {{"110000", "北京市"}, {{{{116, 39}, {116 + size, 39}, {116 + size, 40}, {116, 40}, {116, 39}}, {}}}});
  layer.features.push_back(
      {{"120000", "天津市"}, {{{{117, 38}, {118, 38}, {118, 39}, {117, 39}, {117, 38}}, {}}}});
  std::string path = dir.file("squares.gpkg");
  geo::write_geopackage(path, layer);
  return path;
}

// The squares' set loaded and written to `cache`: its key, and the entry's path.
struct CachedSquares {
  std::string key;
  std::string entry;
};
CachedSquares cache_squares(const test::TempDir& cache, const test::TempDir& dir) {
  const geo::GeosContext geos;
  const BoundarySpec spec{write_squares(dir, 1.0), "squares", "", "", ""};
  const std::string key = boundary_cache_key(spec);
  write_cached_boundaries(cache.path().string(), key, load_boundaries_uncached(spec, geos));
  return {key, cache.file("boundaries-" + key + ".bin")};
}

TEST(BoundaryCache, ProvincesComeBackExactly) {
  const test::TempDir cache;
  const geo::GeosContext geos;
  const BoundarySet loaded = load_builtin("china-provinces", geos);
  const BoundarySpec spec{"builtin:china-provinces", "", "", "", ""};
  const std::string key = boundary_cache_key(spec);
  EXPECT_FALSE(read_cached_boundaries(cache.path().string(), key));
  write_cached_boundaries(cache.path().string(), key, loaded);
  const auto cached = read_cached_boundaries(cache.path().string(), key);
  ASSERT_TRUE(cached);
  expect_same_sets(loaded, *cached);
}

// The units decode on several threads, each from its own records: the same set as on one thread.
TEST(BoundaryCache, ASetReadOnSeveralThreadsIsTheSetReadOnOne) {
  const test::TempDir cache;
  const geo::GeosContext geos;
  const BoundarySet loaded = load_builtin("china-provinces", geos);
  const std::string key = boundary_cache_key({"builtin:china-provinces", "", "", "", ""});
  write_cached_boundaries(cache.path().string(), key, loaded);
  for (const int threads : {1, 2, 3, 64}) {
    const auto cached = read_cached_boundaries(cache.path().string(), key, threads);
    ASSERT_TRUE(cached) << threads << " threads";
    expect_same_sets(loaded, *cached);
  }
}

// The topology nodes are found once and cached; simplifying with them gives what finding them again gives.
TEST(BoundaryCache, TopologyNodesComeBackAndSimplifyAlike) {
  const test::TempDir cache;
  const geo::GeosContext geos;
  BoundarySet loaded = load_builtin("china-provinces", geos);
  EXPECT_TRUE(shared_node_flags(loaded).empty());  // not found yet: the simplification finds them itself
  find_shared_nodes(loaded);
  const std::string key = boundary_cache_key({"builtin:china-provinces", "", "", "", ""});
  write_cached_boundaries(cache.path().string(), key, loaded);
  const auto cached = read_cached_boundaries(cache.path().string(), key);
  ASSERT_TRUE(cached);
  ASSERT_TRUE(cached->shared_nodes_found);
  std::size_t nodes = 0, vertices = 0;
  for (std::size_t i = 0; i < loaded.units.size(); ++i) {
    EXPECT_EQ(cached->units[i].shared_nodes, loaded.units[i].shared_nodes) << loaded.units[i].id;
    nodes += loaded.units[i].shared_nodes.size();
    vertices += geo::vertex_count(loaded.units[i].geometry);
  }
  EXPECT_GT(nodes, 0u);
  EXPECT_LT(nodes, vertices / 10);

  BoundarySet with_nodes = *cached;
  BoundarySet without = *cached;
  const auto simplify = [](BoundarySet& set, std::span<const char> flags) {
    std::vector<geo::MultiPolygon*> shapes;
    for (Unit& unit : set.units) shapes.push_back(&unit.geometry);
    return geo::simplify_shared_edges(shapes, 0.05, flags);
  };
  const std::vector<char> flags = shared_node_flags(with_nodes);
  ASSERT_FALSE(flags.empty());
  const auto stats = simplify(with_nodes, flags);
  EXPECT_LT(stats.vertices_after, stats.vertices_before / 2);
  simplify(without, {});
  for (std::size_t i = 0; i < with_nodes.units.size(); ++i) {
    const geo::MultiPolygon& a = with_nodes.units[i].geometry;
    const geo::MultiPolygon& b = without.units[i].geometry;
    ASSERT_EQ(a.size(), b.size()) << with_nodes.units[i].id;
    for (std::size_t p = 0; p < a.size(); ++p) {
      EXPECT_EQ(a[p].outer, b[p].outer) << with_nodes.units[i].id;
      EXPECT_EQ(a[p].holes, b[p].holes) << with_nodes.units[i].id;
    }
  }
}

TEST(BoundaryCache, AnEditedSourceGetsANewKey) {
  const test::TempDir dir;
  BoundarySpec spec{write_squares(dir, 1.0), "squares", "", "", ""};
  const std::string before = boundary_cache_key(spec);
  EXPECT_EQ(before, boundary_cache_key(spec)) << "the key must not depend on the time of the call";
  std::filesystem::remove(spec.source);
  write_squares(dir, 0.5);
  EXPECT_NE(before, boundary_cache_key(spec));
  spec.name = "adcode";
  EXPECT_NE(boundary_cache_key(spec), boundary_cache_key({spec.source, "squares", "", "", ""}));
  BoundarySpec stated = spec;
  stated.crs = "EPSG:4547";
  EXPECT_NE(boundary_cache_key(spec), boundary_cache_key(stated)) << "boundaries.crs changes what is loaded";
}

// QGIS holds a GeoPackage open while it is edited, in SQLite's write-ahead-log mode: a committed edit stays
// in squares.gpkg-wal, the file itself unchanged, until SQLite copies it over. GDAL reads the edit; the cache
// must not hand back the boundaries from before it.
TEST(BoundaryCache, AnEditStillInTheGeoPackagesWriteAheadLogReachesTheNextLoad) {
  const test::TempDir dir;
  const test::TempDir cache;
  const geo::GeosContext geos;
  const BoundarySpec spec{write_squares(dir, 1.0), "squares", "adcode", "name", ""};
  struct Closer {
    void operator()(sqlite3* db) const { sqlite3_close(db); }
  };
  std::unique_ptr<sqlite3, Closer> editor;
  {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(spec.source.c_str(), &db), SQLITE_OK);
    editor.reset(db);
  }
  // The GeoPackage's spatial index triggers name these functions; an update of a name never calls them.
  for (const char* function : {"ST_IsEmpty", "ST_MinX", "ST_MaxX", "ST_MinY", "ST_MaxY"})
    sqlite3_create_function(
        editor.get(), function, 1, SQLITE_UTF8, nullptr,
        [](sqlite3_context* context, int, sqlite3_value**) { sqlite3_result_int(context, 0); }, nullptr,
        nullptr);
  ASSERT_EQ(sqlite3_exec(editor.get(), "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  const std::string before_edit = boundary_cache_key(spec);
  write_cached_boundaries(cache.path().string(), before_edit, load_boundaries_uncached(spec, geos));

  ASSERT_EQ(sqlite3_exec(editor.get(), "UPDATE squares SET name = '北京' WHERE adcode = '110000'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  ASSERT_TRUE(std::filesystem::exists(spec.source + "-wal"));
  ASSERT_EQ(load_boundaries_uncached(spec, geos).units.at(0).name, "北京") << "GDAL reads the edit";
  const std::string after_edit = boundary_cache_key(spec);
  EXPECT_NE(after_edit, before_edit) << "the edit in squares.gpkg-wal must change the key";
  EXPECT_FALSE(read_cached_boundaries(cache.path().string(), after_edit))
      << "the boundaries from before the edit must not come back";
}

TEST(BoundaryCache, ACacheThatCannotBeWrittenIsSaidOnceAndTheLoadGoesOn) {
  const test::TempDir dir;
  const geo::GeosContext geos;
  const BoundarySpec spec{write_squares(dir, 1.0), "squares", "", "", ""};
  const std::string not_a_folder = dir.write("file", "a file where the cache folder would go") + "/cache";
  std::vector<std::string> warnings;
  const WarningSink previous =
      set_warning_sink([&](const std::string& message) { warnings.push_back(message); });
  const BoundarySet set = load_boundaries_uncached(spec, geos);
  write_cached_boundaries(not_a_folder, boundary_cache_key(spec), set);
  write_cached_boundaries(not_a_folder, boundary_cache_key(spec), set);
  set_warning_sink(previous);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find(not_a_folder), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("cache"), std::string::npos) << warnings[0];
}

TEST(BoundaryCache, ADamagedEntryIsIgnored) {
  const test::TempDir cache;
  const test::TempDir dir;
  const auto [key, entry] = cache_squares(cache, dir);
  ASSERT_TRUE(std::filesystem::exists(entry));
  const auto size = std::filesystem::file_size(entry);
  {
    // The second unit's offset (the trailer's second 8 bytes, before the outlines' 8 and the 4 of the
    // shared-nodes flag) sent past the first's record: each unit's record must end where the next begins.
    std::fstream damaged(entry, std::ios::in | std::ios::out | std::ios::binary);
    damaged.seekp(static_cast<std::streamoff>(size - 4 - 8 - 8));
    const std::uint64_t offset = 5;
    damaged.write(reinterpret_cast<const char*>(&offset), sizeof offset);
  }
  for (const int threads : {1, 2}) {
    EXPECT_FALSE(read_cached_boundaries(cache.path().string(), key, threads));
    EXPECT_FALSE(read_cached_boundaries(cache.path().string(), key, threads, GeometryLoad::deferred));
  }
  std::filesystem::resize_file(entry, size - 9);
  EXPECT_FALSE(read_cached_boundaries(cache.path().string(), key));
  std::ofstream(entry, std::ios::binary) << "covermap boundaries cache 1\n\xff\xff\xff\xff";
  EXPECT_FALSE(read_cached_boundaries(cache.path().string(), key));
}

// A tile run reads the set without its coordinates: the same units, and from the outlines and on demand
// what the decoded set has, on any number of threads.
TEST(BoundaryCache, ADeferredSetGivesEachUnitsOutlineAndGeometryOnDemand) {
  const test::TempDir cache;
  const geo::GeosContext geos;
  BoundarySet loaded = load_builtin("china-provinces", geos);
  find_shared_nodes(loaded);
  const std::string key = boundary_cache_key({"builtin:china-provinces", "", "", "", ""});
  write_cached_boundaries(cache.path().string(), key, loaded);
  for (const int threads : {1, 2}) {
    const auto cached = read_cached_boundaries(cache.path().string(), key, threads, GeometryLoad::deferred);
    ASSERT_TRUE(cached);
    ASSERT_TRUE(cached->deferred);
    EXPECT_EQ(cached->fields, loaded.fields);
    ASSERT_EQ(cached->units.size(), loaded.units.size());
    ASSERT_EQ(cached->deferred->size(), loaded.units.size());
    for (std::size_t i = 0; i < loaded.units.size(); ++i) {
      const Unit& unit = cached->units[i];
      EXPECT_EQ(unit.id, loaded.units[i].id);
      EXPECT_EQ(unit.name, loaded.units[i].name);
      EXPECT_EQ(unit.attributes, loaded.units[i].attributes);
      EXPECT_TRUE(unit.geometry.empty() && unit.shared_nodes.empty()) << "left in the entry";
      const geo::MultiPolygon geometry = cached->deferred->geometry(i);
      ASSERT_EQ(geometry.size(), loaded.units[i].geometry.size()) << unit.id;
      for (std::size_t p = 0; p < geometry.size(); ++p) {
        EXPECT_EQ(geometry[p].outer, loaded.units[i].geometry[p].outer);
        EXPECT_EQ(geometry[p].holes, loaded.units[i].geometry[p].holes);
      }
      const UnitOutline& outline = cached->deferred->outline(i);
      const geo::Box bounds = geo::bounds(geometry);
      EXPECT_EQ(outline.bounds.min_x, bounds.min_x);
      EXPECT_EQ(outline.bounds.max_y, bounds.max_y);
      ASSERT_EQ(outline.outer_boxes.size(), geometry.size());
      EXPECT_EQ(outline.outer_boxes.front().max_x, geo::ring_bounds(geometry.front().outer).max_x);
      EXPECT_EQ(outline.coordinates_hash, geo::coordinates_hash(geometry));
      EXPECT_TRUE(outline.has_area);
    }
  }
  EXPECT_FALSE(read_cached_boundaries(cache.path().string(), key)->deferred) << "decoded unless asked";
}

// A deferred read decodes no coordinates, but walks every record all the same: a ring count that runs past
// its record makes the entry damaged, as it does for a decoded read, never a unit drawn wrong later.
TEST(BoundaryCache, ADamagedRingIsFoundWithoutDecodingIt) {
  const test::TempDir cache;
  const test::TempDir dir;
  const auto [key, entry] = cache_squares(cache, dir);
  ASSERT_TRUE(read_cached_boundaries(cache.path().string(), key, 1, GeometryLoad::deferred));
  std::string bytes = test::read_file(entry);
  // The first square's outer ring: a count of 5 points, then a longitude or latitude (116-118, 38-40: a
  // double with six zero bytes and 0x40 at its top).
  const std::uint32_t count = 5;
  const std::string ring_start =
      std::string(reinterpret_cast<const char*>(&count), sizeof count) + std::string(6, '\0');
  std::size_t at = bytes.find(ring_start);
  while (at != std::string::npos && static_cast<unsigned char>(bytes[at + 4 + 7]) != 0x40)
    at = bytes.find(ring_start, at + 1);
  ASSERT_NE(at, std::string::npos);
  bytes[at] = 6;
  std::ofstream(entry, std::ios::binary | std::ios::trunc) << bytes;
  EXPECT_FALSE(read_cached_boundaries(cache.path().string(), key));
  EXPECT_FALSE(read_cached_boundaries(cache.path().string(), key, 1, GeometryLoad::deferred));
}

// What users see: a render served from the cache is byte-identical to one that read the source.
TEST(BoundaryCache, CachedRenderIsIdenticalToUncached) {
  const test::TempDir dir;
  write_squares(dir, 1.0);
  dir.write("values.csv", "adcode,value\n110000,1\n120000,2\n");
  const std::string map = dir.write("map.yaml",
                                    "boundaries: {source: squares.gpkg, layer: squares}\n"
                                    "data: {source: values.csv, key: adcode}\n"
                                    "value: value\nclassify: {method: categorical}\npalette: Set2\n");
  const std::string cache = dir.file("cache");
  const auto render = [&](const std::string& env, const std::string& out) {
    return test::run_shell(env + " '" + COVERMAP_CLI + "' render '" + map + "' -o '" + dir.file(out) + "'");
  };
  ASSERT_EQ(render("COVERMAP_CACHE_DIR=off", "uncached.png").exit_code, 0);
  ASSERT_EQ(render("COVERMAP_CACHE_DIR='" + cache + "'", "first.png").exit_code, 0);
  EXPECT_FALSE(std::filesystem::is_empty(cache)) << "the first render should fill the cache";
  ASSERT_EQ(render("COVERMAP_CACHE_DIR='" + cache + "'", "cached.png").exit_code, 0);
  EXPECT_EQ(test::read_file(dir.file("uncached.png")), test::read_file(dir.file("cached.png")));
  EXPECT_EQ(test::read_file(dir.file("first.png")), test::read_file(dir.file("cached.png")));
}

}  // namespace
}  // namespace covermap::boundaries
