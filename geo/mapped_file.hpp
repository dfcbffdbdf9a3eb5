#pragma once
// A file's bytes mapped read-only into memory. For cache entries, which are replaced by rename and never
// rewritten in place, so a mapping cannot see them shrink. Reading the 33 MB boundaries of China's counties
// this way saves the copy into a buffer and the faults of fresh pages under it: a third of their read.
#include <cstddef>
#include <string>
#include <string_view>

namespace covermap::geo {

class MappedFile {
 public:
  // The file at `path`, or an empty mapping (ok() false) when it cannot be opened or mapped.
  explicit MappedFile(const std::string& path);
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  bool ok() const { return ok_; }
  std::string_view bytes() const { return {static_cast<const char*>(data_), size_}; }

 private:
  void* data_ = nullptr;
  std::size_t size_ = 0;
  bool ok_ = false;
};

}  // namespace covermap::geo
