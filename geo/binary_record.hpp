#pragma once
// The plain binary records covermap's caches are made of (boundaries, per-zoom tile geometry): native-endian
// fixed-size numbers and length-prefixed runs, written to a string and read from memory. Every
// count read is checked against what is left, so a truncated or damaged entry fails cleanly instead of being
// trusted; caches are local to one machine, so native byte order is fine.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::geo {

// What BinaryWriter::aligned_array aligns its items to, from the start of the record.
inline constexpr std::size_t kRecordAlignment = 8;

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
  // A count, zero bytes up to a multiple of 8 from the start of the record, then the items' bytes: what
  // BinaryReader::view reads in place.
  template <typename T>
  void aligned_array(std::span<const T> items) {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= kRecordAlignment);
    u32(static_cast<std::uint32_t>(items.size()));
    align();
    bytes(items.data(), items.size() * sizeof(T));
  }
  // Zero bytes up to a multiple of 8 from the start of the record.
  void align() { out_.append((kRecordAlignment - out_.size() % kRecordAlignment) % kRecordAlignment, '\0'); }
  void bytes(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }
  const std::string& data() const { return out_; }

 private:
  std::string out_;
};

class BinaryReader {
 public:
  // Bytes in memory (a mapped cache entry, or a part of one), the record's start.
  explicit BinaryReader(std::string_view bytes)
      : begin_(bytes.data()), next_(bytes.data()), left_(bytes.size()) {}
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
  // What BinaryWriter::aligned_array wrote, in place: the items stay in the reader's memory, which must start
  // on a multiple of 8 and outlive the span.
  template <typename T>
  std::span<const T> view() {
    static_assert(std::is_trivially_copyable_v<T> && alignof(T) <= kRecordAlignment);
    const std::uint32_t size = count(sizeof(T));
    const std::size_t position = static_cast<std::size_t>(next_ - begin_);
    const std::size_t padding = (kRecordAlignment - position % kRecordAlignment) % kRecordAlignment;
    if (!fits(padding + std::uint64_t{size} * sizeof(T))) return {};
    next_ += padding;
    left_ -= padding;
    const std::span<const T> items(reinterpret_cast<const T*>(next_), size);
    next_ += size * sizeof(T);
    left_ -= size * sizeof(T);
    return items;
  }
  void take(void* out, std::size_t size) {
    if (!fits(size) || size == 0) return;
    std::memcpy(out, next_, size);
    next_ += size;
    left_ -= size;
  }
  // Passes over `size` bytes without copying them.
  void skip(std::size_t size) {
    if (!fits(size)) return;
    next_ += size;
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

  const char* begin_ = nullptr;
  const char* next_ = nullptr;
  std::uint64_t left_;
  bool ok_ = true;
};

// Writes a cache entry atomically at `path`, creating `directory` first. A cache that cannot be written only
// costs time, so this never throws: it returns why it could not (for the caller's one warning), or nothing.
std::optional<std::string> write_cache_entry(const std::string& directory, const std::string& path,
                                             std::string_view bytes);

}  // namespace covermap::geo
