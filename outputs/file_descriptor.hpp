#pragma once
// An owned POSIX file descriptor, and positioned reads and writes that finish what they start (pread and
// pwrite may do less).
#include <sys/stat.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace covermap::outputs {

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();

  int get() const { return fd_; }
  explicit operator bool() const { return fd_ >= 0; }
  // Closes it now, for a writer that must know the close went well (a delayed write error shows here);
  // false with errno set when it did not.
  bool close();

 private:
  int fd_;
};

// Reads `length` bytes at `offset`, retrying short and interrupted reads. False when the file ends first
// (errno 0) or a read fails (errno set); safe to call from several threads on one descriptor.
bool read_at(int fd, std::uint64_t offset, char* into, std::size_t length);

// Writes `length` bytes at `offset`, retrying short and interrupted writes. False when a write fails (errno
// set, ENOSPC when the disk is full).
bool write_at(int fd, std::uint64_t offset, const char* from, std::size_t length);

// The regular file at `path`, opened for reading, and its status; InputError naming the path when it cannot
// be opened or read, or is no regular file (`hint` then says what to give instead).
std::shared_ptr<const FileDescriptor> open_regular_file(const std::string& path, const char* hint,
                                                        struct stat& status);

}  // namespace covermap::outputs
