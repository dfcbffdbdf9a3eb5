#include "app/build_watch.hpp"

#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <map>
#include <set>

#include "geo/error.hpp"
#include "geo/interrupt.hpp"
#include "outputs/file_descriptor.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;

// How often a wait looks at the interrupt flag.
constexpr int kPollMs = 200;

constexpr std::uint32_t kChanges =
    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB;

}  // namespace

InputWatcher::InputWatcher(const std::vector<std::string>& files)
    : fd_(::inotify_init1(IN_CLOEXEC | IN_NONBLOCK)) {
  if (!fd_) throw InternalError("inotify", std::strerror(errno));
  std::map<std::string, std::set<std::string>> names_in;
  for (const std::string& file : files) {
    const fs::path path = fs::absolute(file).lexically_normal();
    names_in[path.parent_path().string()].insert(path.filename().string());
  }
  for (auto& [folder, names] : names_in) {
    const int wd = ::inotify_add_watch(fd_.get(), folder.c_str(), kChanges);
    if (wd < 0) throw InputError(folder, std::string("cannot be watched: ") + std::strerror(errno));
    names_of_[wd] = std::move(names);
  }
}

bool InputWatcher::drain() {
  bool touched = false;
  alignas(inotify_event) char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(fd_.get(), buffer, sizeof buffer);
    if (n <= 0) return touched;
    for (ssize_t at = 0; at < n;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer + at);
      const auto it = names_of_.find(event->wd);
      if (event->len > 0 && it != names_of_.end() && it->second.count(event->name)) touched = true;
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
    }
  }
}

bool InputWatcher::wait(int ms) {
  pollfd poll_fd{fd_.get(), POLLIN, 0};
  const int ready = ::poll(&poll_fd, 1, ms);
  return !(geo::interrupt_signal() != 0 || (ready < 0 && errno != EINTR));
}

bool InputWatcher::wait_for_change(std::chrono::milliseconds quiet) {
  while (!drain())
    if (!wait(kPollMs)) return false;
  auto last_change = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - last_change < quiet) {
    if (!wait(kPollMs)) return false;
    if (drain()) last_change = std::chrono::steady_clock::now();
  }
  return true;
}

}  // namespace covermap::app
