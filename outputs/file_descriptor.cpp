#include "outputs/file_descriptor.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "geo/error.hpp"

namespace covermap::outputs {

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

bool FileDescriptor::close() {
  const int fd = fd_;
  fd_ = -1;
  return fd < 0 || ::close(fd) == 0;
}

bool read_at(int fd, std::uint64_t offset, char* into, std::size_t length) {
  std::size_t done = 0;
  while (done < length) {
    const ssize_t n = ::pread(fd, into + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = 0;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

bool write_at(int fd, std::uint64_t offset, const char* from, std::size_t length) {
  std::size_t done = 0;
  while (done < length) {
    const ssize_t n = ::pwrite(fd, from + done, length - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      if (n == 0) errno = ENOSPC;
      return false;
    }
    done += static_cast<std::size_t>(n);
  }
  return true;
}

std::shared_ptr<const FileDescriptor> open_regular_file(const std::string& path, const char* hint,
                                                        struct stat& status) {
  auto file = std::make_shared<const FileDescriptor>(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (!*file) throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
  if (::fstat(file->get(), &status) != 0)
    throw InputError(path, std::string("cannot read: ") + std::strerror(errno));
  if (!S_ISREG(status.st_mode)) throw InputError(path, "not a file", hint);
  return file;
}

}  // namespace covermap::outputs
