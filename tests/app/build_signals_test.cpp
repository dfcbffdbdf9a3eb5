// `covermap build` killed at any moment (kill -9 or Ctrl-C): the outputs that existed are whole, the state
// file is never ahead of them, and the next build finishes the job. And --watch.
#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/app/build_project.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;
using Files = std::map<std::string, std::string>;

const char* const kProject = R"yaml(maps:
  - map: reached.yaml
    outputs: [out/reached.pdf, out/reached.png]
    tiles: [{output: out/reached.pmtiles, zoom: 0-6}, {output: out/web, zoom: 0-4}]
  - map: ecd.yaml
    outputs: [out/ecd.svg]
    tiles: {output: out/ecd.mbtiles, zoom: 0-5}
)yaml";

// The second version of the data: Beijing and Yunnan change class, Hebei's programme changes.
void change_data(const BuildProject& project) {
  project.set_reached("110000", 45000);
  project.set_reached("530000", 9000);
  std::string ecd = read_file(project.file("ecd.csv"));
  ecd.replace(ecd.find("河北,Integrated ECD services"), std::string("河北,Integrated ECD services").size(),
              "河北,Parenting support");
  project.dir().write("ecd.csv", ecd);
}

bool is_temporary(const std::string& relative) {
  return relative.front() == '.';
}

// The outputs as the user sees them: a tile folder as one entry (its files joined), each other file alone,
// temporaries left out.
Files whole_outputs(const Files& files) {
  Files outputs;
  for (const auto& [name, bytes] : files) {
    if (is_temporary(name)) continue;
    const std::string output = name.substr(0, name.find('/'));
    outputs[output] += name + "\n" + bytes;
  }
  return outputs;
}

bool any_temporary(const BuildProject& project) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(project.file("out"), error))
    if (is_temporary(entry.path().filename().string())) return true;
  return false;
}

// Polls `ready` every 5 ms for up to a minute.
template <typename Ready>
void wait_until(const Ready& ready) {
  for (int i = 0; i < 12000 && !ready(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

// The outputs a dry run calls up to date, relative to out/.
std::vector<std::string> up_to_date(const BuildProject& project) {
  std::vector<std::string> names;
  std::istringstream lines(project.build("--dry-run").out);
  const std::string prefix = "up-to-date     " + project.file("out/");
  for (std::string line; std::getline(lines, line);)
    if (line.rfind(prefix, 0) == 0) names.push_back(line.substr(prefix.size()));
  return names;
}

class KilledBuild : public ::testing::Test {
 protected:
  void SetUp() override {
    BuildProject a(kProject), b(kProject);
    change_data(b);
    ASSERT_EQ(a.build().exit_code, 0);
    ASSERT_EQ(b.build().exit_code, 0);
    versions_[0] = whole_outputs(a.outputs());
    versions_[1] = whole_outputs(b.outputs());
    data_[0] = {read_file(a.file("reached.csv")), read_file(a.file("ecd.csv"))};
    data_[1] = {read_file(b.file("reached.csv")), read_file(b.file("ecd.csv"))};
    ASSERT_EQ(project_.build().exit_code, 0);
    ASSERT_TRUE(whole_outputs(project_.outputs()) == versions_[0]);
  }

  void use_version(int version) {
    current_ = version;
    project_.dir().write("reached.csv", data_[version].first);
    project_.dir().write("ecd.csv", data_[version].second);
  }

  // What every kill must leave, and what the next build must do.
  void check_after_kill(const std::string& when) {
    const Files now = whole_outputs(project_.outputs());
    EXPECT_EQ(now.size(), versions_[0].size()) << when << ": an output went missing";
    for (const auto& [name, bytes] : now)
      EXPECT_TRUE(bytes == versions_[0].at(name) || bytes == versions_[1].at(name))
          << when << ": " << name << " is neither the old nor the new output";
    for (const std::string& name : up_to_date(project_))
      EXPECT_TRUE(now.at(name.substr(0, name.find('/'))) ==
                  versions_[current_].at(name.substr(0, name.find('/'))))
          << when << ": the state calls " << name << " up to date, but it is not the output of the data";
    const auto finish = project_.build();
    EXPECT_EQ(finish.exit_code, 0) << when << ": " << finish.err;
    EXPECT_TRUE(whole_outputs(project_.outputs()) == versions_[current_])
        << when << ": the next build must finish";
    EXPECT_FALSE(any_temporary(project_)) << when << ": the next build clears what the killed one left";
  }

  BuildProject project_{kProject};
  Files versions_[2];
  std::pair<std::string, std::string> data_[2];
  int current_ = 0;
};

TEST_F(KilledBuild, KillNineAtAnyMomentLeavesWholeOutputsAndTheNextBuildFinishesTheJob) {
  // Fixed delays, and two moments chosen by what the build has done: its first temporary file, and its
  // first output recorded in the state file.
  const std::vector<std::string> moments = {
      "0.05 s", "0.3 s", "0.8 s", "1.5 s", "2.5 s", "first temporary", "first output recorded"};
  int killed_mid_way = 0;
  for (std::size_t i = 0; i < moments.size(); ++i) {
    use_version(1 - current_);
    const auto state_before = fs::last_write_time(project_.state_file());
    const pid_t pid = project_.start_build("-j 2");
    ASSERT_GT(pid, 0);
    const std::string& moment = moments[i];
    if (moment == "first temporary")
      wait_until([&] { return any_temporary(project_); });
    else if (moment == "first output recorded")
      wait_until([&] { return fs::last_write_time(project_.state_file()) != state_before; });
    else
      std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<int>(std::stod(moment) * 1000)));
    ::kill(pid, SIGKILL);
    killed_mid_way += wait_for(pid) == -SIGKILL ? 1 : 0;
    check_after_kill("killed at " + moment);
  }
  EXPECT_GE(killed_mid_way, 3) << "most kills must land while the build runs";
}

TEST_F(KilledBuild, CtrlCStopsAtTheNextTileLeavesNoTemporaryAndTheNextBuildFinishes) {
  use_version(1);
  const pid_t pid = project_.start_build();
  ASSERT_GT(pid, 0);
  wait_until([&] { return any_temporary(project_); });
  ::kill(pid, SIGINT);
  const int code = wait_for(pid);
  if (code == 0) GTEST_SKIP() << "the build finished before the signal arrived";
  EXPECT_EQ(code, 130);
  EXPECT_NE(read_file(project_.file("log.err")).find("interrupted"), std::string::npos)
      << read_file(project_.file("log.err"));
  EXPECT_FALSE(any_temporary(project_));
  check_after_kill("interrupted");
}

TEST_F(KilledBuild, ASecondBuildOfTheProjectWhileOneRunsIsRefused) {
  use_version(1);
  const pid_t pid = project_.start_build();
  ASSERT_GT(pid, 0);
  wait_until([&] { return any_temporary(project_); });
  const auto second = project_.build();
  const int first = wait_for(pid);
  if (second.exit_code == 0) GTEST_SKIP() << "the first build finished before the second started";
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_EQ(second.err, "error: " + project_.project() +
                            ": another build of this project is running (wait for it to finish)\n");
  EXPECT_EQ(first, 0);
  EXPECT_TRUE(whole_outputs(project_.outputs()) == versions_[1]);
}

TEST(BuildWatch, RebuildsWhenAnInputChanges) {
  BuildProject project("maps:\n  - map: reached.yaml\n    outputs: [out/reached.svg]\n");
  const pid_t pid = project.start_build("--watch");
  ASSERT_GT(pid, 0);
  const auto log = [&] { return read_file(project.file("log.out")); };
  wait_until([&] { return log().find("watching") != std::string::npos; });
  ASSERT_NE(log().find("rendered"), std::string::npos) << log() << read_file(project.file("log.err"));
  const std::string first = read_file(project.file("out/reached.svg"));

  // Between builds the watcher holds nothing: a build by hand finds everything up to date.
  const auto by_hand = project.build();
  EXPECT_EQ(by_hand.exit_code, 0) << by_hand.err;
  EXPECT_NE(by_hand.out.find("up-to-date"), std::string::npos) << by_hand.out;

  project.set_reached("110000", 45000);
  wait_until([&] { return log().find("data reached.csv changed") != std::string::npos; });
  wait_until([&] { return log().rfind("watching") > log().find("data reached.csv changed"); });
  EXPECT_NE(log().find("data reached.csv changed"), std::string::npos) << log();
  EXPECT_NE(read_file(project.file("out/reached.svg")), first);
  ::kill(pid, SIGINT);
  EXPECT_EQ(wait_for(pid), 0);
}

}  // namespace
}  // namespace covermap::test
