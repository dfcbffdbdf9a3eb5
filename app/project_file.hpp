#pragma once
// The project file (YAML) of `covermap build` and `covermap serve`: the maps of a project and the outputs
// each makes, and how `covermap serve` shows them. Paths resolve against the project file's folder.
//
//   maps:
//     - map: ecd.yaml
//       outputs: [out/ecd.pdf, out/ecd.png]
//       tiles: {output: out/ecd.pmtiles, zoom: 0-8}
//   serve: {basemap: "https://tiles.example.org/{z}/{x}/{y}.png"}
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "geo/tile_math.hpp"

namespace covermap::app {

// One tile set of a map: the options of `covermap tiles`.
struct ProjectTiles {
  std::string output;  // .mbtiles, .pmtiles or a folder, resolved
  geo::ZoomRange zoom;
  int tile_size = 256;
  std::string format = "png";
  std::optional<geo::Box> bounds;  // lon/lat; default: the boundaries' extent
  int threads = 0;                 // 0: one per core
  long line = 0;                   // of the entry in the project file
};

struct ProjectFigure {
  std::string output;  // .pdf, .svg or .png, resolved; a PNG takes its dpi from the map's page
  long line = 0;
};

struct ProjectMap {
  std::string map;               // the map file, resolved
  bool allow_unmatched = false;  // build even if some data rows match no unit
  std::vector<ProjectFigure> figures;
  std::vector<ProjectTiles> tiles;
  long line = 0;
};

struct Project {
  std::string path;  // the project file
  std::vector<ProjectMap> maps;
  std::string
      basemap;  // serve.basemap: an XYZ URL template the preview page shows under the tiles; may be empty
};

// InputError naming the file and line for anything wrong: not YAML, an unknown key, a map file that does
// not exist, an output of unknown kind, two entries writing the same path.
Project load_project(const std::string& path);

// Whether a YAML file is a project file rather than a map file: its top level has `maps:`. False for what
// is not a YAML mapping (the map file's reader then says what is wrong with it).
bool is_project_file(const std::string& path);

// What is wrong with a basemap URL template, or empty when it is usable: http(s), with {z}, {x} and {y}.
std::string basemap_problem(const std::string& url);

}  // namespace covermap::app
