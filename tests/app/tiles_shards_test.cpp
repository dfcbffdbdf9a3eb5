// `covermap tiles --shard K/N`, `--plan N` and `covermap merge`: parts made by separate processes merge into
// the bytes of a single run, for every output kind, and merge refuses what is not the whole of one job.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "outputs/tile_merge.hpp"
#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml";
const std::string kZoom = "0-6";

std::string shell_quoted(const std::string& text) {
  return "'" + text + "'";
}

// Every file under `folder` (relative name -> bytes).
std::map<std::string, std::string> folder_files(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file()) files[fs::relative(entry.path(), folder).string()] = read_file(entry.path());
  return files;
}

// The output's bytes and, for an archive, its TileJSON (and style) beside it.
std::map<std::string, std::string> output_files(const std::string& path) {
  if (fs::is_directory(path)) return folder_files(path);
  std::map<std::string, std::string> files{{"archive", read_file(path)},
                                           {"tilejson", read_file(path + ".json")}};
  if (fs::exists(path + ".style.json")) files["style"] = read_file(path + ".style.json");
  return files;
}

// Makes the N parts of the job (map, zoom, extra flags) named PREFIX-K.EXT; returns their paths.
std::vector<std::string> make_parts(const TempDir& dir, const std::string& map, int count,
                                    const std::string& extension, const std::string& flags = "",
                                    const std::string& zoom = kZoom) {
  std::vector<std::string> parts;
  for (int k = 0; k < count; ++k) {
    parts.push_back(dir.file("part" + std::to_string(count) + "-" + std::to_string(k) + extension));
    const auto run =
        run_cli("tiles " + shell_quoted(map) + " -o " + shell_quoted(parts.back()) + " --zoom " + zoom +
                " --threads 2 --shard " + std::to_string(k) + "/" + std::to_string(count) + " " + flags);
    EXPECT_EQ(run.exit_code, 0) << run.err;
    EXPECT_NE(run.out.find("share " + std::to_string(k) + "/" + std::to_string(count)), std::string::npos)
        << run.out;
  }
  return parts;
}

std::string in_folder(const TempDir& dir, const std::string& folder, const std::string& name) {
  fs::create_directories(dir.path() / folder);
  return (dir.path() / folder / name).string();
}

CommandResult merge(const std::vector<std::string>& parts, const std::string& output) {
  std::string arguments = "merge";
  for (const std::string& part : parts) arguments += " " + shell_quoted(part);
  return run_cli(arguments + " -o " + shell_quoted(output));
}

// A whole run's output, as dir/one/NAME: merged outputs go to dir/<folder>/NAME, as their TileJSON names the
// archive and the map file relative to its folder.
std::string single_run(const TempDir& dir, const std::string& name, const std::string& flags = "",
                       const std::string& map = kExample, const std::string& zoom = kZoom) {
  std::string out = in_folder(dir, "one", name);
  const auto run = run_cli("tiles " + shell_quoted(map) + " -o " + shell_quoted(out) + " --zoom " + zoom +
                           " --threads 2 " + flags);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return out;
}

TEST(TilesShards, PartsOfOneThreeAndSevenSharesMergeIntoTheBytesOfOneRunForEveryOutputKind) {
  TempDir dir;
  const std::vector<std::string> kinds = {"tiles.pmtiles", "tiles.mbtiles", "tiles"};
  std::map<std::string, std::map<std::string, std::string>> expected;
  for (const std::string& kind : kinds) expected[kind] = output_files(single_run(dir, kind));
  ASSERT_GT(expected["tiles"].size(), 100u) << "the folder holds the pyramid's tiles";
  for (const int count : {1, 3, 7}) {
    // Parts of either archive kind merge into any output kind.
    const auto parts = make_parts(dir, kExample, count, count == 3 ? ".mbtiles" : ".pmtiles");
    for (const std::string& kind : kinds) {
      const std::string out = in_folder(dir, "merged" + std::to_string(count), kind);
      const auto merged = merge(parts, out);
      ASSERT_EQ(merged.exit_code, 0) << merged.err;
      EXPECT_NE(merged.out.find("from " + std::to_string(count) + " part"), std::string::npos) << merged.out;
      const auto files = output_files(out);
      EXPECT_EQ(files.size(), expected[kind].size()) << kind << " from " << count << " parts";
      for (const auto& [name, bytes] : expected[kind])
        EXPECT_TRUE(files.count(name) && files.at(name) == bytes)
            << name << " of " << kind << " differs when merged from " << count << " parts";
    }
  }
}

TEST(TilesShards, AMergeWhoseIndexGoesThroughTheDiskIsTheBytesOfOneRun) {
  TempDir dir;
  const auto parts = make_parts(dir, kExample, 3, ".pmtiles");
  // Two index records in memory at a time, one content remembered: dozens of sorted runs on disk.
  const outputs::TileSinkMemory tiny{80, 1};
  for (const std::string kind : {"tiles.pmtiles", "tiles.mbtiles"}) {
    const auto expected = output_files(single_run(dir, kind));
    const std::string out = in_folder(dir, "merged", kind);
    const outputs::MergeResult merged = outputs::merge_tile_parts(parts, out, tiny);
    EXPECT_EQ(merged.parts, 3);
    EXPECT_GT(merged.tiles, 100u);
    EXPECT_TRUE(output_files(out) == expected) << kind;
  }
}

TEST(TilesShards, VectorTilePartsMergeIntoTheBytesOfOneRunWithTheirStyle) {
  TempDir dir;
  const auto expected = output_files(single_run(dir, "tiles.pmtiles", "--format mvt"));
  ASSERT_TRUE(expected.count("style"));
  const auto parts = make_parts(dir, kExample, 3, ".pmtiles", "--format mvt");
  const std::string out = in_folder(dir, "merged", "tiles.pmtiles");
  ASSERT_EQ(merge(parts, out).exit_code, 0);
  EXPECT_TRUE(output_files(out) == expected) << "vector tiles, TileJSON and style merge byte for byte";
}

TEST(TilesShards, AShareMadeAgainAfterBeingKilledIsTheSameBytes) {
  TempDir dir;
  const auto parts = make_parts(dir, kExample, 3, ".pmtiles");
  const std::string again = dir.file("again.pmtiles");
  const std::string command = "tiles " + shell_quoted(kExample) + " -o " + shell_quoted(again) + " --zoom " +
                              kZoom + " --threads 1 --shard 1/3";
  // Killed at once or midway: whatever it left behind, the next run makes the same part.
  run_shell("timeout -s KILL 0.3 " + std::string(COVERMAP_CLI) + " " + command + " >/dev/null 2>&1");
  const auto rerun = run_cli(command);
  ASSERT_EQ(rerun.exit_code, 0) << rerun.err;
  EXPECT_TRUE(read_file(again) == read_file(parts[1]));
  const auto merged = merge({parts[0], again, parts[2]}, dir.file("merged.pmtiles"));
  EXPECT_EQ(merged.exit_code, 0) << merged.err;
}

TEST(TilesShards, PlanCountsEveryTileOnceAndMatchesWhatTheSharesMake) {
  TempDir dir;
  const auto plan = run_cli("tiles " + shell_quoted(kExample) + " --zoom " + kZoom + " --plan 3");
  ASSERT_EQ(plan.exit_code, 0) << plan.err;
  std::smatch match;
  ASSERT_TRUE(std::regex_search(plan.out, match, std::regex(R"(in 3 shares, ([\d,]+) tiles)"))) << plan.out;
  const auto number = [](std::string text) {
    text.erase(std::remove(text.begin(), text.end(), ','), text.end());
    return std::stol(text);
  };
  const long total = number(match[1]);
  const auto one = run_cli("tiles " + shell_quoted(kExample) + " -o " +
                           shell_quoted(dir.file("one.pmtiles")) + " --zoom " + kZoom);
  ASSERT_TRUE(std::regex_search(one.out, match, std::regex(R"(tiles of (\d+))"))) << one.out;
  EXPECT_EQ(total, std::stol(match[1])) << "the plan covers the whole range";
  long sum = 0;
  for (int k = 0; k < 3; ++k) {
    const std::regex line("share " + std::to_string(k) +
                          R"(/3: ([\d,]+) tiles, estimated [\d.]+ s \(([\d.]+)%\))");
    ASSERT_TRUE(std::regex_search(plan.out, match, line)) << plan.out;
    const long planned = number(match[1]);
    EXPECT_GT(std::stod(match[2]), 15.0) << "shares are balanced by cost: " << plan.out;
    sum += planned;
    const auto share =
        run_cli("tiles " + shell_quoted(kExample) + " -o " + shell_quoted(dir.file("p.pmtiles")) +
                " --zoom " + kZoom + " --shard " + std::to_string(k) + "/3");
    ASSERT_TRUE(std::regex_search(share.out, match, std::regex(R"(of (\d+) in the share)"))) << share.out;
    EXPECT_EQ(std::stol(match[1]), planned) << "share " << k << " makes the tiles the plan gave it";
  }
  EXPECT_EQ(sum, total);
}

class TilesShardsRefused : public ::testing::Test {
 protected:
  void SetUp() override { parts_ = make_parts(dir_, kExample, 3, ".pmtiles"); }

  // Merging `parts` fails with exit 2, one error line naming `named`, and writes nothing.
  void expect_refused(const std::vector<std::string>& parts, const std::string& named,
                      const std::string& what) {
    const std::string out = dir_.file("merged.pmtiles");
    const auto result = merge(parts, out);
    EXPECT_EQ(result.exit_code, 2) << result.err;
    const std::string line = error_line(result);
    EXPECT_EQ(line.rfind("error: " + named + ": ", 0), 0u) << line;
    EXPECT_NE(line.find(what), std::string::npos) << line;
    EXPECT_FALSE(fs::exists(out)) << "nothing written";
  }

  TempDir dir_;
  std::vector<std::string> parts_;
};

TEST_F(TilesShardsRefused, APartOfAnotherJob) {
  const auto other_zoom = make_parts(dir_, kExample, 3, ".mbtiles", "", "0-5");
  expect_refused({parts_[0], other_zoom[1], parts_[2]}, other_zoom[1], "another job");
  const auto other_count = make_parts(dir_, kExample, 2, ".pmtiles");
  expect_refused({parts_[0], other_count[1], parts_[2]}, other_count[1], "another job");
  const auto other_format = make_parts(dir_, kExample, 3, ".mbtiles", "--tile-size 512");
  expect_refused({parts_[0], parts_[1], other_format[2]}, other_format[2], "another job");
}

TEST_F(TilesShardsRefused, AMissingOrRepeatedShare) {
  expect_refused({parts_[0], parts_[2]}, dir_.file("merged.pmtiles"), "share 1/3 of zoom 0-6 is missing");
  const std::string copy = dir_.file("copy.pmtiles");
  fs::copy_file(parts_[1], copy);
  expect_refused({parts_[0], parts_[1], copy, parts_[2]}, copy, "share 1/3 is given twice");
}

TEST_F(TilesShardsRefused, ADamagedPartOrAFileThatIsNoPart) {
  // A byte of tile data changed: the archive still reads, the digest tells.
  const std::string flipped = dir_.file("flipped.pmtiles");
  std::string bytes = read_file(parts_[1]);
  bytes[bytes.size() - 100] = static_cast<char>(bytes[bytes.size() - 100] ^ 0x55);
  std::ofstream(flipped, std::ios::binary) << bytes;
  expect_refused({parts_[0], flipped, parts_[2]}, flipped, "is damaged");
  // Cut short, as by a full disk.
  const std::string cut = dir_.file("cut.pmtiles");
  std::ofstream(cut, std::ios::binary) << read_file(parts_[2]).substr(0, bytes.size() / 2);
  expect_refused({parts_[0], parts_[1], cut}, cut, "");
  // A whole tile set is not a part.
  const std::string whole = single_run(dir_, "whole.pmtiles");
  expect_refused({whole}, whole, "is not a part");
}

TEST(TilesShardsUsage, ShareAndPlanArgumentsAreChecked) {
  TempDir dir;
  const auto beyond = run_cli("tiles " + shell_quoted(kExample) + " -o " +
                              shell_quoted(dir.file("p.pmtiles")) + " --zoom 0-3 --shard 3/3");
  EXPECT_EQ(beyond.exit_code, 1);
  EXPECT_NE(error_line(beyond).find("--shard: '3/3' is not K/N"), std::string::npos) << beyond.err;
  const auto folder = run_cli("tiles " + shell_quoted(kExample) + " -o " + shell_quoted(dir.file("web")) +
                              " --zoom 0-3 --shard 0/2");
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_NE(error_line(folder).find("a share is written to one file"), std::string::npos) << folder.err;
  const auto no_output = run_cli("tiles " + shell_quoted(kExample) + " --zoom 0-3");
  EXPECT_EQ(no_output.exit_code, 1);
  EXPECT_NE(error_line(no_output).find("--output is required"), std::string::npos) << no_output.err;
  EXPECT_FALSE(fs::exists(dir.file("p.pmtiles")));
}

TEST(TilesShards, CountyPartsMergeIntoTheBytesOfOneRun) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  TempDir dir;
  const std::string map = dir.file("counties.yaml");
  const auto made =
      run_shell(std::string(COVERMAP_SOURCE_DIR) + "/bench/county_values.sh " + shell_quoted(gpkg) + " " +
                shell_quoted(dir.file("values.csv")) + " " + shell_quoted(map));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string zoom = "0-8";
  const auto expected = output_files(single_run(dir, "tiles.pmtiles", "", map, zoom));
  const auto parts = make_parts(dir, map, 3, ".pmtiles", "", zoom);
  const std::string out = in_folder(dir, "merged", "tiles.pmtiles");
  ASSERT_EQ(merge(parts, out).exit_code, 0);
  EXPECT_TRUE(output_files(out) == expected);
}

}  // namespace
}  // namespace covermap::test
