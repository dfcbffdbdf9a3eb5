#include "tests/outputs/pmtiles_reader.hpp"

#include <zlib.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace covermap::test {
namespace {

std::uint64_t read_u64(const std::string& bytes, std::size_t at) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return value;
}

std::int32_t read_i32(const std::string& bytes, std::size_t at) {
  std::uint32_t value = 0;
  for (int i = 3; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(bytes[at + i]);
  return static_cast<std::int32_t>(value);
}

std::uint64_t read_varint(const std::string& bytes, std::size_t& at) {
  std::uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at >= bytes.size()) throw std::runtime_error("varint runs past the directory");
    const auto byte = static_cast<unsigned char>(bytes[at++]);
    value |= std::uint64_t{byte & 0x7fu} << shift;
    if (!(byte & 0x80)) return value;
  }
  throw std::runtime_error("varint too long");
}

// Hilbert curve d -> (x, y) on a 2^z grid, as in the spec's reference code (rotate, then step up a level).
void rotate(std::uint64_t n, std::uint64_t& x, std::uint64_t& y, std::uint64_t rx, std::uint64_t ry) {
  if (ry == 0) {
    if (rx == 1) {
      x = n - 1 - x;
      y = n - 1 - y;
    }
    std::swap(x, y);
  }
}

}  // namespace

std::uint64_t PmtilesReader::zxy_to_id(int z, std::uint32_t tx, std::uint32_t ty) {
  std::uint64_t acc = 0;
  for (int t = 0; t < z; ++t) acc += std::uint64_t{1} << (2 * t);  // (4^z - 1) / 3
  const std::uint64_t n = std::uint64_t{1} << z;
  std::uint64_t x = tx, y = ty, d = 0;
  for (std::uint64_t s = n / 2; s > 0; s /= 2) {
    const std::uint64_t rx = (x & s) > 0 ? 1 : 0;
    const std::uint64_t ry = (y & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    rotate(s, x, y, rx, ry);
  }
  return acc + d;
}

std::tuple<int, std::uint32_t, std::uint32_t> PmtilesReader::id_to_zxy(std::uint64_t id) {
  std::uint64_t acc = 0;
  for (int z = 0; z < 32; ++z) {
    const std::uint64_t count = std::uint64_t{1} << (2 * z);
    if (id < acc + count) {
      std::uint64_t t = id - acc, x = 0, y = 0;
      const std::uint64_t n = std::uint64_t{1} << z;
      for (std::uint64_t s = 1; s < n; s *= 2) {
        const std::uint64_t rx = 1 & (t / 2);
        const std::uint64_t ry = 1 & (t ^ rx);
        rotate(s, x, y, rx, ry);
        x += s * rx;
        y += s * ry;
        t /= 4;
      }
      return {z, static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
    }
    acc += count;
  }
  throw std::runtime_error("tile id out of range");
}

PmtilesReader::PmtilesReader(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  bytes_ = buffer.str();
  if (bytes_.size() < 127 || bytes_.compare(0, 7, "PMTiles") != 0)
    throw std::runtime_error("not a PMTiles file");
  if (bytes_[7] != 3) throw std::runtime_error("not PMTiles version 3");
  PmtilesHeader& h = header_;
  std::uint64_t* fields[] = {&h.root_offset,     &h.root_length,   &h.metadata_offset, &h.metadata_length,
                             &h.leaves_offset,   &h.leaves_length, &h.data_offset,     &h.data_length,
                             &h.addressed_tiles, &h.tile_entries,  &h.tile_contents};
  for (int i = 0; i < 11; ++i) *fields[i] = read_u64(bytes_, 8 + 8 * i);
  const auto byte = [&](std::size_t at) { return static_cast<int>(static_cast<unsigned char>(bytes_[at])); };
  h.clustered = byte(96);
  h.internal_compression = byte(97);
  h.tile_compression = byte(98);
  h.tile_type = byte(99);
  h.min_zoom = byte(100);
  h.max_zoom = byte(101);
  h.min_lon = read_i32(bytes_, 102) / 1e7;
  h.min_lat = read_i32(bytes_, 106) / 1e7;
  h.max_lon = read_i32(bytes_, 110) / 1e7;
  h.max_lat = read_i32(bytes_, 114) / 1e7;
  h.center_zoom = byte(118);
  h.center_lon = read_i32(bytes_, 119) / 1e7;
  h.center_lat = read_i32(bytes_, 123) / 1e7;
  if (h.root_offset + h.root_length > 16384)
    throw std::runtime_error("root directory beyond the first 16 KiB");
}

std::string PmtilesReader::slice(std::uint64_t offset, std::uint64_t length) const {
  if (offset > bytes_.size() || length > bytes_.size() - offset)
    throw std::runtime_error("range past the file");
  return bytes_.substr(offset, length);
}

std::string PmtilesReader::decompress(const std::string& data, int compression) const {
  if (compression == 1) return data;
  if (compression != 2) throw std::runtime_error("unsupported compression " + std::to_string(compression));
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) throw std::runtime_error("inflateInit2");
  std::string out;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int status = Z_OK;
  char chunk[65536];
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk);
    stream.avail_out = sizeof chunk;
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk, sizeof chunk - stream.avail_out);
  }
  inflateEnd(&stream);
  if (status != Z_STREAM_END) throw std::runtime_error("bad gzip data");
  return out;
}

std::vector<PmtilesReader::Entry> PmtilesReader::directory(std::uint64_t offset, std::uint64_t length) const {
  const std::string data = decompress(slice(offset, length), header_.internal_compression);
  std::size_t at = 0;
  const std::uint64_t count = read_varint(data, at);
  if (count > data.size()) throw std::runtime_error("entry count larger than the directory");
  std::vector<Entry> entries(count);
  std::uint64_t last = 0;
  for (auto& entry : entries) entry.tile_id = last = last + read_varint(data, at);
  for (auto& entry : entries) entry.run_length = read_varint(data, at);
  for (auto& entry : entries) entry.length = read_varint(data, at);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const std::uint64_t value = read_varint(data, at);
    if (value == 0) {
      if (i == 0) throw std::runtime_error("first offset cannot be 0");
      entries[i].offset = entries[i - 1].offset + entries[i - 1].length;
    } else {
      entries[i].offset = value - 1;
    }
  }
  if (at != data.size()) throw std::runtime_error("trailing bytes after the directory");
  return entries;
}

std::string PmtilesReader::metadata() const {
  return decompress(slice(header_.metadata_offset, header_.metadata_length), header_.internal_compression);
}

std::optional<std::string> PmtilesReader::tile(int z, std::uint32_t x, std::uint32_t y) const {
  const std::uint64_t id = zxy_to_id(z, x, y);
  std::vector<Entry> entries = directory(header_.root_offset, header_.root_length);
  for (int depth = 0; depth < 4; ++depth) {
    // The last entry whose id is <= the wanted id.
    const Entry* found = nullptr;
    for (const Entry& entry : entries)
      if (entry.tile_id <= id) found = &entry;
    if (!found) return std::nullopt;
    if (found->run_length > 0) {
      if (id >= found->tile_id + found->run_length) return std::nullopt;
      return decompress(slice(header_.data_offset + found->offset, found->length), header_.tile_compression);
    }
    entries = directory(header_.leaves_offset + found->offset, found->length);
  }
  throw std::runtime_error("directories nested too deep");
}

void PmtilesReader::collect(const std::vector<Entry>& entries,
                            std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::string>& tiles,
                            int depth) const {
  if (depth > 3) throw std::runtime_error("directories nested too deep");
  for (const Entry& entry : entries) {
    if (entry.run_length == 0) {
      ++leaves_seen_;
      collect(directory(header_.leaves_offset + entry.offset, entry.length), tiles, depth + 1);
      continue;
    }
    ++entries_seen_;
    if (entry.offset + entry.length > header_.data_length)
      throw std::runtime_error("tile past the data section");
    const std::string data =
        decompress(slice(header_.data_offset + entry.offset, entry.length), header_.tile_compression);
    for (std::uint64_t i = 0; i < entry.run_length; ++i) tiles[id_to_zxy(entry.tile_id + i)] = data;
  }
}

std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::string> PmtilesReader::all_tiles() const {
  leaves_seen_ = 0;
  entries_seen_ = 0;
  std::map<std::tuple<int, std::uint32_t, std::uint32_t>, std::string> tiles;
  collect(directory(header_.root_offset, header_.root_length), tiles, 0);
  return tiles;
}

}  // namespace covermap::test
