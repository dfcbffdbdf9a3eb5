#pragma once
// The files around a build: a lock so that two builds of one project never run at once, the outputs'
// folders, and what a killed build left beside its outputs.
#include <string>

#include "outputs/file_descriptor.hpp"

namespace covermap::app {

// An advisory lock (flock) on the project file, held while the object lives. InputError naming the project
// when another build of it holds the lock.
class ProjectLock {
 public:
  explicit ProjectLock(const std::string& project_path);

 private:
  outputs::FileDescriptor fd_;
};

// Creates the folder `output` goes in when it is missing, and removes the temporary files and folders a
// covermap process that no longer runs left beside it (`.NAME.covermap-PID…`, for the output and its
// TileJSON): a build killed with kill -9 leaves them, the next one clears them.
void prepare_output_folder(const std::string& output);

}  // namespace covermap::app
