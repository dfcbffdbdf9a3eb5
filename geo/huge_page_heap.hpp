#pragma once
// Transparent huge pages for malloc's heap. A warm tile run fills ~50 MB of fresh heap in its first 0.2 s
// (the boundaries' rings, decoded from the cache); in 4 KB pages that is 12,000 page faults, and on the
// virtual machines covermap runs on a fault costs ~10 us. glibc does this itself under
// GLIBC_TUNABLES=glibc.malloc.hugetlb=1, which only a process's environment can set.
namespace covermap::geo {

// Call first thing in main(), before any thread starts: the main thread's heap is then grown in large steps,
// never trimmed, and advised for huge pages (where the kernel gives them: THP "madvise" or "always").
// Harmless where they are off, and under a sanitizer's allocator.
void use_huge_page_heap();

}  // namespace covermap::geo
