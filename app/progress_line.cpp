#include "app/progress_line.hpp"

#include <unistd.h>

#include <cstdio>

namespace covermap::app {

ProgressLine::ProgressLine(std::string what, bool enabled)
    : what_(std::move(what)), enabled_(enabled && ::isatty(2)) {}

void ProgressLine::update(std::uint64_t done, std::uint64_t total) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (done < total && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const double rate = seconds > 0 ? static_cast<double>(done) / seconds : 0;
  const double left = rate > 0 ? static_cast<double>(total - done) / rate : 0;
  constexpr int kWidth = 30;
  const int filled = total ? static_cast<int>(kWidth * done / total) : kWidth;
  std::fprintf(stderr, "\r[%s%s] %llu/%llu %s  %.0f/s  ETA %.0f s ", std::string(filled, '#').c_str(),
               std::string(kWidth - filled, ' ').c_str(), static_cast<unsigned long long>(done),
               static_cast<unsigned long long>(total), what_.c_str(), rate, left);
  if (done >= total) std::fputc('\n', stderr);
}

}  // namespace covermap::app
