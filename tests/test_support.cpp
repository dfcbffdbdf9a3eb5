#include "tests/test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>

namespace covermap::test {

namespace fs = std::filesystem;

std::string china_admin_gpkg() {
  const fs::path path = fs::path(COVERMAP_TEST_DATA_DIR) / "china-admin.gpkg";
  return fs::exists(path) ? path.string() : std::string();
}

std::string npm_package_missing(const std::string& package) {
  if (!fs::exists(fs::path(COVERMAP_NPM_DIR) / "node_modules" / package / "package.json"))
    return "npm " + package +
           " is not installed in " COVERMAP_NPM_DIR " (scripts/install-deps.sh installs it)";
  if (run_shell("node --version").exit_code != 0) return "node is not installed";
  return "";
}

TempDir::TempDir() {
  std::random_device seed;
  for (;;) {
    path_ = fs::temp_directory_path() / ("covermap-test-" + std::to_string(seed()));
    if (fs::create_directory(path_)) break;
  }
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

std::string TempDir::write(const std::string& name, const std::string& text) const {
  std::string path = file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

CommandResult run_shell(const std::string& command) {
  CommandResult result;
  TempDir scratch;
  const std::string err_path = scratch.file("stderr");
  const std::string full = command + " 2>" + err_path;
  FILE* pipe = ::popen(full.c_str(), "r");
  if (!pipe) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.err = read_file(err_path);
  return result;
}

CommandResult run_cli(const std::string& arguments) {
  return run_shell(std::string("'") + COVERMAP_CLI + "' " + arguments);
}

std::string error_line(const CommandResult& result) {
  std::istringstream lines(result.err);
  std::string line, found;
  int errors = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("warning: ", 0) == 0) continue;
    if (line.rfind("error: ", 0) != 0) return "<stderr has a line that is no error or warning: " + line + ">";
    found = line;
    ++errors;
  }
  if (errors != 1) return "<" + std::to_string(errors) + " error lines in: " + result.err + ">";
  return found;
}

}  // namespace covermap::test
