#include "tests/fuzz/fuzz_input.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace covermap::fuzz {
namespace {

namespace fs = std::filesystem;

// In memory where the system has it: a file is written per input, and a busy disk stalled open() past
// libFuzzer's timeout.
fs::path scratch_root() {
  std::error_code error;
  return fs::is_directory("/dev/shm", error) ? fs::path("/dev/shm") : fs::temp_directory_path();
}

class ScratchDir {
 public:
  ScratchDir() : path_(scratch_root() / ("covermap-fuzz-" + std::to_string(::getpid()))) {
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

std::string write_input(const std::uint8_t* data, std::size_t size, const std::string& name) {
  static const ScratchDir scratch;
  const fs::path path = scratch.path() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out.flush()) throw std::runtime_error("cannot write " + path.string());
  return path.string();
}

}  // namespace covermap::fuzz
