#pragma once
// Sorting more fixed-size records than memory may hold (an external merge sort): records are sorted in memory
// a budget's worth at a time, each sorted run is spilled to a scratch file beside the output, and the runs
// are merged, a bounded number at a time, into one ordered stream. Memory stays near the budget whatever the
// number of records; when they all fit, nothing touches the disk.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "outputs/record_file.hpp"

namespace covermap::outputs {

template <typename Record, typename Less>
class ExternalSort {
 public:
  // Runs merged at once at most; more runs are first merged into fewer, in passes.
  static constexpr std::size_t kMaxFanIn = 64;
  // The least memory worth giving each run's read buffer when choosing how many runs to merge at once.
  static constexpr std::size_t kMinReadBytes = 16384;

  // Keeps up to `memory_bytes` of records in memory; its runs go to `scratch_path` (opened when first needed
  // and unlinked at once), whose failures name `output_path`.
  ExternalSort(std::string scratch_path, std::string output_path, std::size_t memory_bytes, Less less = {})
      : scratch_path_(std::move(scratch_path)),
        output_path_(std::move(output_path)),
        memory_bytes_(memory_bytes),
        capacity_(std::max<std::size_t>(2, memory_bytes / sizeof(Record))),
        less_(std::move(less)) {}

  void add(const Record& record) {
    if (buffer_.empty()) buffer_.reserve(capacity_);
    buffer_.push_back(record);
    if (buffer_.size() == capacity_) spill();
  }

  // Sorted runs spilled to disk so far (0 while everything fits in memory), merge passes not counted.
  std::uint64_t spilled_runs() const { return spilled_runs_; }

  // Calls `visit` with every record added, in order (records equal under Less in an order fixed by the order
  // they were added in). Call once, after the last add; the memory and scratch file are given back after.
  template <typename Visit>
  void drain(Visit&& visit) {
    if (runs_.empty()) {
      std::sort(buffer_.begin(), buffer_.end(), less_);
      for (const Record& record : buffer_) visit(record);
      buffer_ = {};
      return;
    }
    spill();
    buffer_ = {};
    const std::size_t fan_in = std::clamp<std::size_t>(memory_bytes_ / kMinReadBytes, 2, kMaxFanIn);
    // Each pass merges the oldest runs into one more at the end, until few enough are left to merge at once.
    std::size_t first = 0;
    while (runs_.size() - first > fan_in) {
      const std::uint64_t begin = file_->size();
      merge(first, first + fan_in, fan_in + 1, [&](const Record& record) { file_->append(record); });
      runs_.emplace_back(begin, file_->size());
      first += fan_in;
    }
    merge(first, runs_.size(), runs_.size() - first, visit);
    runs_.clear();
    file_.reset();
  }

 private:
  using Run = std::pair<std::uint64_t, std::uint64_t>;  // record range in file_

  void spill() {
    if (buffer_.empty()) return;
    std::sort(buffer_.begin(), buffer_.end(), less_);
    if (!file_) file_.emplace(scratch_path_, output_path_, capacity_ / 4 + 1);
    const std::uint64_t begin = file_->size();
    for (const Record& record : buffer_) file_->append(record);
    runs_.emplace_back(begin, file_->size());
    ++spilled_runs_;
    buffer_.clear();
  }

  // Merges runs [first, last) into `visit`, sharing the memory budget among `buffers` read buffers.
  template <typename Visit>
  void merge(std::size_t first, std::size_t last, std::size_t buffers, Visit&& visit) {
    const std::size_t buffer_records = std::max<std::size_t>(1, capacity_ / buffers);
    std::vector<typename RecordFile<Record>::Reader> readers;
    std::vector<Record> heads(last - first);
    std::vector<std::size_t> heap;  // indices into readers, the least head on top
    for (std::size_t run = first; run < last; ++run) {
      readers.push_back(file_->read(runs_[run].first, runs_[run].second, buffer_records));
      if (readers.back().next(heads[run - first])) heap.push_back(run - first);
    }
    // Ties go to the run made first, so the order of equal records depends only on the order of the adds.
    const auto after = [&](std::size_t a, std::size_t b) {
      if (less_(heads[b], heads[a])) return true;
      return !less_(heads[a], heads[b]) && b < a;
    };
    std::make_heap(heap.begin(), heap.end(), after);
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), after);
      const std::size_t least = heap.back();
      visit(heads[least]);
      if (readers[least].next(heads[least]))
        std::push_heap(heap.begin(), heap.end(), after);
      else
        heap.pop_back();
    }
  }

  std::string scratch_path_, output_path_;
  std::size_t memory_bytes_, capacity_;
  Less less_;
  std::vector<Record> buffer_;
  std::optional<RecordFile<Record>> file_;
  std::vector<Run> runs_;
  std::uint64_t spilled_runs_ = 0;
};

}  // namespace covermap::outputs
