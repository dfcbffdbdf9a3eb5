#include "outputs/spill_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "geo/error.hpp"

namespace covermap::outputs {

SpillFile::SpillFile(const std::string& scratch_path, std::string output_path)
    : output_path_(std::move(output_path)),
      fd_(::open(scratch_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) {
  if (!fd_)
    throw InputError(output_path_, std::string("cannot write there: ") + std::strerror(errno),
                     "check the folder exists and is writable");
  ::unlink(scratch_path.c_str());
}

std::uint64_t SpillFile::append(std::string_view bytes) {
  const std::uint64_t offset = end_;
  if (!write_at(fd_.get(), offset, bytes.data(), bytes.size()))
    throw InputError(output_path_,
                     std::string("cannot write its scratch file beside it: ") + std::strerror(errno),
                     "is the disk full?");
  end_ += bytes.size();
  return offset;
}

void SpillFile::read(std::uint64_t offset, char* into, std::size_t length) const {
  if (offset > end_ || length > end_ - offset)
    throw InternalError(output_path_, "a read past the end of its scratch file");
  if (!read_at(fd_.get(), offset, into, length))
    throw InternalError(output_path_, std::string("cannot read its scratch file: ") +
                                          (errno ? std::strerror(errno) : "the file ended"));
}

void SpillFile::clear() {
  if (::ftruncate(fd_.get(), 0) != 0)
    throw InputError(output_path_, std::string("cannot reuse its scratch file: ") + std::strerror(errno));
  end_ = 0;
}

}  // namespace covermap::outputs
