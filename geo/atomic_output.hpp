#pragma once
// Writes go to a temporary file beside the target and are renamed over it only when complete, so a failed run
// never leaves a half-written file nor destroys the user's earlier output.
#include <string>

namespace covermap::geo {

class AtomicOutput {
 public:
  explicit AtomicOutput(std::string final_path);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();  // removes the temporary file unless committed

  // Same folder and extension as the target, so drivers that look at the extension behave.
  const std::string& temp_path() const { return temp_path_; }
  const std::string& final_path() const { return final_path_; }
  void commit();

 private:
  std::string final_path_;
  std::string temp_path_;
  bool committed_ = false;
};

// Writes `text` to `path` through an AtomicOutput; InputError naming the path if it cannot.
void write_file_atomically(const std::string& path, const std::string& text);

}  // namespace covermap::geo
