// A file's content hash kept in the cache folder: the memo is used only while the file is as it was.
#include "geo/file_hash_memo.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "geo/content_hash.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

using namespace std::chrono_literals;
using test::TempDir;
namespace fs = std::filesystem;

std::string read_hash(const std::string& file) {
  return ContentHash().add_file(file).hex();
}

int memo_count(const fs::path& cache) {
  int count = 0;
  if (fs::is_directory(cache))
    for (const auto& entry : fs::directory_iterator(cache))
      count += entry.path().filename().string().rfind("file-hash-", 0) == 0;
  return count;
}

// Rewrites `file` with `text` (the same length as before) and sets its modification time back, as a copy
// tool that keeps times would.
void rewrite_keeping_mtime(const std::string& file, const std::string& text) {
  struct stat before {};
  ASSERT_EQ(::stat(file.c_str(), &before), 0);
  std::this_thread::sleep_for(20ms);  // past the file system's clock tick, as any later edit is
  std::ofstream(file, std::ios::binary | std::ios::trunc) << text;
  const timespec times[2] = {before.st_atim, before.st_mtim};
  ASSERT_EQ(::utimensat(AT_FDCWD, file.c_str(), times, 0), 0);
}

TEST(FileHashMemo, TheMemoGivesTheFilesHashUntilTheFileChanges) {
  const TempDir dir;
  const std::string file = dir.write("counties.gpkg", "the first boundaries");
  const std::string cache = dir.file("cache");
  EXPECT_EQ(memoised_file_hash(file, cache, 0ns), read_hash(file));
  EXPECT_EQ(memo_count(cache), 1);
  EXPECT_EQ(memoised_file_hash(file, cache, 0ns), read_hash(file));

  // Same size, same modification time, other bytes: the change time tells.
  rewrite_keeping_mtime(file, "the other boundaries");
  const std::string changed = read_hash(file);
  EXPECT_EQ(memoised_file_hash(file, cache, 0ns), changed);
  EXPECT_EQ(memo_count(cache), 1) << "one memo per file, replaced";

  // Replaced by another file under the same name (a new inode).
  std::this_thread::sleep_for(20ms);
  const std::string other = dir.write("other.gpkg", "a third set of units!");
  fs::rename(other, file);
  EXPECT_EQ(memoised_file_hash(file, cache, 0ns), read_hash(file));
  EXPECT_NE(read_hash(file), changed);
}

TEST(FileHashMemo, AFileChangedJustNowIsReadEachTime) {
  const TempDir dir;
  const std::string file = dir.write("fills.csv", "adcode,fill\n110000,1\n");
  const std::string cache = dir.file("cache");
  EXPECT_EQ(memoised_file_hash(file, cache), read_hash(file));
  EXPECT_EQ(memo_count(cache), 0) << "written within the settling time: a later write in the same tick "
                                     "would not change its times";
}

TEST(FileHashMemo, NoCacheFolderMeansNoMemo) {
  const TempDir dir;
  const std::string file = dir.write("a.csv", "x\n");
  EXPECT_EQ(memoised_file_hash(file, "", 0ns), read_hash(file));
  EXPECT_TRUE(fs::is_empty(dir.path()) || memo_count(dir.path()) == 0);
  EXPECT_THROW(memoised_file_hash(dir.file("missing.csv"), dir.file("cache"), 0ns), InputError);
}

TEST(FileHashMemo, ADamagedMemoIsIgnored) {
  const TempDir dir;
  const std::string file = dir.write("counties.gpkg", "boundaries");
  const std::string cache = dir.file("cache");
  memoised_file_hash(file, cache, 0ns);
  for (const auto& entry : fs::directory_iterator(cache))
    std::ofstream(entry.path(), std::ios::binary | std::ios::trunc) << "covermap-file-hash-1\nshort";
  EXPECT_EQ(memoised_file_hash(file, cache, 0ns), read_hash(file));
}

}  // namespace
}  // namespace covermap::geo
