#include "boundaries/boundary_cache.hpp"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "boundaries/builtin.hpp"
#include "geo/binary_record.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/warnings.hpp"

namespace covermap::boundaries {
namespace {

// Bump when loading changes what a source gives (fields, repair, ring order), so old entries are not reused.
constexpr std::string_view kFormat = "covermap boundaries cache 5\n";

std::string encode(const BoundarySet& set) {
  geo::BinaryWriter out;
  out.bytes(kFormat.data(), kFormat.size());
  out.text(set.source);
  out.u32(static_cast<std::uint32_t>(set.fields.size()));
  for (const auto& field : set.fields) out.text(field);
  out.u32(static_cast<std::uint32_t>(set.units.size()));
  for (const auto& unit : set.units) {
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
  out.u32(set.shared_nodes_found ? 1 : 0);
  return out.data();
}

std::optional<BoundarySet> decode(std::istream& file, std::uint64_t size) {
  std::string format(kFormat.size(), '\0');
  if (size < kFormat.size() || !file.read(format.data(), static_cast<std::streamsize>(format.size())) ||
      format != kFormat)
    return std::nullopt;
  geo::BinaryReader in(file, size - kFormat.size());
  BoundarySet set;
  set.source = in.text();
  set.fields.resize(in.count(4));
  for (auto& field : set.fields) field = in.text();
  set.units.resize(in.count(16));
  for (auto& unit : set.units) {
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
    if (!in.ok()) return std::nullopt;
  }
  set.shared_nodes_found = in.u32() == 1;
  if (!in.ok() || !in.at_end()) return std::nullopt;
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

std::optional<BoundarySet> read_cached_boundaries(const std::string& directory, const std::string& key) {
  geo::CacheEntryFile file(entry_path(directory, key));
  std::ifstream& in = file.stream();
  if (!in) return std::nullopt;
  const auto size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  return decode(in, size);
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
