#pragma once
// What `covermap build` shows: one line per output as it finishes (stdout), and on a terminal, below them,
// a live line per output being built (stderr: status, tiles done of total, time left), redrawn in place.
// Warnings print above the live lines. Thread-safe: jobs report from their own threads.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace covermap::app {

class BuildDisplay {
 public:
  // `live`: draw the live lines (when stderr is a terminal).
  explicit BuildDisplay(bool live);
  ~BuildDisplay();

  // A live line for an output being built; returns its handle.
  int start(const std::string& what);
  // Tiles done of total for that line; redrawn at most five times a second.
  void progress(int line, std::uint64_t done, std::uint64_t total);
  // Removes the live line and prints `final_line` in its place, for good.
  void finish(int line, const std::string& final_line);
  // A line for good that is not an output's (a warning, a summary); `error` sends it to stderr.
  void print(const std::string& text, bool error = false);

 private:
  struct Live {
    std::string what;
    std::uint64_t done = 0, total = 0;
    std::chrono::steady_clock::time_point started;
    bool active = false;
  };
  void erase();   // clears the live lines drawn last
  void redraw();  // draws the active ones
  std::string describe(const Live& live) const;

  bool live_;
  std::mutex mutex_;
  std::vector<Live> lines_;
  int drawn_ = 0;             // live lines on screen now
  std::size_t columns_ = 80;  // of the terminal
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace covermap::app
