#include "geo/file_hash_memo.hpp"

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <optional>

#include "geo/binary_record.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/file_identity.hpp"
#include "geo/mapped_file.hpp"

namespace covermap::geo {
namespace {

constexpr std::string_view kFormat = "covermap-file-hash-1\n";

// What changes when the file's bytes may have: its identity, and its change time, which no program can set.
struct StatedFile {
  FileIdentity identity;
  std::int64_t changed_ns = 0;
  friend bool operator==(const StatedFile&, const StatedFile&) = default;
};

std::optional<StatedFile> stat_of(const std::string& file) {
  struct stat status {};
  if (::stat(file.c_str(), &status) != 0) return std::nullopt;
  return StatedFile{file_identity(status), nanoseconds_since_epoch(status.st_ctim)};
}

// One memo per file, named by its absolute path.
std::string memo_path(const std::string& cache_directory, const std::string& file) {
  std::error_code error;
  const std::filesystem::path absolute = std::filesystem::absolute(file, error).lexically_normal();
  ContentHash name;
  name.add(error ? file : absolute.string());
  return cache_directory + "/file-hash-" + name.hex() + ".bin";
}

std::optional<std::string> recorded_hash(const std::string& path, const StatedFile& now) {
  const MappedFile memo(path);  // a cache entry: replaced by rename, never rewritten in place
  if (!memo.ok() || !memo.bytes().starts_with(kFormat)) return std::nullopt;
  BinaryReader reader(memo.bytes().substr(kFormat.size()));
  const auto recorded = reader.value<StatedFile>();
  std::string hash = reader.text();
  if (!reader.ok() || !reader.at_end() || !(recorded == now) || hash.size() != 32) return std::nullopt;
  return hash;
}

}  // namespace

std::string memoised_file_hash(const std::string& file, const std::string& cache_directory,
                               std::chrono::nanoseconds settle) {
  const auto before = cache_directory.empty() ? std::nullopt : stat_of(file);
  const std::string path = before ? memo_path(cache_directory, file) : std::string();
  if (before)
    if (auto hash = recorded_hash(path, *before)) return *hash;
  const auto read_at = std::chrono::system_clock::now();
  std::string hash = ContentHash().add_file(file).hex();
  const std::int64_t settled_before =
      std::chrono::duration_cast<std::chrono::nanoseconds>((read_at - settle).time_since_epoch()).count();
  if (before && before->changed_ns < settled_before && stat_of(file) == before) {
    BinaryWriter memo;
    memo.bytes(kFormat.data(), kFormat.size());
    memo.value(*before);
    memo.text(hash);
    write_cache_entry(cache_directory, path, memo.data());  // not written: the next run reads the file
  }
  return hash;
}

}  // namespace covermap::geo
