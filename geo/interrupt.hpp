#pragma once
// Ctrl-C (SIGINT) and SIGTERM: the handlers only record the request. Long loops and every commit of an
// output check it, so an interrupted run stops promptly, removes its temporary files and replaces no output.
// A second signal ends the process at once (the next run removes what it left).
#include <string>

#include "geo/error.hpp"

namespace covermap::geo {

// Thrown where a run notices the request; app/ exits with 128 + the signal, as shells expect.
class Interrupted : public Error {
 public:
  Interrupted(const std::string& where, int signal);
  int signal() const { return signal_; }

 private:
  int signal_;
};

// Installs the handlers; app/ calls it once (library code never takes over signals).
void install_interrupt_handlers();

// The signal received, or 0 when none has been.
int interrupt_signal();

// Throws Interrupted naming `where` (the output) when a signal has been received.
void throw_if_interrupted(const std::string& where);

}  // namespace covermap::geo
