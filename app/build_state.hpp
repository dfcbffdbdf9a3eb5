#pragma once
// The state file of `covermap build`, beside the project (`.NAME.covermap-build.json` for NAME.yaml): for
// each output, the hashes of the inputs it was made from, what was written (so an output replaced or edited
// since is noticed), and for a tile set the fills its units were drawn with (what an update compares).
// It is written after each output is in place, atomically, so it is never ahead of the outputs.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/build_inputs.hpp"
#include "styles/color.hpp"

namespace covermap::app {

// A file or folder as it was written: a file by size, modification time and content hash; a folder (tiles)
// by its modification time, its tiles.json recorded as a file beside.
struct WrittenFile {
  std::string path;  // relative to the project's folder
  bool folder = false;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::string hash;  // files only
};

struct OutputRecord {
  InputHashes inputs;
  std::vector<WrittenFile> written;
  // Tile sets: the classes (breaks, labels and fills) and each unit's fill (none: no data).
  std::string classes;
  std::vector<std::optional<styles::Color>> fills;
};

class BuildState {
 public:
  // The state of the project at `project_path`; empty when there is none yet, or when it cannot be read
  // (every output is then rebuilt, with a warning).
  explicit BuildState(const std::string& project_path);

  const std::string& path() const { return path_; }
  const OutputRecord* find(const std::string& output) const;
  void set(const std::string& output, OutputRecord record);
  // Forgets the outputs not in `outputs` (no longer in the project), at the next save.
  void retain(const std::set<std::string>& outputs);
  // Writes the file atomically.
  void save() const;

  // The files of an output as they are now (the output itself, and its TileJSON for tiles), paths relative
  // to the project folder. Empty paths are left out: a missing file is recorded with size 0 and no hash.
  std::vector<WrittenFile> stat_written(const std::vector<std::string>& paths) const;
  // Whether the files are still as `record` says they were written; an unchanged size with a new time is
  // settled by the content hash (a copied project keeps its state).
  bool still_written(const OutputRecord& record) const;

 private:
  std::string folder_;
  std::string path_;
  std::map<std::string, OutputRecord> outputs_;
};

}  // namespace covermap::app
