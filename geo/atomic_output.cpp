#include "geo/atomic_output.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "geo/error.hpp"

namespace covermap::geo {

namespace fs = std::filesystem;

AtomicOutput::AtomicOutput(std::string final_path) : final_path_(std::move(final_path)) {
  const fs::path target(final_path_);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(folder))
    throw InputError(final_path_, "the output folder does not exist", "create " + folder.string() + " first");
  // The process and a count: two threads writing one target (a boundary cache entry) never share a file.
  static std::atomic<unsigned> written{0};
  const std::string name = "." + target.stem().string() + ".covermap-" + std::to_string(::getpid()) + "-" +
                           std::to_string(written++) + target.extension().string();
  temp_path_ = (folder / name).string();
  std::error_code ignored;
  fs::remove(temp_path_, ignored);
}

AtomicOutput::~AtomicOutput() {
  if (committed_) return;
  std::error_code ignored;
  fs::remove(temp_path_, ignored);
}

void AtomicOutput::commit() {
  std::error_code error;
  fs::rename(temp_path_, final_path_, error);
  if (error)
    throw InternalError(final_path_, "could not move the finished file into place: " + error.message());
  committed_ = true;
}

void write_file_atomically(const std::string& path, const std::string& text) {
  AtomicOutput output(path);
  {
    std::ofstream out(output.temp_path(), std::ios::binary);
    out << text;
    if (!out.flush()) throw InputError(path, "could not be written");
  }
  output.commit();
}

}  // namespace covermap::geo
