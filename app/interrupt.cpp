#include "app/interrupt.hpp"

#include <csignal>

namespace covermap::app {
namespace {

volatile std::sig_atomic_t signalled = 0;
struct sigaction previous_int {
}, previous_term{};

void on_signal(int) {
  signalled = 1;
}

}  // namespace

InterruptHandler::InterruptHandler() {
  signalled = 0;
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  // Once only, so a second signal ends the process; no SA_RESTART, so a wait (--watch) wakes up.
  action.sa_flags = SA_RESETHAND;
  sigaction(SIGINT, &action, &previous_int);
  sigaction(SIGTERM, &action, &previous_term);
}

InterruptHandler::~InterruptHandler() {
  sigaction(SIGINT, &previous_int, nullptr);
  sigaction(SIGTERM, &previous_term, nullptr);
}

bool InterruptHandler::requested() {
  return signalled != 0;
}

}  // namespace covermap::app
