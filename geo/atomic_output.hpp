#pragma once
// Writes go to a temporary file beside the target and are renamed over it only when complete, so a failed or
// interrupted run never leaves a half-written file nor destroys the user's earlier output.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "geo/error.hpp"

namespace covermap::geo {

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};
using FilePtr = std::unique_ptr<std::FILE, FileCloser>;

class AtomicOutput {
 public:
  // Throws InputError when the target's folder does not exist or the target is a folder. Removes what runs
  // that were killed before they could clean up left beside the target.
  explicit AtomicOutput(std::string final_path);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();  // removes the temporary file unless committed

  // Same folder and extension as the target, so drivers that look at the extension behave.
  const std::string& temp_path() const { return temp_path_; }
  const std::string& final_path() const { return final_path_; }
  // Renames the temporary file over the target, unless the run was interrupted (geo/interrupt.hpp).
  void commit();
  // Renames it even after Ctrl-C: for records of what a stopping run did, which must still be written.
  void commit_even_if_interrupted();

 private:
  std::string final_path_;
  std::string temp_path_;
  bool committed_ = false;
};

// The temporaries named "<prefix><pid><suffix>" (or "<prefix><pid>-<count><suffix>") in `folder` whose
// process no longer runs: what a run killed before it could clean up left behind.
std::vector<std::filesystem::path> stale_temporaries(const std::filesystem::path& folder,
                                                     const std::string& prefix, const std::string& suffix);

// The error for a write to `path` (the output the user named) that failed with `error_number` (errno):
// exit 2, with the OS's reason ("No space left on device", "File too large", "Permission denied").
InputError write_error(const std::string& path, int error_number);

// Writes `bytes` to `file`, created or truncated; a failure is write_error naming `path`.
void write_whole_file(const std::string& file, std::string_view bytes, const std::string& path);

// Writes `text` to `path` through an AtomicOutput; InputError naming the path if it cannot.
void write_file_atomically(const std::string& path, const std::string& text);
// The same, also after Ctrl-C (commit_even_if_interrupted): a build's state file and report.
void write_record_atomically(const std::string& path, const std::string& text);

}  // namespace covermap::geo
