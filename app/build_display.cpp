#include "app/build_display.hpp"

#include <sys/ioctl.h>

#include <cstdio>

#include "geo/utf8.hpp"
#include "styles/classify.hpp"

namespace covermap::app {
namespace {

constexpr auto kRedrawEvery = std::chrono::milliseconds(200);
constexpr int kBarWidth = 20;

}  // namespace

BuildDisplay::BuildDisplay(bool live) : live_(live) {
  winsize size{};
  if (live_ && ::ioctl(2, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) columns_ = size.ws_col;
}

BuildDisplay::~BuildDisplay() {
  const std::lock_guard lock(mutex_);
  erase();
}

int BuildDisplay::start(const std::string& what) {
  const std::lock_guard lock(mutex_);
  lines_.push_back({what, 0, 0, std::chrono::steady_clock::now(), true});
  erase();
  redraw();
  return static_cast<int>(lines_.size()) - 1;
}

void BuildDisplay::progress(int line, std::uint64_t done, std::uint64_t total) {
  const std::lock_guard lock(mutex_);
  Live& live = lines_[static_cast<std::size_t>(line)];
  live.done = done;
  live.total = total;
  const auto now = std::chrono::steady_clock::now();
  if (!live_ || now - last_draw_ < kRedrawEvery) return;
  erase();
  redraw();
}

void BuildDisplay::finish(int line, const std::string& final_line) {
  const std::lock_guard lock(mutex_);
  lines_[static_cast<std::size_t>(line)].active = false;
  erase();
  std::fputs((final_line + "\n").c_str(), stdout);
  std::fflush(stdout);
  redraw();
}

void BuildDisplay::print(const std::string& text, bool error) {
  const std::lock_guard lock(mutex_);
  erase();
  std::fputs((text + "\n").c_str(), error ? stderr : stdout);
  std::fflush(error ? stderr : stdout);
  redraw();
}

void BuildDisplay::erase() {
  if (!live_ || drawn_ == 0) return;
  std::fprintf(stderr, "\x1b[%dA\r\x1b[J", drawn_);
  std::fflush(stderr);
  drawn_ = 0;
}

void BuildDisplay::redraw() {
  if (!live_) return;
  last_draw_ = std::chrono::steady_clock::now();
  for (const Live& live : lines_) {
    if (!live.active) continue;
    // A live line wider than the terminal would wrap, and erase() would miss a row: it is cut, between
    // characters, one column short of the edge (a CJK name takes two columns a character).
    const std::string text = describe(live);
    std::fputs((std::string(geo::utf8::fit_width(text, columns_ - 1)) + "\n").c_str(), stderr);
    ++drawn_;
  }
  std::fflush(stderr);
}

std::string BuildDisplay::describe(const Live& live) const {
  std::string text = "  building " + live.what;
  if (live.total == 0) return text;
  const int filled = static_cast<int>(kBarWidth * live.done / live.total);
  text += "  [" + std::string(filled, '#') + std::string(kBarWidth - filled, ' ') + "] " +
          styles::format_count(live.done) + "/" + styles::format_count(live.total) + " tiles";
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - live.started).count();
  if (live.done > 0 && live.done < live.total)
    text += "  ETA " +
            std::to_string(static_cast<long>(seconds * static_cast<double>(live.total - live.done) /
                                             static_cast<double>(live.done))) +
            " s";
  return text;
}

}  // namespace covermap::app
