#pragma once
// The map file (YAML) of the user contract, read into the plain specs each layer takes.
#include <string>
#include <vector>

#include "styles/map_spec.hpp"

namespace covermap::app {

// Relative paths resolve against the map file's folder. Errors name the file and line.
styles::MapDocument load_map_document(const std::string& path);

// A map file of one map; a file with panels is an error (for the verbs that make one map, such as tiles).
styles::MapSpec load_map_file(const std::string& path);

}  // namespace covermap::app
