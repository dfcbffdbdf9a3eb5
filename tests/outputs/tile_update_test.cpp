// An update of a tile set (write_tiles with the earlier fills) draws only the tiles of recoloured units and
// gives the same bytes as a fresh run of the new data, for each kind of output; an earlier output that does
// not hold what its fills imply is refused, and left as it was.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "outputs/tile_job.hpp"
#include "outputs/tile_sink.hpp"
#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

namespace fs = std::filesystem;

const styles::Color kRed{0xe4, 0x1a, 0x1c}, kBlue{0x37, 0x7e, 0xb8};

// Beijing, Hebei, Yunnan, Tibet and Gansu in two categories, each with its own colour.
const char* const kBefore = "adcode,cat\n110000,a\n130000,b\n530000,b\n540000,a\n620000,b\n";
// Beijing and Yunnan trade categories; Hebei loses its row (no data).
const char* const kAfter = "adcode,cat\n110000,b\n530000,a\n540000,a\n620000,b\n";

styles::MapSpec provinces(const std::string& csv) {
  styles::MapSpec spec;
  spec.path = fs::path(csv).replace_extension(".yaml").string();
  spec.boundaries.source = "builtin:china-provinces";
  spec.data.source = csv;
  spec.data.key = "adcode";
  spec.value = "cat";
  spec.classify.method = "categorical";
  spec.classify.categories = {{"a", kRed}, {"b", kBlue}};
  return spec;
}

// Every file under `path` (or the file itself) by relative name.
std::map<std::string, std::string> contents(const std::string& path) {
  std::map<std::string, std::string> files;
  if (!fs::is_directory(path))
    return {{"", test::read_file(path)}, {".json", test::read_file(path + ".json")}};
  for (const auto& entry : fs::recursive_directory_iterator(path))
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), path).string()] = test::read_file(entry.path().string());
  return files;
}

class TileUpdate : public ::testing::TestWithParam<std::string> {
 protected:
  TileJobOptions options(const std::string& output) const {
    TileJobOptions job;
    job.output = output;
    job.zoom = {0, 5};
    job.threads = 2;
    return job;
  }

  test::TempDir dir;
  const geo::GeosContext geos;
};

TEST_P(TileUpdate, DrawsOnlyTheRecolouredUnitsTilesAndGivesTheBytesOfAFreshRun) {
  fs::create_directories(dir.path() / "fresh");
  const std::string out = dir.file(GetParam()), fresh = dir.file("fresh/" + GetParam());
  const std::string csv = dir.write("cover.csv", kBefore);
  const TileMap before = classify_tile_map(provinces(csv), options(out), geos);
  const EarlierTiles earlier{unit_fills(before)};
  make_tiles(provinces(csv), options(out), geos);

  dir.write("cover.csv", kAfter);
  const TileJobResult updated =
      write_tiles(classify_tile_map(provinces(csv), options(out), geos), options(out), &earlier);
  // The fresh run's map file sits as far from its output as the update's (the TileJSON names it by a relative
  // path).
  styles::MapSpec fresh_spec = provinces(csv);
  fresh_spec.path = dir.file("fresh/cover.yaml");
  const TileJobResult full = make_tiles(fresh_spec, options(fresh), geos);

  EXPECT_TRUE(contents(out) == contents(fresh)) << "an update must give the bytes of a fresh run";
  EXPECT_EQ(updated.written, full.written);
  EXPECT_EQ(updated.total, full.total);
  EXPECT_EQ(full.rendered, full.total);
  // Three provinces recoloured (Beijing, Hebei, Yunnan): a few tiles at each zoom, not the pyramid.
  EXPECT_GT(updated.rendered, 7u);
  EXPECT_LT(updated.rendered, full.written / 2) << updated.rendered << " of " << full.written;
}

TEST_P(TileUpdate, SameFillsCopyEveryTileAndDrawNone) {
  const std::string out = dir.file(GetParam());
  const std::string csv = dir.write("cover.csv", kBefore);
  make_tiles(provinces(csv), options(out), geos);
  const auto before = contents(out);
  TileMap map = classify_tile_map(provinces(csv), options(out), geos);
  const EarlierTiles earlier{unit_fills(map)};
  const TileJobResult result = write_tiles(std::move(map), options(out), &earlier);
  EXPECT_EQ(result.rendered, 0u);
  EXPECT_GT(result.written, 0u);
  EXPECT_TRUE(contents(out) == before);
}

INSTANTIATE_TEST_SUITE_P(EachOutput, TileUpdate,
                         ::testing::Values("pyramid", "pyramid.mbtiles", "pyramid.pmtiles"),
                         [](const auto& info) {
                           const std::string& name = info.param;
                           return name.find('.') == std::string::npos ? std::string("folder")
                                                                      : name.substr(name.find('.') + 1);
                         });

// An earlier output of `name` with the first data at zooms 0-`max_zoom`, and its fills.
class TileUpdateRefuses : public ::testing::Test {
 protected:
  EarlierTiles make_earlier(const std::string& name, int max_zoom) {
    options.output = dir.file(name);
    options.zoom = {0, max_zoom};
    EarlierTiles earlier{unit_fills(classify_tile_map(provinces(csv), options, geos))};
    make_tiles(provinces(csv), options, geos);
    dir.write("cover.csv", kAfter);
    return earlier;
  }
  TileJobResult update(const EarlierTiles& earlier) {
    return write_tiles(classify_tile_map(provinces(csv), options, geos), options, &earlier);
  }

  test::TempDir dir;
  const geo::GeosContext geos;
  const std::string csv = dir.write("cover.csv", kBefore);
  TileJobOptions options;
};

TEST_F(TileUpdateRefuses, AnEarlierFolderMissingATileAndLeavesItAsItWas) {
  const EarlierTiles earlier = make_earlier("pyramid", 5);
  fs::remove(options.output + "/5/26/12.png");  // Beijing's tile at z5
  const auto left = contents(options.output);
  EXPECT_THROW(update(earlier), EarlierTilesMismatch);
  EXPECT_TRUE(contents(options.output) == left);
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 2)
      << "no temporary folder left beside the output";
}

TEST_F(TileUpdateRefuses, AnEarlierArchiveOfOtherZooms) {
  const EarlierTiles earlier = make_earlier("pyramid.pmtiles", 4);
  options.zoom = {0, 3};
  EXPECT_THROW(update(earlier), EarlierTilesMismatch);
}

TEST_F(TileUpdateRefuses, FillsOfAnotherNumberOfUnits) {
  options.output = dir.file("pyramid.pmtiles");
  options.zoom = {0, 2};
  EXPECT_THROW(update(EarlierTiles{{kRed, kBlue}}), EarlierTilesMismatch);
}

}  // namespace
}  // namespace covermap::outputs
