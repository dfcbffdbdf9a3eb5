// The bad-input catalogue, outputs: a missing or unusable output path, a full disk, Ctrl-C and SIGKILL while
// tiles are made. Each through the CLI: exit 2 (130 for Ctrl-C), one error line with the path and the OS's
// reason, no file at the output path unless complete, and an earlier output untouched.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "tests/test_support.hpp"

extern char** environ;

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml";

std::set<std::string> listing(const fs::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.insert(entry.path().filename().string());
  return names;
}

// covermap with every file it writes limited to `blocks` of 512 bytes and SIGXFSZ ignored: a write past
// the limit fails with EFBIG, as a write to a full disk fails with ENOSPC.
CommandResult run_cli_on_a_full_disk(const std::string& arguments, int blocks) {
  return run_shell("trap '' XFSZ; ulimit -f " + std::to_string(blocks) + "; COVERMAP_CACHE_DIR=off '" +
                   COVERMAP_CLI + "' " + arguments);
}

// The command that makes `output`: a figure for .pdf/.png/.svg, else tiles.
std::string command_for(const std::string& output) {
  const std::string extension = fs::path(output).extension().string();
  if (extension == ".pdf" || extension == ".png" || extension == ".svg")
    return "render '" + kExample + "' -o '" + output + "' --dpi 150";
  return "tiles '" + kExample + "' -o '" + output + "' --zoom 0-6";
}

// An earlier output at `output`: a file, or a tile folder with its tiles.json.
void make_earlier_output(const std::string& output) {
  if (output.back() == '/') {
    fs::create_directories(output);
    std::ofstream(output + "tiles.json") << "earlier";
  } else {
    std::ofstream(output) << "earlier";
  }
}

bool earlier_output_is_intact(const std::string& output) {
  if (output.back() == '/')
    return read_file(output + "tiles.json") == "earlier" && listing(output).size() == 1;
  return read_file(output) == "earlier";
}

TEST(OutputSafety, AnOutputFolderThatDoesNotExistIsNamed) {
  TempDir dir;
  for (const std::string name : {"a.pdf", "a.mbtiles", "a.pmtiles", "tiles/"}) {
    const std::string output = dir.file("missing/" + name);
    const auto result = run_cli(command_for(output));
    EXPECT_EQ(result.exit_code, 2) << name << result.err;
    EXPECT_EQ(error_line(result), "error: " + output + ": the output folder does not exist (create " +
                                      dir.file("missing") + " first)");
  }
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(OutputSafety, AnOutputPathThatIsAFolderIsRefusedAndKept) {
  TempDir dir;
  for (const std::string name : {"a.pdf", "a.mbtiles", "a.pmtiles"}) {
    const std::string output = dir.file(name);
    fs::create_directory(output);
    std::ofstream(output + "/keep") << "mine";
    const auto result = run_cli(command_for(output));
    EXPECT_EQ(result.exit_code, 2) << name << result.err;
    EXPECT_EQ(error_line(result).rfind("error: " + output + ": is a folder", 0), 0u) << error_line(result);
    EXPECT_EQ(read_file(output + "/keep"), "mine");
  }
}

TEST(OutputSafety, AFullDiskIsExit2WithTheReasonAndKeepsTheEarlierOutput) {
  TempDir dir;
  for (const std::string name : {"a.pdf", "a.png", "a.svg", "a.mbtiles", "a.pmtiles", "tiles/"}) {
    const std::string output = dir.file(name);
    make_earlier_output(output);
    const auto before = listing(dir.path());
    const auto result = run_cli_on_a_full_disk(command_for(output), name == "tiles/" ? 1 : 16);
    EXPECT_EQ(result.exit_code, 2) << name << "\n" << result.err;
    const std::string line = error_line(result);
    EXPECT_EQ(line.rfind("error: " + output, 0), 0u) << line;
    EXPECT_NE(line.find("File too large"), std::string::npos) << "the OS's reason: " << line;
    EXPECT_TRUE(earlier_output_is_intact(output)) << name;
    EXPECT_EQ(listing(dir.path()), before) << name << ": no temporary file is left behind";
  }
}

// Starts covermap with `arguments`, stderr to `err_path`; its process id.
pid_t start_cli(const std::vector<std::string>& arguments, const std::string& err_path) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> all{COVERMAP_CLI};
  all.insert(all.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  argv.reserve(all.size() + 1);
  for (auto& argument : all) argv.push_back(argument.data());
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int status = posix_spawn(&pid, COVERMAP_CLI, &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return status == 0 ? pid : -1;
}

// Exit code, or 128 + the signal that ended it.
int wait_for(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, 0) != pid) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// A job of many seconds: zoom 0-10 on one thread.
std::vector<std::string> long_tiles_job(const std::string& output) {
  return {"tiles", kExample, "-o", output, "--zoom", "0-10", "--threads", "1"};
}

TEST(OutputSafety, CtrlCDuringTilesStopsCleanlyAndKeepsTheEarlierOutput) {
  TempDir dir, logs;
  for (const std::string name : {"a.mbtiles", "tiles/"}) {
    const std::string output = dir.file(name);
    make_earlier_output(output);
    const auto before = listing(dir.path());
    const std::string err = logs.file("stderr");
    const pid_t pid = start_cli(long_tiles_job(output), err);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ::kill(pid, SIGINT);
    const auto started = std::chrono::steady_clock::now();
    EXPECT_EQ(wait_for(pid), 130) << read_file(err);
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5)) << "stops promptly";
    CommandResult result;
    result.err = read_file(err);
    EXPECT_EQ(error_line(result), "error: " + output + ": interrupted; nothing was written (run it again)");
    EXPECT_TRUE(earlier_output_is_intact(output)) << name;
    EXPECT_EQ(listing(dir.path()), before) << name << ": no temporary file is left behind";
  }
}

TEST(OutputSafety, SigkillDuringTilesLeavesTheEarlierOutputAndTheNextRunCleansUp) {
  TempDir dir;
  for (const std::string name : {"a.pmtiles", "tiles/"}) {
    const std::string output = dir.file(name);
    make_earlier_output(output);
    const auto before = listing(dir.path());
    const pid_t pid = start_cli(long_tiles_job(output), "/dev/null");
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ::kill(pid, SIGKILL);
    EXPECT_EQ(wait_for(pid), 128 + SIGKILL);
    EXPECT_TRUE(earlier_output_is_intact(output)) << name;
    // The killed run could clean nothing; the next one removes what it left.
    const auto rerun = run_cli("tiles '" + kExample + "' -o '" + output + "' --zoom 0-2");
    EXPECT_EQ(rerun.exit_code, 0) << rerun.err;
    EXPECT_EQ(listing(dir.path()).size(), before.size() + (name == "tiles/" ? 0 : 1)) << name;
  }
}

}  // namespace
}  // namespace covermap::test
