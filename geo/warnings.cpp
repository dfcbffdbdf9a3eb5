#include "geo/warnings.hpp"

#include <iostream>
#include <mutex>
#include <set>

namespace covermap {
namespace {

std::mutex& sink_mutex() {
  static std::mutex mutex;
  return mutex;
}

WarningSink& current_sink() {
  static WarningSink sink;
  return sink;
}

}  // namespace

WarningSink set_warning_sink(WarningSink sink) {
  const std::lock_guard lock(sink_mutex());
  WarningSink previous = std::move(current_sink());
  current_sink() = std::move(sink);
  return previous;
}

void warn(const std::string& message) {
  const std::lock_guard lock(sink_mutex());
  if (current_sink())
    current_sink()(message);
  else
    std::cerr << "warning: " << message << "\n";
}

void warn_once(const std::string& key, const std::string& message) {
  static std::mutex mutex;
  static std::set<std::string> said;
  {
    const std::lock_guard lock(mutex);
    if (!said.insert(key).second) return;
  }
  warn(message);
}

}  // namespace covermap
