#include "boundaries/boundary_cache.hpp"

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "boundaries/builtin.hpp"
#include "geo/binary_record.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/file_hash_memo.hpp"
#include "geo/gdal_io.hpp"
#include "geo/mapped_file.hpp"
#include "geo/parallel_for.hpp"
#include "geo/warnings.hpp"

namespace covermap::boundaries {
namespace {

// Bump when loading changes what a source gives (fields, repair, ring order), so old entries are not reused.
// 7: each unit's outline (UnitOutline) after the units, so that a tile run can leave the coordinates unread.
constexpr std::string_view kFormat = "covermap boundaries cache 7\n";

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

void encode_outline(const UnitOutline& outline, geo::BinaryWriter& out) {
  out.value(outline.bounds);
  out.u32(outline.has_area ? 1 : 0);
  out.text(outline.coordinates_hash);
  out.u32(static_cast<std::uint32_t>(outline.outer_boxes.size()));
  out.bytes(outline.outer_boxes.data(), outline.outer_boxes.size() * sizeof(geo::Box));
}

bool decode_outline(geo::BinaryReader& in, UnitOutline& outline) {
  outline.bounds = in.value<geo::Box>();
  outline.has_area = in.u32() == 1;
  outline.coordinates_hash = in.text();
  outline.outer_boxes = in.array<geo::Box>();
  return in.ok();
}

// The format line, the source, the fields and the unit count; then the units' records back to back; then
// their outlines; then each record's offset from the first (8 bytes each), the outlines' offset and whether
// the shared nodes were found.
std::string encode(const BoundarySet& set) {
  geo::BinaryWriter out;
  out.bytes(kFormat.data(), kFormat.size());
  out.text(set.source);
  out.u32(static_cast<std::uint32_t>(set.fields.size()));
  for (const auto& field : set.fields) out.text(field);
  out.u32(static_cast<std::uint32_t>(set.units.size()));
  const std::size_t first = out.data().size();
  std::vector<std::uint64_t> offsets;
  offsets.reserve(set.units.size() + 1);
  for (const auto& unit : set.units) {
    offsets.push_back(out.data().size() - first);
    encode_unit(unit, out);
  }
  offsets.push_back(out.data().size() - first);
  for (const auto& unit : set.units) encode_outline(outline_of(unit.geometry), out);
  out.bytes(offsets.data(), offsets.size() * sizeof(std::uint64_t));
  out.u32(set.shared_nodes_found ? 1 : 0);
  return out.data();
}

void decode_fields(geo::BinaryReader& in, Unit& unit) {
  unit.id = in.text();
  unit.name = in.text();
  const std::uint32_t attributes = in.count(8);
  for (std::uint32_t i = 0; i < attributes && in.ok(); ++i) {
    std::string key = in.text();
    unit.attributes[std::move(key)] = in.text();
  }
}

geo::MultiPolygon decode_polygons(geo::BinaryReader& in) {
  geo::MultiPolygon geometry(in.count(8));
  for (auto& polygon : geometry) {
    polygon.outer = in.ring();
    polygon.holes.resize(in.count(4));
    for (auto& hole : polygon.holes) hole = in.ring();
  }
  return geometry;
}

// The same walk as decode_polygons and the shared nodes, copying nothing: a deferred record is checked whole.
void skip_geometry(geo::BinaryReader& in) {
  const auto skip_ring = [&] { in.skip(std::size_t{in.count(sizeof(geo::Point))} * sizeof(geo::Point)); };
  const std::uint32_t polygons = in.count(8);
  for (std::uint32_t p = 0; p < polygons && in.ok(); ++p) {
    skip_ring();
    const std::uint32_t holes = in.count(4);
    for (std::uint32_t h = 0; h < holes && in.ok(); ++h) skip_ring();
  }
  in.skip(std::size_t{in.count(sizeof(std::uint32_t))} * sizeof(std::uint32_t));
}

// Each chunk of units decodes from its own records on its own thread; any record that does not end where
// the next begins makes the whole entry damaged.
std::optional<BoundarySet> decode(std::shared_ptr<const geo::MappedFile> file, int threads,
                                  GeometryLoad geometry) {
  const std::string_view bytes = file->bytes();
  if (bytes.substr(0, kFormat.size()) != kFormat) return std::nullopt;
  geo::BinaryReader in(bytes.substr(kFormat.size()));
  BoundarySet set;
  set.source = in.text();
  set.fields.resize(in.count(4));
  for (auto& field : set.fields) field = in.text();
  const std::size_t units = in.count(16 + sizeof(std::uint64_t));
  if (!in.ok()) return std::nullopt;
  const std::size_t first = bytes.size() - in.left();
  const std::size_t trailer = (units + 1) * sizeof(std::uint64_t) + sizeof(std::uint32_t);
  if (bytes.size() - first < trailer) return std::nullopt;
  const std::size_t body = bytes.size() - first - trailer;  // the records and the outlines
  std::vector<std::uint64_t> offsets(units + 1);
  std::memcpy(offsets.data(), bytes.data() + first + body, offsets.size() * sizeof(std::uint64_t));
  if (offsets.front() != 0 || offsets.back() > body) return std::nullopt;
  for (std::size_t i = 0; i < units; ++i)
    if (offsets[i] > offsets[i + 1]) return std::nullopt;
  std::uint32_t shared_nodes_found = 0;
  std::memcpy(&shared_nodes_found, bytes.data() + bytes.size() - sizeof shared_nodes_found,
              sizeof shared_nodes_found);
  const bool deferred = geometry == GeometryLoad::deferred;
  set.shared_nodes_found = shared_nodes_found == 1 && !deferred;  // a deferred set decodes none
  set.units.resize(units);
  std::vector<std::pair<std::size_t, std::size_t>> records(deferred ? units : 0);
  std::atomic<bool> damaged = false;
  geo::parallel_for(units, threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end && !damaged; ++i) {
      const std::size_t start = first + offsets[i];
      const std::size_t size = offsets[i + 1] - offsets[i];
      geo::BinaryReader record(bytes.substr(start, size));
      Unit& unit = set.units[i];
      decode_fields(record, unit);
      if (deferred) {
        const std::size_t geometry_start = start + size - record.left();
        skip_geometry(record);
        records[i] = {geometry_start, start + size - geometry_start};
      } else {
        unit.geometry = decode_polygons(record);
        unit.shared_nodes.resize(record.count(sizeof(std::uint32_t)));
        record.take(unit.shared_nodes.data(), unit.shared_nodes.size() * sizeof(std::uint32_t));
      }
      if (!record.ok() || !record.at_end()) damaged = true;
    }
  });
  if (damaged) return std::nullopt;
  if (deferred) {
    geo::BinaryReader outlines(bytes.substr(first + offsets.back(), body - offsets.back()));
    std::vector<UnitOutline> outline(units);
    for (UnitOutline& unit : outline)
      if (!decode_outline(outlines, unit)) return std::nullopt;
    if (!outlines.at_end()) return std::nullopt;
    set.deferred = std::make_shared<const DeferredGeometry>(std::move(file), bytes, std::move(records),
                                                            std::move(outline));
  }
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
      hash.add(std::filesystem::path(file).filename().string())
          .add(geo::memoised_file_hash(file, cache_directory()));
    }
  }
  return hash.hex();
}

UnitOutline outline_of(const geo::MultiPolygon& geometry) {
  UnitOutline outline;
  outline.bounds = geo::bounds(geometry);
  for (const geo::Polygon& polygon : geometry) outline.outer_boxes.push_back(geo::ring_bounds(polygon.outer));
  outline.coordinates_hash = geo::coordinates_hash(geometry);
  outline.has_area = geo::area(geometry) > 0;
  return outline;
}

std::optional<BoundarySet> read_cached_boundaries(const std::string& directory, const std::string& key,
                                                  int threads, GeometryLoad geometry) {
  auto file = std::make_shared<const geo::MappedFile>(entry_path(directory, key));
  if (!file->ok()) return std::nullopt;
  return decode(std::move(file), threads, geometry);
}

DeferredGeometry::DeferredGeometry(std::shared_ptr<const void> entry, std::string_view bytes,
                                   std::vector<std::pair<std::size_t, std::size_t>> records,
                                   std::vector<UnitOutline> outlines)
    : entry_(std::move(entry)), bytes_(bytes), records_(std::move(records)), outlines_(std::move(outlines)) {}

geo::MultiPolygon DeferredGeometry::geometry(std::size_t unit) const {
  const auto [offset, size] = records_.at(unit);
  geo::BinaryReader record(bytes_.substr(offset, size));
  return decode_polygons(record);  // checked whole when the entry was read
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
