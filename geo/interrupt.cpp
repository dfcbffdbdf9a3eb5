#include "geo/interrupt.hpp"

#include <atomic>
#include <csignal>

namespace covermap::geo {
namespace {

std::atomic<int> received{0};
static_assert(std::atomic<int>::is_always_lock_free, "set from a signal handler");

void on_signal(int signal) {
  received.store(signal);
}

}  // namespace

Interrupted::Interrupted(const std::string& where, int signal)
    : Error(where, "interrupted; nothing was written", "run it again"), signal_(signal) {}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESETHAND;  // a second signal: the default, an immediate end
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

int interrupt_signal() {
  return received.load();
}

void throw_if_interrupted(const std::string& where) {
  if (const int signal = received.load()) throw Interrupted(where, signal);
}

}  // namespace covermap::geo
