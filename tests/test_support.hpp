#pragma once
// Shared by the tests: where the real test data is, temporary folders, running the CLI.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "geo/error.hpp"

namespace covermap::test {

// ../shared/data/china-admin.gpkg, or "" when it is absent (tests then skip visibly).
std::string china_admin_gpkg();

// NOLINTBEGIN(bugprone-macro-parentheses): path_var is the name declared, which cannot be parenthesized.
#define COVERMAP_REQUIRE_CHINA_ADMIN(path_var)                       \
  const std::string path_var = ::covermap::test::china_admin_gpkg(); \
  if (path_var.empty()) GTEST_SKIP() << "china-admin.gpkg not found in " COVERMAP_TEST_DATA_DIR
// NOLINTEND(bugprone-macro-parentheses)

// Tests that drive npm packages (real JavaScript clients) find them in COVERMAP_NPM_DIR, the build tree's
// npm folder that scripts/install-deps.sh fills; without the package or node they skip visibly.
#define COVERMAP_REQUIRE_NPM_PACKAGE(package)                                                       \
  if (const std::string missing = ::covermap::test::npm_package_missing(package); !missing.empty()) \
  GTEST_SKIP() << missing

// Why `package` cannot be used ("" when it can): not in COVERMAP_NPM_DIR/node_modules, or no node.
std::string npm_package_missing(const std::string& package);

// A fresh temporary folder, removed with the object.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `text` to `name` in the folder and returns its path.
  std::string write(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path path_;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the built covermap CLI with `arguments` (shell-quoted by the caller where needed).
CommandResult run_cli(const std::string& arguments);

// The one "error: ..." line of a refused command's stderr (warning lines aside), or a description of what
// is wrong with stderr instead: no error line, more than one, or other text.
std::string error_line(const CommandResult& result);

// Runs any shell command, capturing stdout.
CommandResult run_shell(const std::string& command);

std::string read_file(const std::string& path);

// The InputError's full one-line message, or "" when nothing was thrown; other exceptions pass through.
template <typename Call>
std::string input_error_of(Call&& call) {
  try {
    call();
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

}  // namespace covermap::test
