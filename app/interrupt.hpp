#pragma once
// SIGINT and SIGTERM during a build: the first asks the build to stop (a tile job stops at its next tile, no
// new output starts, every output is left whole, the state file records what finished); a second one ends
// the process at once, which is safe too (outputs are renamed into place only when complete).
namespace covermap::app {

class InterruptHandler {
 public:
  InterruptHandler();   // installs the handlers
  ~InterruptHandler();  // restores the earlier ones
  InterruptHandler(const InterruptHandler&) = delete;
  InterruptHandler& operator=(const InterruptHandler&) = delete;

  // Whether a signal came since the handler was installed.
  static bool requested();
};

}  // namespace covermap::app
