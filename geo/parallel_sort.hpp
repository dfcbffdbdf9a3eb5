#pragma once
// Sorts on up to `threads` threads: each sorts a contiguous share, then the shares are merged in place. For
// a strict total order (no two elements equal) the result is the one std::sort gives, on any number of
// threads.
#include <algorithm>
#include <cstddef>
#include <iterator>

#include "geo/parallel_for.hpp"

namespace covermap::geo {

template <typename Iterator, typename Less>
void parallel_sort(Iterator first, Iterator last, int threads, const Less& less) {
  const auto count = static_cast<std::size_t>(std::distance(first, last));
  // Below this a thread costs more than it saves.
  constexpr std::size_t kSmallest = std::size_t{1} << 16;
  const std::size_t shares = count < kSmallest ? 1 : std::clamp<std::size_t>(threads, 1, 8);
  const auto at = [&](std::size_t share) {
    return first + static_cast<std::ptrdiff_t>(count * share / shares);
  };
  parallel_for(shares, static_cast<int>(shares), [&](std::size_t begin, std::size_t end) {
    for (std::size_t share = begin; share < end; ++share) std::sort(at(share), at(share + 1), less);
  });
  for (std::size_t share = 1; share < shares; ++share)
    std::inplace_merge(first, at(share), at(share + 1), less);
}

}  // namespace covermap::geo
