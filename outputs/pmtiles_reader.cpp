#include "outputs/pmtiles_reader.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "outputs/file_descriptor.hpp"
#include "outputs/gzip.hpp"

namespace covermap::outputs {
namespace {

constexpr const char* kDamaged = "the archive is damaged or truncated";

std::string describe(const pmtiles::Entry& entry) {
  return "tile id " + std::to_string(entry.tile_id);
}

}  // namespace

PmtilesReader::Source PmtilesReader::open_file(const std::string& path) {
  struct stat status {};
  const auto file = open_regular_file(path, "give the path of a .pmtiles archive", status);
  Source source;
  source.size = static_cast<std::uint64_t>(status.st_size);
  source.read = [file, path](std::uint64_t offset, std::uint64_t length) {
    std::string bytes(length, '\0');
    if (!read_at(file->get(), offset, bytes.data(), bytes.size()))
      throw InputError(path,
                       std::string("cannot read: ") + (errno ? std::strerror(errno) : "the file ended early"),
                       "was it changed while being read?");
    return bytes;
  };
  return source;
}

PmtilesReader::PmtilesReader(const std::string& path) : PmtilesReader(open_file(path), path) {}

PmtilesReader::PmtilesReader(ReadRange read, std::uint64_t size, std::string name)
    : PmtilesReader(Source{std::move(read), size}, std::move(name)) {}

PmtilesReader::PmtilesReader(Source source, std::string name)
    : read_(std::move(source.read)), size_(source.size), name_(std::move(name)) {
  header_ = pmtiles::parse_header(
      read(0, std::min<std::uint64_t>(size_, pmtiles::kHeaderBytes), "the header"), name_);
  for (const pmtiles::Section& section : pmtiles::sections(header_))
    if (!pmtiles::ends_within(section.offset, section.length, size_))
      throw InputError(name_,
                       std::string("the PMTiles ") + section.name + " ends at byte " +
                           std::to_string(section.offset + section.length) + ", past the end of the file (" +
                           std::to_string(size_) + " bytes)",
                       kDamaged);
  root_ = pmtiles::read_directory(read(header_.root_offset, header_.root_length, "the root directory"),
                                  header_, gunzip, name_);
}

std::string PmtilesReader::read(std::uint64_t offset, std::uint64_t length, const char* what) const {
  if (!pmtiles::ends_within(offset, length, size_))
    throw InputError(name_, std::string(what) + " lies past the end of the file", kDamaged);
  std::string bytes = read_(offset, length);
  if (bytes.size() != length)
    throw InputError(name_,
                     std::string(what) + ": " + std::to_string(bytes.size()) + " of " +
                         std::to_string(length) + " bytes could be read",
                     kDamaged);
  return bytes;
}

std::string PmtilesReader::metadata() const {
  return pmtiles::read_metadata(read(header_.metadata_offset, header_.metadata_length, "the metadata"),
                                header_, gunzip, name_);
}

std::vector<pmtiles::Entry> PmtilesReader::leaf(const pmtiles::Entry& pointer, int depth) const {
  if (depth > pmtiles::kMaxLeafDepth)
    throw InputError(name_,
                     "PMTiles leaf directories nest deeper than " + std::to_string(pmtiles::kMaxLeafDepth),
                     "a leaf points back at itself or an ancestor: " + std::string(kDamaged));
  std::vector<pmtiles::Entry> entries = pmtiles::read_directory(
      read(header_.leaves_offset + pointer.offset, pointer.length, "a leaf directory"), header_, gunzip,
      name_);
  if (entries.empty())
    throw InputError(name_, "the PMTiles leaf directory for " + describe(pointer) + " is empty", kDamaged);
  return entries;
}

std::string PmtilesReader::tile_data(const pmtiles::Entry& entry) const {
  if (!pmtiles::ends_within(entry.offset, entry.length, header_.tile_data_length))
    throw InputError(name_, describe(entry) + " lies outside the tile data section", kDamaged);
  return read(header_.tile_data_offset + entry.offset, entry.length, "a tile");
}

std::optional<std::string> PmtilesReader::tile(int z, std::uint32_t x, std::uint32_t y) const {
  if (z < 0 || z > geo::kMaxTileZoom || (x >> z) != 0 || (y >> z) != 0) return std::nullopt;
  const std::uint64_t id = geo::pmtiles_tile_id({z, x, y});
  std::vector<pmtiles::Entry> leaf_entries;
  const std::vector<pmtiles::Entry>* entries = &root_;
  for (int depth = 0;; ++depth) {
    // The last entry starting at or before the id.
    const auto after =
        std::upper_bound(entries->begin(), entries->end(), id,
                         [](std::uint64_t id, const pmtiles::Entry& entry) { return id < entry.tile_id; });
    if (after == entries->begin()) return std::nullopt;
    const pmtiles::Entry found = *std::prev(after);
    if (found.run_length > 0) {
      if (id - found.tile_id >= found.run_length) return std::nullopt;
      return tile_data(found);
    }
    leaf_entries = leaf(found, depth + 1);
    entries = &leaf_entries;
  }
}

void PmtilesReader::for_each_entry(const std::function<void(const pmtiles::Entry&)>& visit) const {
  std::uint64_t next_id = 0;
  walk(root_, 0, geo::kPmtilesTileIdEnd, next_id, visit);
}

// `end` is where the parent's next entry starts: a leaf's entries must all lie before it, or a look-up by id
// would never find them. `next_id` is the lowest id allowed next: past the last tile visited, and no lower
// than the id a leaf's pointer gives as its first.
void PmtilesReader::walk(const std::vector<pmtiles::Entry>& entries, int depth, std::uint64_t end,
                         std::uint64_t& next_id,
                         const std::function<void(const pmtiles::Entry&)>& visit) const {
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const pmtiles::Entry& entry = entries[i];
    if (entry.tile_id < next_id)
      throw InputError(name_,
                       "PMTiles directories out of order: " + describe(entry) + " where ids from " +
                           std::to_string(next_id) + " were expected",
                       kDamaged);
    if (entry.tile_id >= end || entry.run_length > end - entry.tile_id)
      throw InputError(
          name_, "PMTiles leaf directory holds " + describe(entry) + ", past the range its parent gives it",
          kDamaged);
    if (entry.run_length > 0) {
      visit(entry);
      next_id = entry.tile_id + entry.run_length;
      continue;
    }
    next_id = entry.tile_id;
    walk(leaf(entry, depth + 1), depth + 1, i + 1 < entries.size() ? entries[i + 1].tile_id : end, next_id,
         visit);
  }
}

}  // namespace covermap::outputs
