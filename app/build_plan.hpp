#pragma once
// What `covermap build` does with each output of a project, and why: nothing (up to date), render it, or
// (a tile set whose data changed) update it, drawing again only the tiles of units whose fills changed.
#include <string>
#include <vector>

#include "app/build_inputs.hpp"
#include "app/build_state.hpp"
#include "app/project_file.hpp"

namespace covermap::app {

struct PlannedOutput {
  enum class Kind { figure, tiles };
  enum class Action { none, render, update, fail };
  Kind kind = Kind::figure;
  std::string path;  // resolved, as messages show it
  std::string key;   // relative to the project's folder: the state file's key
  std::string map;   // the map file
  bool allow_unmatched = false;
  ProjectTiles tiles;  // Kind::tiles
  InputHashes inputs;
  Action action = Action::none;
  std::string reason;  // why it is rendered or updated; for fail, the one-line error
  int exit_code = 0;   // for fail: 2 (bad input) or 3
};

// One entry per output, in the project file's order: each map's figures, then its tile sets. Inputs that
// cannot be read fail their outputs (Action::fail), not the plan.
std::vector<PlannedOutput> plan_build(const Project& project, const BuildState& state, bool force,
                                      InputHasher& hasher);

// The paths an output writes, resolved: the output, and a tile set's TileJSON.
std::vector<std::string> written_paths(const PlannedOutput& output);

}  // namespace covermap::app
