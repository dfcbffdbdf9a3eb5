#pragma once
// One progress line on a terminal, rewritten in place: done / total, rate and time left. Silent when stderr
// is not a terminal (batch logs stay clean).
#include <chrono>
#include <cstdint>
#include <string>

namespace covermap::app {

class ProgressLine {
 public:
  // `what` names the work in the line ("tiles"); `enabled` false keeps it silent anywhere.
  ProgressLine(std::string what, bool enabled);
  // Redrawn at most five times a second, and once more (ending the line) when done reaches total.
  void update(std::uint64_t done, std::uint64_t total);

 private:
  std::string what_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace covermap::app
