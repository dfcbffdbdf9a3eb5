#include "app/build_files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <regex>

#include "geo/error.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;

bool process_runs(long pid) {
  return pid == ::getpid() || ::kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH;
}

std::string escaped(const std::string& text) {
  static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
  return std::regex_replace(text, special, R"(\$&)");
}

}  // namespace

ProjectLock::ProjectLock(const std::string& project_path)
    : fd_(::open(project_path.c_str(), O_RDONLY | O_CLOEXEC)) {
  if (!fd_) throw InputError(project_path, std::string("cannot open: ") + std::strerror(errno));
  if (::flock(fd_.get(), LOCK_EX | LOCK_NB) != 0)
    throw InputError(project_path, "another build of this project is running", "wait for it to finish");
}

void prepare_output_folder(const std::string& output) {
  fs::path target = fs::path(output).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/tiles/" -> "out/tiles"
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) throw InputError(output, "cannot create its folder: " + error.message());
  // geo::AtomicOutput writes `.STEM.covermap-PID-N.EXT`, the tile folder `.NAME.covermap-PID.tmp`, a
  // TileJSON `.NAME.covermap-PID-N.json`.
  const std::string name = target.filename().string(), stem = target.stem().string();
  const std::regex temporary("\\.(" + escaped(name) + "|" + escaped(stem) +
                             ")\\.covermap-([0-9]{1,9})(-[0-9]+)?\\..*");
  for (const auto& entry : fs::directory_iterator(folder, error)) {
    std::smatch match;
    const std::string entry_name = entry.path().filename().string();
    if (!std::regex_match(entry_name, match, temporary) || process_runs(std::stol(match[2]))) continue;
    fs::remove_all(entry.path(), error);
  }
}

}  // namespace covermap::app
