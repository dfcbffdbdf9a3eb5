#include "geo/file_identity.hpp"

namespace covermap::geo {

std::int64_t nanoseconds_since_epoch(const timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

FileIdentity file_identity(const struct stat& status) {
  return {status.st_dev, status.st_ino, static_cast<std::int64_t>(status.st_size),
          nanoseconds_since_epoch(status.st_mtim)};
}

std::optional<FileIdentity> file_identity(const std::string& path) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return std::nullopt;
  return file_identity(status);
}

std::optional<FileIdentity> file_identity(int fd) {
  struct stat status {};
  if (::fstat(fd, &status) != 0) return std::nullopt;
  return file_identity(status);
}

}  // namespace covermap::geo
