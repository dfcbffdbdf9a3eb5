#include "boundaries/boundary_cache.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <vector>

#include "boundaries/builtin.hpp"
#include "geo/binary_record.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/mapped_file.hpp"
#include "geo/parallel_for.hpp"
#include "geo/warnings.hpp"

namespace covermap::boundaries {
namespace {

// Bump when loading changes what a source gives (fields, repair, ring order), so old entries are not reused.
// 6: each unit's record offset at the end, so that the units decode on several threads.
constexpr std::string_view kFormat = "covermap boundaries cache 6\n";

void encode_unit(const Unit& unit, geo::BinaryWriter& out) {
  out.text(unit.id);
  out.text(unit.name);
  out.u32(static_cast<std::uint32_t>(unit.attributes.size()));
  for (const auto& [key, value] : unit.attributes) {
    out.text(key);
    out.text(value);
  }
  out.u32(static_cast<std::uint32_t>(unit.geometry.size()));
  for (const auto& polygon : unit.geometry) {
    out.ring(polygon.outer);
    out.u32(static_cast<std::uint32_t>(polygon.holes.size()));
    for (const auto& hole : polygon.holes) out.ring(hole);
  }
  out.u32(static_cast<std::uint32_t>(unit.shared_nodes.size()));
  out.bytes(unit.shared_nodes.data(), unit.shared_nodes.size() * sizeof(std::uint32_t));
}

// The format line, the source, the fields and the unit count; then the units' records back to back; then
// each record's offset from the first (8 bytes each) and whether the shared nodes were found.
std::string encode(const BoundarySet& set) {
  geo::BinaryWriter out;
  out.bytes(kFormat.data(), kFormat.size());
  out.text(set.source);
  out.u32(static_cast<std::uint32_t>(set.fields.size()));
  for (const auto& field : set.fields) out.text(field);
  out.u32(static_cast<std::uint32_t>(set.units.size()));
  const std::size_t first = out.data().size();
  std::vector<std::uint64_t> offsets;
  offsets.reserve(set.units.size());
  for (const auto& unit : set.units) {
    offsets.push_back(out.data().size() - first);
    encode_unit(unit, out);
  }
  out.bytes(offsets.data(), offsets.size() * sizeof(std::uint64_t));
  out.u32(set.shared_nodes_found ? 1 : 0);
  return out.data();
}

bool decode_unit(geo::BinaryReader& in, Unit& unit) {
  unit.id = in.text();
  unit.name = in.text();
  const std::uint32_t attributes = in.count(8);
  for (std::uint32_t i = 0; i < attributes && in.ok(); ++i) {
    std::string key = in.text();
    unit.attributes[std::move(key)] = in.text();
  }
  unit.geometry.resize(in.count(8));
  for (auto& polygon : unit.geometry) {
    polygon.outer = in.ring();
    polygon.holes.resize(in.count(4));
    for (auto& hole : polygon.holes) hole = in.ring();
  }
  unit.shared_nodes.resize(in.count(sizeof(std::uint32_t)));
  in.take(unit.shared_nodes.data(), unit.shared_nodes.size() * sizeof(std::uint32_t));
  return in.ok();
}

// Each chunk of units decodes from its own records on its own thread; any record that does not end where
// the next begins makes the whole entry damaged.
std::optional<BoundarySet> decode(std::string_view bytes, int threads) {
  if (bytes.substr(0, kFormat.size()) != kFormat) return std::nullopt;
  geo::BinaryReader in(bytes.substr(kFormat.size()));
  BoundarySet set;
  set.source = in.text();
  set.fields.resize(in.count(4));
  for (auto& field : set.fields) field = in.text();
  const std::size_t units = in.count(16 + sizeof(std::uint64_t));
  if (!in.ok()) return std::nullopt;
  const std::size_t first = bytes.size() - in.left();
  const std::size_t trailer = units * sizeof(std::uint64_t) + sizeof(std::uint32_t);
  if (bytes.size() - first < trailer) return std::nullopt;
  const std::size_t records = bytes.size() - first - trailer;
  std::vector<std::uint64_t> offsets(units + 1, records);
  if (units > 0) std::memcpy(offsets.data(), bytes.data() + first + records, units * sizeof(std::uint64_t));
  if (offsets.front() != 0 && units > 0) return std::nullopt;
  for (std::size_t i = 0; i < units; ++i)
    if (offsets[i] > offsets[i + 1]) return std::nullopt;
  std::uint32_t shared_nodes_found = 0;
  std::memcpy(&shared_nodes_found, bytes.data() + bytes.size() - sizeof shared_nodes_found,
              sizeof shared_nodes_found);
  set.shared_nodes_found = shared_nodes_found == 1;
  set.units.resize(units);
  std::atomic<bool> damaged = false;
  geo::parallel_for(units, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end && !damaged; ++i) {
      geo::BinaryReader unit(bytes.substr(first + offsets[i], offsets[i + 1] - offsets[i]));
      if (!decode_unit(unit, set.units[i]) || !unit.at_end()) damaged = true;
    }
  });
  if (damaged) return std::nullopt;
  return set;
}

std::string entry_path(const std::string& directory, const std::string& key) {
  return directory + "/boundaries-" + key + ".bin";
}

}  // namespace

std::string cache_directory() {
  if (const char* dir = std::getenv("COVERMAP_CACHE_DIR"); dir != nullptr && *dir != '\0')
    return std::string_view(dir) == "off" ? std::string() : std::string(dir);
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0')
    return std::string(xdg) + "/covermap";
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0')
    return std::string(home) + "/.cache/covermap";
  return {};
}

std::string boundary_cache_key(const BoundarySpec& spec, const FileHash& file_hash) {
  geo::ContentHash hash;
  hash.add(kFormat)
      .add(spec.source)
      .add(spec.layer)
      .add(spec.id)
      .add(spec.name)
      .add(spec.encoding)
      .add(spec.crs);
  std::vector<std::string> files;
  if (spec.source.rfind(kBuiltinPrefix, 0) == 0) {
    const std::filesystem::path dcw = default_dcw_path();
    files.push_back(dcw.string());
    if (const auto names = dcw.parent_path() / "dcw-countries.txt"; std::filesystem::exists(names))
      files.push_back(names.string());
  } else {
    files = geo::dataset_files(spec.source);
    if (files.empty()) files.push_back(spec.source);  // not on the local disk: the InputError names it
  }
  for (const std::string& file : files) {
    if (geo::is_gdal_virtual_path(file)) {  // /vsicurl/, /vsis3/: the bytes as GDAL reads them
      geo::ContentHash content;
      hash.add(file).add(content.add(geo::read_gdal_file(file)).hex());
    } else if (file_hash) {
      hash.add(std::filesystem::path(file).filename().string()).add(file_hash(file));
    } else {
      geo::ContentHash content;
      hash.add(std::filesystem::path(file).filename().string()).add(content.add_file(file).hex());
    }
  }
  return hash.hex();
}

std::optional<BoundarySet> read_cached_boundaries(const std::string& directory, const std::string& key,
                                                  int threads) {
  const geo::MappedFile file(entry_path(directory, key));
  if (!file.ok()) return std::nullopt;
  return decode(file.bytes(), threads);
}

void write_cached_boundaries(const std::string& directory, const std::string& key, const BoundarySet& set) {
  // A read-only home or a full disk only costs time: the next run loads the source again. Said once a run,
  // with the reason, so a cache that never fills is not a mystery.
  if (const auto reason = geo::write_cache_entry(directory, entry_path(directory, key), encode(set)))
    warn_once("boundary-cache:" + directory,
              "the boundary cache in " + directory + " cannot be written (" + *reason +
                  "); boundaries are read from their source each run (set COVERMAP_CACHE_DIR to a writable "
                  "folder, or to off)");
}

}  // namespace covermap::boundaries
