// Inputs in object storage: boundaries and data read through GDAL's /vsicurl/ from a local HTTP server with
// Range requests (tests/app/range_http_server.py), as a cluster's shares would read them from a bucket. The
// tiles are those of the same inputs on the local disk, and shares of a remote job merge into a single run.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

std::string shell_quoted(const std::string& text) {
  return "'" + text + "'";
}

// Serves `folder` until destroyed (its stdin, our pipe, closes).
class RangeServer {
 public:
  explicit RangeServer(const fs::path& folder) : port_file_((folder.parent_path() / "port").string()) {
    const std::string command =
        "python3 " + shell_quoted(std::string(COVERMAP_SOURCE_DIR) + "/tests/app/range_http_server.py") +
        " " + shell_quoted(folder.string()) + " " + shell_quoted(port_file_);
    pipe_.reset(::popen(command.c_str(), "w"));
    for (int i = 0; i < 100 && !fs::exists(port_file_); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    if (fs::exists(port_file_)) port_ = read_file(port_file_);
  }
  const std::string& port() const { return port_; }

 private:
  struct Closer {
    void operator()(FILE* file) const { ::pclose(file); }
  };
  std::string port_file_;
  std::unique_ptr<FILE, Closer> pipe_;
  std::string port_;
};

// Every tile file of a folder output (tiles.json, which names the map file, aside).
std::map<std::string, std::string> tile_files(const fs::path& folder) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(folder))
    if (entry.is_regular_file() && entry.path().filename() != "tiles.json")
      files[fs::relative(entry.path(), folder).string()] = read_file(entry.path());
  return files;
}

class RemoteInputs : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(dir_.path() / "bucket");
    fs::create_directories(dir_.path() / "local");
    const auto exported = run_cli("boundaries export builtin:china-provinces -o " +
                                  shell_quoted(dir_.file("bucket/provinces.gpkg")));
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    fs::copy_file(std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.csv",
                  dir_.path() / "bucket" / "children-reached.csv");
    server_ = std::make_unique<RangeServer>(dir_.path() / "bucket");
    ASSERT_FALSE(server_->port().empty()) << "the test's HTTP server did not start (python3)";
    const std::string example =
        read_file(std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml");
    const std::string url = "/vsicurl/http://127.0.0.1:" + server_->port() + "/";
    local_map_ = write_map("local/map.yaml", example, dir_.file("bucket/provinces.gpkg"),
                           dir_.file("bucket/children-reached.csv"));
    remote_map_ = write_map("remote.yaml", example, url + "provinces.gpkg", url + "children-reached.csv");
  }

  std::string write_map(const std::string& name, std::string text, const std::string& boundaries,
                        const std::string& data) {
    text = std::regex_replace(text, std::regex("boundaries: \\{source: \"builtin:china-provinces\"\\}"),
                              "boundaries: {source: \"" + boundaries + "\"}");
    text = std::regex_replace(text, std::regex("source: children-reached.csv"), "source: \"" + data + "\"");
    return dir_.write(name, text);
  }

  TempDir dir_;
  std::unique_ptr<RangeServer> server_;
  std::string local_map_, remote_map_;
};

TEST_F(RemoteInputs, BoundariesAndDataOverVsicurlMakeTheTilesOfTheSameFilesOnDisk) {
  const auto remote = run_cli("tiles " + shell_quoted(remote_map_) + " -o " +
                              shell_quoted(dir_.file("remote")) + " --zoom 0-5");
  ASSERT_EQ(remote.exit_code, 0) << remote.err;
  const auto local = run_cli("tiles " + shell_quoted(local_map_) + " -o " +
                             shell_quoted(dir_.file("local-tiles")) + " --zoom 0-5");
  ASSERT_EQ(local.exit_code, 0) << local.err;
  const auto tiles = tile_files(dir_.path() / "remote");
  EXPECT_GT(tiles.size(), 20u);
  EXPECT_TRUE(tiles == tile_files(dir_.path() / "local-tiles"));
}

TEST_F(RemoteInputs, SharesOfARemoteJobMergeIntoASingleRun) {
  fs::create_directories(dir_.path() / "one");
  fs::create_directories(dir_.path() / "merged");
  const auto one = run_cli("tiles " + shell_quoted(remote_map_) + " -o " +
                           shell_quoted(dir_.file("one/t.pmtiles")) + " --zoom 0-5");
  ASSERT_EQ(one.exit_code, 0) << one.err;
  std::string parts;
  for (int k = 0; k < 2; ++k) {
    const std::string part = dir_.file("part" + std::to_string(k) + ".pmtiles");
    const auto share = run_cli("tiles " + shell_quoted(remote_map_) + " -o " + shell_quoted(part) +
                               " --zoom 0-5 --shard " + std::to_string(k) + "/2");
    ASSERT_EQ(share.exit_code, 0) << share.err;
    parts += " " + shell_quoted(part);
  }
  const auto merged = run_cli("merge" + parts + " -o " + shell_quoted(dir_.file("merged/t.pmtiles")));
  ASSERT_EQ(merged.exit_code, 0) << merged.err;
  EXPECT_TRUE(read_file(dir_.file("one/t.pmtiles")) == read_file(dir_.file("merged/t.pmtiles")));
}

TEST_F(RemoteInputs, AnAddressThatDoesNotAnswerIsOneLineNamingIt) {
  const std::string missing = "/vsicurl/http://127.0.0.1:" + server_->port() + "/no-such.gpkg";
  const std::string map = dir_.write(
      "missing.yaml",
      std::regex_replace(read_file(remote_map_), std::regex("/vsicurl/[^\"]*provinces.gpkg"), missing));
  const auto result =
      run_cli("tiles " + shell_quoted(map) + " -o " + shell_quoted(dir_.file("x.pmtiles")) + " --zoom 0-2");
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(error_line(result).rfind("error: " + missing + ": ", 0), 0u) << result.err;
  EXPECT_FALSE(fs::exists(dir_.file("x.pmtiles")));
}

}  // namespace
}  // namespace covermap::test
