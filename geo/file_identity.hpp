#pragma once
// Which file a path named when it was looked at: device, inode, size and modification time. A file renamed
// over the path is a new identity, as is one written in place (its size or time moves).
#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>

namespace covermap::geo {

struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  std::int64_t size = 0;
  std::int64_t modified_ns = 0;
  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

std::int64_t nanoseconds_since_epoch(const timespec& time);
FileIdentity file_identity(const struct stat& status);
// What `path` (or the open `fd`) names now; nullopt when nothing is there.
std::optional<FileIdentity> file_identity(const std::string& path);
std::optional<FileIdentity> file_identity(int fd);

}  // namespace covermap::geo
