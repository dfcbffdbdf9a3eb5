#pragma once
// For the tests of `covermap build`: a project in a temporary folder, with the example provinces' data
// copied in so that a test may edit it, and ways to run, watch and kill a build.
#include <sys/types.h>

#include <map>
#include <string>
#include <vector>

#include "tests/test_support.hpp"

namespace covermap::test {

class BuildProject {
 public:
  // reached.yaml (children reached, manual breaks at 20,000, 40,000 and 60,000, YlGnBu) and ecd.yaml (the
  // categorical example), their tables, and project.yaml as given (paths relative to the folder).
  explicit BuildProject(const std::string& project_yaml);

  const TempDir& dir() const { return dir_; }
  std::string file(const std::string& name) const { return dir_.file(name); }
  std::string project() const { return dir_.file("project.yaml"); }
  std::string state_file() const { return dir_.file(".project.covermap-build.json"); }

  // `covermap build project.yaml ARGS`.
  CommandResult build(const std::string& args = "") const;
  // Starts `covermap build project.yaml ARGS` as a child process, stdout and stderr to files in the folder
  // (log.out, log.err); returns its pid.
  pid_t start_build(const std::string& args = "") const;

  // Sets the children reached of the province with this adcode.
  void set_reached(const std::string& adcode, long value) const;
  // The bytes of every file under the folder's out/, by path relative to out/.
  std::map<std::string, std::string> outputs() const;

 private:
  TempDir dir_;
};

// Waits for a child and returns its exit code, or -signal when a signal ended it.
int wait_for(pid_t pid);

}  // namespace covermap::test
