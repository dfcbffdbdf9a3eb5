#pragma once
// The plain binary records covermap's caches are made of (boundaries, per-zoom tile geometry): native-endian
// fixed-size numbers and length-prefixed runs, written to a string and read from a file or from memory. Every
// count read is checked against what is left, so a truncated or damaged entry fails cleanly instead of being
// trusted; caches are local to one machine, so native byte order is fine.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::geo {

class BinaryWriter {
 public:
  void u32(std::uint32_t value) { bytes(&value, sizeof value); }
  template <typename T>
  void value(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  void text(const std::string& value) {
    u32(static_cast<std::uint32_t>(value.size()));
    bytes(value.data(), value.size());
  }
  // A count, then the items' bytes.
  template <typename T>
  void array(const std::vector<T>& items) {
    static_assert(std::is_trivially_copyable_v<T>);
    u32(static_cast<std::uint32_t>(items.size()));
    bytes(items.data(), items.size() * sizeof(T));
  }
  void ring(const Ring& ring) { array(ring); }
  void bytes(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }
  const std::string& data() const { return out_; }

 private:
  std::string out_;
};

class BinaryReader {
 public:
  // The next `size` bytes of a stream.
  BinaryReader(std::istream& in, std::uint64_t size) : in_(&in), left_(size) {}
  // Bytes in memory (a mapped cache entry, or a part of one).
  explicit BinaryReader(std::string_view bytes) : next_(bytes.data()), left_(bytes.size()) {}
  bool ok() const { return ok_; }
  bool at_end() const { return left_ == 0; }
  std::uint64_t left() const { return left_; }  // bytes not yet read

  std::uint32_t u32() { return value<std::uint32_t>(); }
  template <typename T>
  T value() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v{};
    take(&v, sizeof v);
    return v;
  }
  std::string text() {
    const std::uint32_t size = u32();
    if (!fits(size)) return {};
    std::string value(size, '\0');
    take(value.data(), size);
    return value;
  }
  template <typename T>
  std::vector<T> array() {
    const std::uint32_t size = count(sizeof(T));
    std::vector<T> items(size);
    take(items.data(), size * sizeof(T));
    return items;
  }
  Ring ring() { return array<Point>(); }
  void take(void* out, std::size_t size) {
    if (!fits(size) || size == 0) return;
    if (in_ == nullptr) {
      std::memcpy(out, next_, size);
      next_ += size;
    } else if (!in_->read(static_cast<char*>(out), static_cast<std::streamsize>(size))) {
      ok_ = false;
    }
    left_ -= size;
  }
  // A count of items each at least `item_bytes` long: larger than the rest of the file means damage.
  std::uint32_t count(std::size_t item_bytes) {
    const std::uint32_t value = u32();
    if (!fits(std::uint64_t{value} * item_bytes)) return 0;
    return value;
  }

 private:
  bool fits(std::uint64_t size) {
    if (ok_ && size <= left_) return true;
    ok_ = false;
    return false;
  }

  std::istream* in_ = nullptr;  // else next_
  const char* next_ = nullptr;
  std::uint64_t left_;
  bool ok_ = true;
};

// A cache entry opened for BinaryReader, at its end (tellg() is its size), with a 1 MB buffer of its own:
// with libstdc++'s 8 KB one, reading the 33 MB boundaries of China's counties took 4,500 system calls (one
// for every 8 KB, and one more for each ring larger than that).
class CacheEntryFile {
 public:
  explicit CacheEntryFile(const std::string& path) : buffer_(std::size_t{1} << 20) {
    stream_.rdbuf()->pubsetbuf(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    stream_.open(path, std::ios::binary | std::ios::ate);
  }
  std::ifstream& stream() { return stream_; }

 private:
  std::vector<char> buffer_;  // before stream_: made first, freed last
  std::ifstream stream_;
};

// Writes a cache entry atomically at `path`, creating `directory` first. A cache that cannot be written only
// costs time, so this never throws: it returns why it could not (for the caller's one warning), or nothing.
std::optional<std::string> write_cache_entry(const std::string& directory, const std::string& path,
                                             std::string_view bytes);

}  // namespace covermap::geo
