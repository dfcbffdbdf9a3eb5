#include "geo/file_hash_memo.hpp"

#include <sys/stat.h>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "geo/binary_record.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"

namespace covermap::geo {
namespace {

constexpr std::string_view kFormat = "covermap-file-hash-1\n";

// What changes when the file's bytes may have: device, inode, size, modification and change times (ns).
using Identity = std::array<std::int64_t, 5>;

std::int64_t nanoseconds(const timespec& time) {
  return static_cast<std::int64_t>(time.tv_sec) * 1'000'000'000 + time.tv_nsec;
}

std::optional<Identity> identity_of(const std::string& file) {
  struct stat status {};
  if (::stat(file.c_str(), &status) != 0) return std::nullopt;
  return Identity{static_cast<std::int64_t>(status.st_dev), static_cast<std::int64_t>(status.st_ino),
                  static_cast<std::int64_t>(status.st_size), nanoseconds(status.st_mtim),
                  nanoseconds(status.st_ctim)};
}

// One memo per file, named by its absolute path.
std::string memo_path(const std::string& cache_directory, const std::string& file) {
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(file, error).lexically_normal();
  ContentHash name;
  name.add(error ? file : absolute.string());
  return cache_directory + "/file-hash-" + name.hex() + ".bin";
}

std::optional<std::string> recorded_hash(const std::string& path, const Identity& identity) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  const std::string memo = bytes.str();
  if (memo.substr(0, kFormat.size()) != kFormat) return std::nullopt;
  BinaryReader reader(std::string_view(memo).substr(kFormat.size()));
  const auto recorded = reader.value<Identity>();
  std::string hash = reader.text();
  if (!reader.ok() || !reader.at_end() || recorded != identity || hash.size() != 32) return std::nullopt;
  return hash;
}

}  // namespace

std::string memoised_file_hash(const std::string& file, const std::string& cache_directory,
                               std::chrono::nanoseconds settle) {
  const auto before = cache_directory.empty() ? std::nullopt : identity_of(file);
  const std::string path = before ? memo_path(cache_directory, file) : std::string();
  if (before)
    if (auto hash = recorded_hash(path, *before)) return *hash;
  const auto read_at = std::chrono::system_clock::now();
  std::string hash = ContentHash().add_file(file).hex();
  const std::int64_t settled_before =
      std::chrono::duration_cast<std::chrono::nanoseconds>((read_at - settle).time_since_epoch()).count();
  if (before && (*before)[4] < settled_before && identity_of(file) == before) {
    BinaryWriter memo;
    memo.bytes(kFormat.data(), kFormat.size());
    memo.value(*before);
    memo.text(hash);
    write_cache_entry(cache_directory, path, memo.data());  // not written: the next run reads the file
  }
  return hash;
}

}  // namespace covermap::geo
