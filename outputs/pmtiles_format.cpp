#include "outputs/pmtiles_format.hpp"

#include <cmath>
#include <limits>
#include <optional>

namespace covermap::outputs::pmtiles {
namespace {

void put_u64(std::string& out, std::uint64_t value) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

void put_i32(std::string& out, std::int32_t value) {
  const auto bits = static_cast<std::uint32_t>(value);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
}

void put_varint(std::string& out, std::uint64_t value) {
  while (value >= 0x80) {
    out.push_back(static_cast<char>((value & 0x7f) | 0x80));
    value >>= 7;
  }
  out.push_back(static_cast<char>(value));
}

}  // namespace

std::string serialize_header(const Header& header) {
  std::string out = "PMTiles";
  out.push_back(3);
  for (const std::uint64_t value :
       {header.root_offset, header.root_length, header.metadata_offset, header.metadata_length,
        header.leaves_offset, header.leaves_length, header.tile_data_offset, header.tile_data_length,
        header.addressed_tiles, header.tile_entries, header.tile_contents})
    put_u64(out, value);
  out.push_back(header.clustered ? 1 : 0);
  out.push_back(static_cast<char>(header.internal_compression));
  out.push_back(static_cast<char>(header.tile_compression));
  out.push_back(static_cast<char>(header.tile_type));
  out.push_back(static_cast<char>(header.min_zoom));
  out.push_back(static_cast<char>(header.max_zoom));
  put_i32(out, header.min_lon_e7);
  put_i32(out, header.min_lat_e7);
  put_i32(out, header.max_lon_e7);
  put_i32(out, header.max_lat_e7);
  out.push_back(static_cast<char>(header.center_zoom));
  put_i32(out, header.center_lon_e7);
  put_i32(out, header.center_lat_e7);
  return out;
}

void add_tile(std::vector<Entry>& entries, std::uint64_t tile_id, std::uint64_t offset,
              std::uint32_t length) {
  if (!entries.empty()) {
    Entry& last = entries.back();
    if (last.offset == offset && last.tile_id + last.run_length == tile_id &&
        last.run_length < std::numeric_limits<std::uint32_t>::max()) {
      ++last.run_length;
      return;
    }
  }
  entries.push_back({tile_id, offset, length, 1});
}

bool serialize_directory(std::uint64_t count, const WalkDirectory& walk,
                         const std::function<bool(std::string_view)>& out) {
  constexpr std::size_t kPieceBytes = 65536;
  std::string piece;
  bool going = true;
  const auto emit = [&](std::size_t at_least) {
    if (piece.size() >= at_least) {
      going = out(piece);
      piece.clear();
    }
    return going;
  };
  put_varint(piece, count);
  std::uint64_t last_id = 0;
  walk([&](const Entry& entry) {
    put_varint(piece, entry.tile_id - last_id);
    last_id = entry.tile_id;
    return emit(kPieceBytes);
  });
  if (going)
    walk([&](const Entry& entry) {
      put_varint(piece, entry.run_length);
      return emit(kPieceBytes);
    });
  if (going)
    walk([&](const Entry& entry) {
      put_varint(piece, entry.length);
      return emit(kPieceBytes);
    });
  std::optional<Entry> previous;
  if (going)
    walk([&](const Entry& entry) {
      // 0 means "right after the previous entry's bytes"; otherwise offset + 1.
      if (previous && entry.offset == previous->offset + previous->length)
        put_varint(piece, 0);
      else
        put_varint(piece, entry.offset + 1);
      previous = entry;
      return emit(kPieceBytes);
    });
  return going && emit(0);
}

std::string serialize_directory(const std::vector<Entry>& entries) {
  std::string out;
  serialize_directory(
      entries.size(),
      [&](const EntryVisit& visit) {
        for (const Entry& entry : entries)
          if (!visit(entry)) return;
      },
      [&](std::string_view piece) {
        out += piece;
        return true;
      });
  return out;
}

std::int32_t to_e7(double degrees) {
  return static_cast<std::int32_t>(std::lround(degrees * 1e7));
}

}  // namespace covermap::outputs::pmtiles
