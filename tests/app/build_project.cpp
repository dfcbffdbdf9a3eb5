#include "tests/app/build_project.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

extern char** environ;

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

const std::string kExamples = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/";

}  // namespace

BuildProject::BuildProject(const std::string& project_yaml) {
  std::string reached = read_file(kExamples + "children-reached.yaml");
  reached = std::regex_replace(reached, std::regex("children-reached.csv"), "reached.csv");
  reached = std::regex_replace(reached, std::regex(R"(classify: \{[^}]*\})"),
                               "classify: {method: manual, breaks: [0, 20000, 40000, 60000, 100000]}");
  dir_.write("reached.yaml", reached);
  dir_.write("reached.csv", read_file(kExamples + "children-reached.csv"));
  std::string ecd = read_file(kExamples + "ecd-provinces.yaml");
  dir_.write("ecd.yaml", std::regex_replace(ecd, std::regex("ecd-provinces.csv"), "ecd.csv"));
  dir_.write("ecd.csv", read_file(kExamples + "ecd-provinces.csv"));
  dir_.write("project.yaml", project_yaml);
}

CommandResult BuildProject::build(const std::string& args) const {
  return run_cli("build '" + project() + "' " + args);
}

pid_t BuildProject::start_build(const std::string& args) const {
  const std::string command = std::string("exec '") + COVERMAP_CLI + "' build '" + project() + "' " + args +
                              " >'" + file("log.out") + "' 2>'" + file("log.err") + "'";
  const char* argv[] = {"/bin/sh", "-c", command.c_str(), nullptr};
  pid_t pid = -1;
  if (posix_spawn(&pid, "/bin/sh", nullptr, nullptr, const_cast<char**>(argv), environ) != 0) return -1;
  return pid;
}

void BuildProject::set_reached(const std::string& adcode, long value) const {
  std::istringstream in(read_file(file("reached.csv")));
  std::string text;
  for (std::string line; std::getline(in, line);) {
    if (line.rfind(adcode + ",", 0) == 0) line = line.substr(0, line.rfind(',') + 1) + std::to_string(value);
    text += line + "\n";
  }
  dir_.write("reached.csv", text);
}

std::map<std::string, std::string> BuildProject::outputs() const {
  std::map<std::string, std::string> files;
  const fs::path out = dir_.path() / "out";
  if (!fs::exists(out)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(out))
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), out).string()] = read_file(entry.path().string());
  return files;
}

int wait_for(pid_t pid) {
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid) return -1000;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

}  // namespace covermap::test
