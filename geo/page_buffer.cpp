#include "geo/page_buffer.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <new>
#include <utility>

namespace covermap::geo {
PageBuffer::PageBuffer(std::size_t size) {
  if (size == 0) return;
  if (!reserve(size, PROT_READ | PROT_WRITE)) throw std::bad_alloc();
  // Advice only: where huge pages are off or none is free, the kernel gives ordinary pages.
  ::madvise(data_, round_up_to_huge_page(size), MADV_HUGEPAGE);
}

bool PageBuffer::reserve(std::size_t size, int protection) {
  // One huge page more than needed, so that a 2 MB boundary falls at or before the start of the last
  // `size` bytes; the pages never touched cost nothing.
  mapped_ = round_up_to_huge_page(size) + kHugePageSize;
  mapping_ = ::mmap(nullptr, mapped_, protection, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping_ == MAP_FAILED) {
    mapping_ = nullptr;
    return false;
  }
  const auto start = reinterpret_cast<std::uintptr_t>(mapping_);
  data_ = static_cast<char*>(mapping_) + (round_up_to_huge_page(start) - start);
  size_ = size;
  return true;
}

PageBuffer::PageBuffer(PageBuffer&& other) noexcept
    : mapping_(std::exchange(other.mapping_, nullptr)),
      mapped_(std::exchange(other.mapped_, 0)),
      data_(std::exchange(other.data_, nullptr)),
      size_(std::exchange(other.size_, 0)) {}

PageBuffer& PageBuffer::operator=(PageBuffer&& other) noexcept {
  if (this != &other) {
    release();
    mapping_ = std::exchange(other.mapping_, nullptr);
    mapped_ = std::exchange(other.mapped_, 0);
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

PageBuffer::~PageBuffer() {
  release();
}

void PageBuffer::release() noexcept {
  if (mapping_ != nullptr) ::munmap(mapping_, mapped_);
  mapping_ = nullptr;
}

std::optional<PageBuffer> PageBuffer::read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  std::optional<PageBuffer> buffer;
  struct stat status {};
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode)) buffer = map_file(fd, status.st_size);
  ::close(fd);  // the mapping keeps the file
  return buffer;
}

std::optional<PageBuffer> PageBuffer::map_file(int fd, std::size_t size) {
  PageBuffer buffer;
  if (size == 0) return buffer;
  // Address space reserved as for a buffer made, then the file mapped over its 2 MB-aligned start.
  if (!buffer.reserve(size, PROT_NONE)) return std::nullopt;
  // Private: a write into the buffer copies the page and never reaches the file. Populated read-only, then
  // made writable: the pages are all mapped now, in one call, not faulted in one by one as tiles are drawn,
  // and not copied (populating a writable private mapping copies every page, as a write would).
  if (::mmap(buffer.data_, size, PROT_READ, MAP_PRIVATE | MAP_FIXED | MAP_POPULATE, fd, 0) == MAP_FAILED ||
      ::mprotect(buffer.data_, size, PROT_READ | PROT_WRITE) != 0)
    return std::nullopt;  // the reservation is let go with the buffer
  return buffer;
}

}  // namespace covermap::geo
