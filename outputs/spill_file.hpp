#pragma once
// Scratch space on disk for what an output cannot keep in memory (buffered tiles, sorted runs of records,
// directories being built): a file beside the output, removed from its folder as soon as it is open, so that
// nothing is left behind even by a killed run, and read back by offset.
#include <cstdint>
#include <string>
#include <string_view>

#include "outputs/file_descriptor.hpp"

namespace covermap::outputs {

class SpillFile {
 public:
  // InputError naming `output_path` (the output the user named) when `scratch_path` cannot be created.
  SpillFile(const std::string& scratch_path, std::string output_path);
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  // Appends `bytes` at the end; returns where they start. InputError naming the output when the disk is full.
  std::uint64_t append(std::string_view bytes);
  // `length` bytes at `offset`, which must have been appended; InternalError if they cannot be read.
  void read(std::uint64_t offset, char* into, std::size_t length) const;
  std::uint64_t size() const { return end_; }
  // Empties the file, giving its disk space back.
  void clear();

  const std::string& output_path() const { return output_path_; }

 private:
  std::string output_path_;
  FileDescriptor fd_;
  std::uint64_t end_ = 0;
};

}  // namespace covermap::outputs
