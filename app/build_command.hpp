#pragma once
// `covermap build PROJECT.yaml`: brings every output of a project up to date, redrawing only what changed.
#include <string>

namespace covermap::app {

struct BuildOptions {
  bool force = false;    // rebuild every output
  bool dry_run = false;  // say what would be rebuilt and why; write nothing
  std::string report;    // BUILD.json: each output's status, reason, tiles and seconds
  int jobs = 1;          // outputs built at once
  bool watch = false;    // build again whenever an input changes, until interrupted
  bool progress = true;  // live lines on stderr when it is a terminal
};

// Exit code: 0 when every output is up to date or was built; 2 when one failed on bad input (the others are
// still built); 3 when one failed inside covermap; 130 when interrupted. A bad project file is an InputError,
// and nothing is built.
int run_build(const std::string& project_path, const BuildOptions& options);

}  // namespace covermap::app
