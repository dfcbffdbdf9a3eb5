#pragma once
// Memory for a large record made or read whole (a zoom's prepared tile geometry, ~30 MB at z8), aligned to
// 2 MB: one made is anonymous memory advised for transparent huge pages; one read is the file mapped. Filling
// 32 MB of ordinary fresh pages takes 8,000 page faults, and on the virtual machines covermap runs on a fault
// costs ~10 us: a third of a warm tile run went to them. In huge pages the same bytes take a few dozen.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace covermap::geo {

// A transparent huge page (x86-64 and arm64 with 4 KB base pages): what PageBuffer and the heap align to.
inline constexpr std::size_t kHugePageSize = std::size_t{2} << 20;

constexpr std::size_t round_up_to_huge_page(std::size_t bytes) {
  return (bytes + kHugePageSize - 1) / kHugePageSize * kHugePageSize;
}

class PageBuffer {
 public:
  PageBuffer() = default;
  // `size` bytes, zero until written; throws std::bad_alloc when the memory cannot be mapped.
  explicit PageBuffer(std::size_t size);
  PageBuffer(PageBuffer&& other) noexcept;
  PageBuffer& operator=(PageBuffer&& other) noexcept;
  PageBuffer(const PageBuffer&) = delete;
  PageBuffer& operator=(const PageBuffer&) = delete;
  ~PageBuffer();

  // The whole file at `path`, mapped privately from the page cache (a cache entry, replaced by rename and
  // never rewritten in place); nothing when it cannot be opened or mapped. Not read into fresh pages: on the
  // virtual machines covermap runs on, memory a process has not touched before comes from the host at ~3 us
  // per 4 KB page, and copying a warm run's zooms (94 MB at z0-8) into it kept the main thread busy for a
  // fifth of a second. Writes to the buffer stay in it; the file is never changed.
  static std::optional<PageBuffer> read_file(const std::string& path);

  char* data() { return data_; }
  const char* data() const { return data_; }
  std::size_t size() const { return size_; }
  std::string_view view() const { return {data_, size_}; }

 private:
  static std::optional<PageBuffer> map_file(int fd, std::size_t size);
  // Maps `size` bytes (and a huge page more) of anonymous memory and points data_ at its first 2 MB boundary.
  bool reserve(std::size_t size, int protection);
  void release() noexcept;

  void* mapping_ = nullptr;  // what munmap takes back: data_ lies inside, on a 2 MB boundary
  std::size_t mapped_ = 0;
  char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace covermap::geo
