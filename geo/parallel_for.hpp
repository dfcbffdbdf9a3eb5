#pragma once
// Splits [0, count) into `threads` contiguous chunks and runs fn(begin, end) on each, the calling thread
// taking the first; returns when all are done, rethrowing the first exception. Results written by index stay
// in order, so they do not depend on the number of threads.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace covermap::geo {

template <typename Fn>
void parallel_for(std::size_t count, int threads, const Fn& fn) {
  const std::size_t chunks = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1,
                                                     std::max<std::size_t>(count, 1));
  if (chunks == 1) {
    fn(std::size_t{0}, count);
    return;
  }
  std::vector<std::exception_ptr> errors(chunks);
  const auto run = [&](std::size_t chunk) {
    try {
      fn(count * chunk / chunks, count * (chunk + 1) / chunks);
    } catch (...) {
      errors[chunk] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> workers;
    for (std::size_t chunk = 1; chunk < chunks; ++chunk) workers.emplace_back(run, chunk);
    run(0);
  }
  for (const auto& error : errors)
    if (error) std::rethrow_exception(error);
}

}  // namespace covermap::geo
