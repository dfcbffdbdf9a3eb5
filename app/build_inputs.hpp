#pragma once
// What each output of a project is made from, every input content-hashed (xxHash, as the boundary cache):
// covermap itself, the map file's parsed content, the boundaries, every data table, the fonts a figure
// draws with, and a tile set's settings. `covermap build` compares these with the hashes its state file
// recorded when the output was last written.
#include <map>
#include <string>
#include <vector>

#include "app/project_file.hpp"
#include "styles/map_spec.hpp"

namespace covermap::app {

// Input name ("data counties.csv", "boundaries china-admin.gpkg", "covermap") -> hash.
using InputHashes = std::map<std::string, std::string>;

// Whether a change of this input (of a tile set) redraws every tile: covermap itself, the boundaries, the
// tile settings and the drawing style. A change of anything else (the data, the map's value, classes or
// palette) changes units' fills, and only the tiles showing those units are drawn again.
bool redraws_every_tile(const std::string& input_name);

// "a, b and 2 more": the inputs named in a reason.
std::string changed_inputs(const InputHashes& before, const InputHashes& now);

// covermap's version and a hash of the running executable: a new build of covermap redraws everything.
const std::string& covermap_identity();

// Hashes inputs for one build, each file read once however many outputs use it. Names show paths relative
// to the project file's folder.
class InputHasher {
 public:
  // How inputs not on the local disk count: changed at every build (their state cannot be kept cheaply), or
  // hashed by content (GDAL virtual files such as /vsicurl/ read whole; a database by its connection
  // string), as the shares of one tile job must agree on them.
  enum class Remote { always_changed, by_content };
  explicit InputHasher(const std::string& project_path, Remote remote = Remote::always_changed);

  InputHashes figure_inputs(const styles::MapDocument& document);
  InputHashes tile_inputs(const styles::MapSpec& spec, const ProjectTiles& tiles);

  // Every local file hashed so far (a project's inputs, for --watch).
  std::vector<std::string> files() const;

 private:
  void add_map_inputs(const styles::MapSpec& spec, InputHashes& inputs);
  void add_dataset(const std::string& role, const std::string& path, InputHashes& inputs);
  const std::string& map_file_hash(const std::string& path);
  const std::string& file_hash(const std::string& path);
  std::string shown(const std::string& path) const;

  std::string project_folder_;
  Remote remote_;
  std::map<std::string, std::string> file_hashes_;
  std::map<std::string, std::string> map_hashes_;
};

}  // namespace covermap::app
