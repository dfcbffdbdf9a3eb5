#include "geo/page_buffer.hpp"

#include <sys/mman.h>

#include <cstdint>
#include <fstream>
#include <new>
#include <utility>

namespace covermap::geo {
PageBuffer::PageBuffer(std::size_t size) : size_(size) {
  if (size == 0) return;
  // One huge page more than needed, so that a 2 MB boundary falls at or before the start of the last
  // `size` bytes; the pages never touched cost nothing.
  mapped_ = round_up_to_huge_page(size) + kHugePageSize;
  mapping_ = ::mmap(nullptr, mapped_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapping_ == MAP_FAILED) {
    mapping_ = nullptr;
    throw std::bad_alloc();
  }
  const auto start = reinterpret_cast<std::uintptr_t>(mapping_);
  data_ = static_cast<char*>(mapping_) + (round_up_to_huge_page(start) - start);
  // Advice only: where huge pages are off or none is free, the kernel gives ordinary pages.
  ::madvise(data_, round_up_to_huge_page(size), MADV_HUGEPAGE);
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
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  PageBuffer buffer(static_cast<std::size_t>(size));
  // A read this large goes from the file straight into the buffer, past the stream's own.
  in.seekg(0);
  if (size > 0 && !in.read(buffer.data(), size)) return std::nullopt;
  return buffer;
}

}  // namespace covermap::geo
