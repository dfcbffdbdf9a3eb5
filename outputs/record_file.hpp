#pragma once
// Fixed-size records in a SpillFile: appended through a buffer of a set size, and read back in order over any
// range of them through another, so that memory stays what the caller allows however many records there are.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "outputs/spill_file.hpp"

namespace covermap::outputs {

template <typename Record>
class RecordFile {
  static_assert(std::is_trivially_copyable_v<Record>, "records are written as their bytes");

 public:
  // Holds up to `buffer_records` records in memory before writing them out.
  RecordFile(const std::string& scratch_path, const std::string& output_path, std::size_t buffer_records)
      : file_(scratch_path, output_path), capacity_(std::max<std::size_t>(1, buffer_records)) {}

  void append(const Record& record) {
    if (buffer_.empty()) buffer_.reserve(capacity_);
    buffer_.push_back(record);
    ++count_;
    if (buffer_.size() == capacity_) flush();
  }

  // Records appended so far, written out or not.
  std::uint64_t size() const { return count_; }

  // Forgets every record, giving their disk space back.
  void clear() {
    buffer_.clear();
    file_.clear();
    count_ = 0;
  }

  class Reader {
   public:
    // The next record of the range into `record`; false past its end.
    bool next(Record& record) {
      if (position_ == buffer_.size()) {
        if (next_ == end_) return false;
        const std::uint64_t count = std::min<std::uint64_t>(end_ - next_, capacity_);
        buffer_.resize(count);
        file_->read(next_ * sizeof(Record), reinterpret_cast<char*>(buffer_.data()), count * sizeof(Record));
        next_ += count;
        position_ = 0;
      }
      record = buffer_[position_++];
      return true;
    }

   private:
    friend class RecordFile;
    Reader(const SpillFile& file, std::uint64_t begin, std::uint64_t end, std::size_t buffer_records)
        : file_(&file), next_(begin), end_(end), capacity_(std::max<std::size_t>(1, buffer_records)) {}

    const SpillFile* file_;
    std::uint64_t next_, end_;
    std::size_t capacity_;
    std::vector<Record> buffer_;
    std::size_t position_ = 0;
  };

  // Records [begin, end) in order, `buffer_records` at a time. The records appended before are written out
  // first; appending more while reading is allowed.
  Reader read(std::uint64_t begin, std::uint64_t end, std::size_t buffer_records) {
    flush();
    return Reader(file_, begin, std::min(end, count_), buffer_records);
  }

 private:
  void flush() {
    if (buffer_.empty()) return;
    file_.append(
        std::string_view(reinterpret_cast<const char*>(buffer_.data()), buffer_.size() * sizeof(Record)));
    buffer_.clear();
  }

  SpillFile file_;
  std::size_t capacity_;
  std::vector<Record> buffer_;
  std::uint64_t count_ = 0;
};

}  // namespace covermap::outputs
