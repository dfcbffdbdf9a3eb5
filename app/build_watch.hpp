#pragma once
// `covermap build --watch`: waits for an input of the project to change (inotify on the folders holding
// them, so an editor's save by rename is seen too). Changes are queued from the moment the watcher is made,
// so one made before a build sees what changed while it ran.
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "outputs/file_descriptor.hpp"

namespace covermap::app {

class InputWatcher {
 public:
  explicit InputWatcher(const std::vector<std::string>& files);

  // Returns true once one of the files was written, replaced or removed and then `quiet` passed without
  // another such change (a save of several files is one change); false when interrupted
  // (geo/interrupt.hpp).
  bool wait_for_change(std::chrono::milliseconds quiet);

 private:
  bool drain();       // reads what is pending; true if it touched a watched file
  bool wait(int ms);  // false when interrupted

  outputs::FileDescriptor fd_;
  std::map<int, std::set<std::string>> names_of_;
};

}  // namespace covermap::app
