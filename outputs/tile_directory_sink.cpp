// Directory writer: z/x/y.<ext> files in a temporary folder beside the target, swapped into place at commit.
#include <fcntl.h>
#include <stdio.h>  // renameat2
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <system_error>
#include <unordered_set>

#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "geo/interrupt.hpp"
#include "outputs/file_descriptor.hpp"
#include "outputs/tile_sinks.hpp"

namespace covermap::outputs::detail {
namespace {

namespace fs = std::filesystem;

// An earlier output may be replaced: a folder holding tiles.json, or an empty one. Nothing else is deleted.
void check_replaceable(const fs::path& target, const std::string& path) {
  std::error_code error;
  const fs::file_status status = fs::symlink_status(target, error);
  if (!fs::exists(status)) return;
  if (!fs::is_directory(status))
    throw InputError(path, "exists and is not a folder",
                     "choose a new name, or .mbtiles / .pmtiles for an archive");
  if (fs::is_empty(target, error) || fs::is_regular_file(target / "tiles.json", error)) return;
  throw InputError(path, "the folder exists and is not an earlier tile output (no tiles.json)",
                   "choose a new folder name; covermap never deletes other folders");
}

// What runs killed before they could clean up left beside the target: a half-made folder is removed; an
// earlier output moved aside (the run was killed between the two renames of commit) is put back when the
// target is missing.
void restore_or_remove_stale(const fs::path& folder, const std::string& prefix, const fs::path& target) {
  std::error_code ignored;
  for (const fs::path& stale : geo::stale_temporaries(folder, prefix, ".tmp")) fs::remove_all(stale, ignored);
  for (const fs::path& stale : geo::stale_temporaries(folder, prefix, ".old")) {
    if (!fs::exists(fs::symlink_status(target, ignored)))
      fs::rename(stale, target, ignored);
    else
      fs::remove_all(stale, ignored);
  }
}

// A tile never comes twice (O_EXCL). Plain system calls: a tile is one write, and stdio's buffer and fstat
// would be paid again for each of tens of thousands of files.
void write_new_file(const fs::path& file_path, std::string_view bytes, const std::string& output) {
  FileDescriptor file(::open(file_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666));
  if (!file || !write_at(file.get(), 0, bytes.data(), bytes.size()) || !file.close())
    throw geo::write_error(output, errno);
}

class DirectorySink : public TileSink {
 public:
  DirectorySink(const std::string& path, TileFormat format) : path_(path), format_(format) {
    fs::path target = fs::path(path).lexically_normal();
    if (!target.has_filename()) target = target.parent_path();  // "out/" -> "out"
    if (target.empty() || target.filename() == "." || target.filename() == "..")
      throw InputError(path, "not a usable folder name for tiles", "name a new folder, e.g. tiles/");
    const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
    if (!fs::is_directory(folder))
      throw InputError(path, "the output folder does not exist", "create " + folder.string() + " first");
    const std::string prefix = "." + target.filename().string() + ".covermap-";
    restore_or_remove_stale(folder, prefix, target);
    check_replaceable(target, path_);
    target_ = target;
    const std::string stem = prefix + std::to_string(::getpid());
    temp_ = folder / (stem + ".tmp");
    old_ = folder / (stem + ".old");
    std::error_code error;
    fs::remove_all(temp_, error);
    if (!fs::create_directory(temp_, error) || error)
      throw InputError(path, "cannot create a folder beside it: " + error.message(),
                       "check the folder is writable");
  }

  ~DirectorySink() override {
    std::error_code ignored;
    if (!committed_) fs::remove_all(temp_, ignored);
  }

  bool concurrent_puts() const override { return true; }

  void put(const geo::TileId& tile, std::string_view encoded) override {
    const fs::path column = temp_ / std::to_string(tile.z) / std::to_string(tile.x);
    {
      const std::lock_guard lock(columns_mutex_);
      if (columns_.insert(column.string()).second) {
        std::error_code error;
        fs::create_directories(column, error);
        if (error) {
          columns_.erase(column.string());
          throw InputError(path_, "cannot create " + column.string() + ": " + error.message());
        }
      }
    }
    const fs::path file_path = column / (std::to_string(tile.y) + "." + tile_format_name(format_));
    write_new_file(file_path, encoded, path_);
  }

  void commit(const TileSetInfo& info) override {
    check_info(info, format_, path_);
    write_tilejson(temp_.string(), info);
    if (format_ == TileFormat::mvt) {
      nlohmann::ordered_json metadata;
      for (const auto& [name, value] : mbtiles_metadata(info)) metadata[name] = value;
      geo::write_file_atomically((temp_ / "metadata.json").string(), metadata.dump(2) + "\n");
    }
    geo::throw_if_interrupted(path_);
    check_replaceable(target_, path_);
    std::error_code error;
    const bool had_output = fs::exists(fs::symlink_status(target_, error));
    // The finished folder and the earlier output trade places in one step, so that no moment is without an
    // output, even for a process killed between two renames; the earlier output, now at temp_, goes.
    if (had_output && ::renameat2(AT_FDCWD, temp_.c_str(), AT_FDCWD, target_.c_str(), RENAME_EXCHANGE) == 0) {
      committed_ = true;
      fs::remove_all(temp_, error);
      return;
    }
    if (had_output) {  // a file system without RENAME_EXCHANGE: move the earlier output aside first
      fs::remove_all(old_, error);
      fs::rename(target_, old_, error);
      if (error) throw InputError(path_, "cannot move the earlier output aside: " + error.message());
    }
    fs::rename(temp_, target_, error);
    if (error) {
      std::error_code ignored;
      if (had_output) fs::rename(old_, target_, ignored);
      throw InputError(path_, "cannot be replaced: " + error.message(), "is it in use or read-only?");
    }
    committed_ = true;
    if (had_output) fs::remove_all(old_, error);
  }

 private:
  std::string path_;
  TileFormat format_;
  fs::path target_, temp_, old_;
  std::mutex columns_mutex_;                 // put runs on several threads
  std::unordered_set<std::string> columns_;  // created so far
  bool committed_ = false;
};

}  // namespace

std::unique_ptr<TileSink> make_directory_sink(const std::string& path, TileFormat format) {
  return std::make_unique<DirectorySink>(path, format);
}

}  // namespace covermap::outputs::detail
