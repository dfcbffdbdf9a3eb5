#include "geo/atomic_output.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "geo/error.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

namespace fs = std::filesystem;
using test::read_file;
using test::TempDir;

TEST(AtomicOutput, EarlierOutputSurvivesAFailedWrite) {
  TempDir dir;
  const std::string target = dir.write("map.png", "earlier figure");
  {
    AtomicOutput output(target);
    std::ofstream(output.temp_path()) << "half a figure";
    EXPECT_EQ(fs::path(output.temp_path()).extension(), ".png");  // drivers that look at the extension behave
    // No commit: the run failed.
  }
  EXPECT_EQ(read_file(target), "earlier figure");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1)
      << "temp file left behind";
}

TEST(AtomicOutput, CommitReplacesTheTarget) {
  TempDir dir;
  const std::string target = dir.write("map.pdf", "old");
  AtomicOutput output(target);
  std::ofstream(output.temp_path()) << "new";
  output.commit();
  EXPECT_EQ(read_file(target), "new");
  // The earlier output is swapped out and removed, not left beside the new one.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1)
      << "earlier output left behind";
}

TEST(AtomicOutput, CommitWithoutAnEarlierOutputCreatesTheTarget) {
  TempDir dir;
  const std::string target = dir.file("map.pdf");
  AtomicOutput output(target);
  std::ofstream(output.temp_path()) << "first";
  output.commit();
  EXPECT_EQ(read_file(target), "first");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator()), 1);
}

TEST(AtomicOutput, AReaderOfTheEarlierOutputKeepsReadingIt) {
  TempDir dir;  // as `covermap serve` holds an archive open while a build replaces it
  const std::string target = dir.write("tiles.pmtiles", "earlier tiles");
  std::ifstream reader(target);
  AtomicOutput output(target);
  std::ofstream(output.temp_path()) << "new tiles";
  output.commit();
  std::string held;
  std::getline(reader, held);
  EXPECT_EQ(held, "earlier tiles");
  EXPECT_EQ(read_file(target), "new tiles");
}

TEST(AtomicOutput, MissingFolderIsAnInputError) {
  TempDir dir;
  EXPECT_THROW(AtomicOutput(dir.file("no/such/folder/map.pdf")), InputError);
}

}  // namespace
}  // namespace covermap::geo
