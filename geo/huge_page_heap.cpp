#include "geo/huge_page_heap.hpp"

#include <malloc.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>

#include "geo/page_buffer.hpp"

namespace covermap::geo {
namespace {

// What the heap grows by at once: it reserves address space only; pages are made when first touched.
constexpr int kHeapStep = 256 << 20;

}  // namespace

void use_huge_page_heap() {
  // Blocks up to 32 MB from the heap, not each mapped on its own (and faulted in afresh); the heap never
  // trimmed, so what was advised stays so. Worker threads keep their own arenas (in ordinary pages): with one
  // arena for all, GEOS repairing units on two threads waited on its lock (a first load of the county layer
  // took 0.16 s longer), and warm tile runs were no faster.
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  mallopt(M_TOP_PAD, kHeapStep);
  // Make the heap grow now by the step (a block larger than what is left of its top), then advise what it
  // spans.
  void* const start = sbrk(0);
  void* volatile block = std::malloc(1 << 20);  // volatile: the compiler may not drop the pair
  std::free(block);
  void* const end = sbrk(0);
  const auto begin = round_up_to_huge_page(reinterpret_cast<std::uintptr_t>(start));
  const auto finish = reinterpret_cast<std::uintptr_t>(end) / kHugePageSize * kHugePageSize;
  // The range as pointers into the heap (start moved on), not integers made into pointers.
  if (finish > begin)
    madvise(static_cast<char*>(start) + (begin - reinterpret_cast<std::uintptr_t>(start)), finish - begin,
            MADV_HUGEPAGE);
}

}  // namespace covermap::geo
