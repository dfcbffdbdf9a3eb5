#include "boundaries/boundary_cache.hpp"

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string_view>

#include "boundaries/builtin.hpp"
#include "geo/atomic_output.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/warnings.hpp"

namespace covermap::boundaries {
namespace {

// Bump when loading changes what a source gives (fields, repair, ring order), so old entries are not reused.
constexpr std::string_view kFormat = "covermap boundaries cache 3\n";

class Writer {
 public:
  void u32(std::uint32_t value) { bytes(&value, sizeof value); }
  void text(const std::string& value) {
    u32(static_cast<std::uint32_t>(value.size()));
    bytes(value.data(), value.size());
  }
  void ring(const geo::Ring& ring) {
    u32(static_cast<std::uint32_t>(ring.size()));
    bytes(ring.data(), ring.size() * sizeof(geo::Point));
  }
  void bytes(const void* data, std::size_t size) { out_.append(static_cast<const char*>(data), size); }
  const std::string& data() const { return out_; }

 private:
  std::string out_;
};

// Reads straight from the file (no copy of it in memory). Every count is checked against what is left, so a
// truncated or damaged file fails cleanly.
class Reader {
 public:
  Reader(std::istream& in, std::uint64_t size) : in_(in), left_(size) {}
  bool ok() const { return ok_; }
  bool at_end() const { return left_ == 0; }

  std::uint32_t u32() {
    std::uint32_t value = 0;
    take(&value, sizeof value);
    return value;
  }
  std::string text() {
    const std::uint32_t size = u32();
    if (!fits(size)) return {};
    std::string value(size, '\0');
    take(value.data(), size);
    return value;
  }
  geo::Ring ring() {
    const std::uint32_t count = u32();
    if (!fits(std::uint64_t{count} * sizeof(geo::Point))) return {};
    geo::Ring ring(count);
    take(ring.data(), count * sizeof(geo::Point));
    return ring;
  }
  void take(void* out, std::size_t size) {
    if (!fits(size)) return;
    if (!in_.read(static_cast<char*>(out), static_cast<std::streamsize>(size))) ok_ = false;
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

  std::istream& in_;
  std::uint64_t left_;
  bool ok_ = true;
};

std::string encode(const BoundarySet& set) {
  Writer out;
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
  Reader in(file, size - kFormat.size());
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
  std::ifstream in(entry_path(directory, key), std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const auto size = static_cast<std::uint64_t>(in.tellg());
  in.seekg(0);
  return decode(in, size);
}

void write_cached_boundaries(const std::string& directory, const std::string& key, const BoundarySet& set) {
  // A read-only home or a full disk only costs time: the next run loads the source again. Said once a run,
  // with the reason, so a cache that never fills is not a mystery.
  const auto cannot = [&](const std::string& reason) {
    warn_once("boundary-cache:" + directory,
              "the boundary cache in " + directory + " cannot be written (" + reason +
                  "); boundaries are read from their source each run (set COVERMAP_CACHE_DIR to a writable "
                  "folder, or to off)");
  };
  try {
    std::filesystem::create_directories(directory);
    geo::AtomicOutput output(entry_path(directory, key));
    {
      std::ofstream out(output.temp_path(), std::ios::binary);
      const std::string data = encode(set);
      out.write(data.data(), static_cast<std::streamsize>(data.size()));
      if (!out.flush()) return cannot(std::strerror(errno));
    }
    output.commit();
  } catch (const std::filesystem::filesystem_error& e) {
    cannot(e.code().message());
  } catch (const Error& e) {
    cannot(e.detail());
  }
}

}  // namespace covermap::boundaries
