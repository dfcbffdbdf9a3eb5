#include "app/build_files.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "geo/error.hpp"

namespace covermap::app {

namespace fs = std::filesystem;

ProjectLock::ProjectLock(const std::string& project_path)
    : fd_(::open(project_path.c_str(), O_RDONLY | O_CLOEXEC)) {
  if (!fd_) throw InputError(project_path, std::string("cannot open: ") + std::strerror(errno));
  if (::flock(fd_.get(), LOCK_EX | LOCK_NB) != 0)
    throw InputError(project_path, "another build of this project is running", "wait for it to finish");
}

void prepare_output_folder(const std::string& output) {
  fs::path target = fs::path(output).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();  // "out/tiles/" -> "out/tiles"
  if (!target.has_parent_path()) return;
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) throw InputError(output, "cannot create its folder: " + error.message());
}

}  // namespace covermap::app
