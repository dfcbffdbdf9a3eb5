#include "geo/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace covermap::geo {

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  struct stat status {};
  if (::fstat(fd, &status) == 0 && S_ISREG(status.st_mode)) {
    size_ = static_cast<std::size_t>(status.st_size);
    if (size_ == 0) {
      ok_ = true;  // nothing to map
    } else if (void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0); data != MAP_FAILED) {
      data_ = data;
      ok_ = true;
    } else {
      size_ = 0;
    }
  }
  ::close(fd);  // the mapping keeps the file
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

}  // namespace covermap::geo
