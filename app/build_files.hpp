#pragma once
// The files around a build: a lock so that two builds of one project never run at once, and the outputs'
// folders. (What a killed build left beside an output, geo::AtomicOutput and the tile folder sink remove
// when they write that output again, as the next build does.)
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

// Creates the folder `output` goes in when it is missing.
void prepare_output_folder(const std::string& output);

}  // namespace covermap::app
