#pragma once
// The map file (YAML) of the user contract, read into the plain specs each layer takes.
#include <string>

#include "boundaries/boundary_source.hpp"
#include "boundaries/join.hpp"
#include "render/map_style.hpp"
#include "styles/classify.hpp"

namespace covermap::app {

// Where the inset's boundary line comes from (`inset: {boundary: ...}`).
struct InsetBoundarySpec {
  enum class From { detect, file, none };
  From from = From::detect;  // detect: the boundaries source's layer `scs_boundary`, when it has one
  std::string source;        // From::file, resolved against the map file
  std::string layer;         // From::file; empty: scs_boundary
};

inline constexpr const char* kInsetBoundaryLayer = "scs_boundary";

struct MapSpec {
  std::string path;  // the map file itself
  boundaries::BoundarySpec boundaries;
  boundaries::DataSpec data;
  std::string value;  // the data column to classify
  styles::ClassifySpec classify;
  styles::PaletteSpec palette;
  render::MapStyle style;
  InsetBoundarySpec inset_boundary;
  std::vector<std::string> warnings;  // things the map file asks for that this version does not do
};

// Relative paths resolve against the map file's folder. Errors name the file and line.
MapSpec load_map_file(const std::string& path);

}  // namespace covermap::app
