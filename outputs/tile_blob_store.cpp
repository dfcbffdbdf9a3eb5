#include "outputs/tile_blob_store.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include "geo/error.hpp"

namespace covermap::outputs {

TileBlobStore::TileBlobStore(const std::string& scratch_path, const std::string& output_path)
    : output_path_(output_path),
      fd_(::open(scratch_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0600)) {
  if (!fd_)
    throw InputError(output_path, std::string("cannot write there: ") + std::strerror(errno),
                     "check the folder exists and is writable");
  ::unlink(scratch_path.c_str());
}

void TileBlobStore::put(const geo::TileId& tile, std::string_view bytes) {
  if (bytes.size() > 0xffffffffu) throw InternalError(output_path_, "a tile larger than 4 GiB");
  const std::size_t hash = std::hash<std::string_view>{}(bytes);
  const auto [first, last] = by_hash_.equal_range(hash);
  for (auto it = first; it != last; ++it) {
    if (blobs_[it->second].length != bytes.size()) continue;
    read(it->second, compare_);
    if (compare_ == bytes) {
      entries_.push_back({tile, it->second});
      return;
    }
  }
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::pwrite(fd_.get(), bytes.data() + written, bytes.size() - written,
                               static_cast<off_t>(end_ + written));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0)
      throw InputError(output_path_, std::string("cannot buffer tiles beside it: ") + std::strerror(errno),
                       "is the disk full?");
    written += static_cast<std::size_t>(n);
  }
  const auto blob = static_cast<std::uint32_t>(blobs_.size());
  blobs_.push_back({end_, static_cast<std::uint32_t>(bytes.size())});
  end_ += bytes.size();
  by_hash_.emplace(hash, blob);
  entries_.push_back({tile, blob});
}

void TileBlobStore::read(std::uint32_t blob, std::string& bytes) const {
  bytes.resize(blobs_[blob].length);
  if (!read_at(fd_.get(), blobs_[blob].offset, bytes.data(), bytes.size()))
    throw InternalError(output_path_, std::string("cannot read buffered tiles: ") +
                                          (errno ? std::strerror(errno) : "the file ended"));
}

}  // namespace covermap::outputs
