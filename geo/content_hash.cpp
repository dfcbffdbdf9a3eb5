#include "geo/content_hash.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string_view>
#include <vector>

#include "geo/ascii_text.hpp"
#include "geo/error.hpp"

namespace covermap::geo {
namespace {

XXH3_state_t* state_of(void* state) {
  return static_cast<XXH3_state_t*>(state);
}

}  // namespace

ContentHash::ContentHash() : state_(XXH3_createState()) {
  if (state_ == nullptr) throw InternalError("xxhash", "out of memory");
  XXH3_128bits_reset(state_of(state_));
}

ContentHash::~ContentHash() {
  XXH3_freeState(state_of(state_));
}

ContentHash& ContentHash::add(std::string_view bytes) {
  const std::uint64_t length = bytes.size();
  XXH3_128bits_update(state_of(state_), &length, sizeof length);
  XXH3_128bits_update(state_of(state_), bytes.data(), bytes.size());
  return *this;
}

ContentHash& ContentHash::add_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, "cannot be read");
  add(path.substr(path.find_last_of('/') + 1));  // the name, not the folder: a moved project keeps its cache
  std::vector<char> buffer(1 << 20);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    XXH3_128bits_update(state_of(state_), buffer.data(), static_cast<std::size_t>(in.gcount()));
  }
  if (in.bad()) throw InputError(path, "cannot be read");
  return *this;
}

std::string coordinates_hash(const MultiPolygon& shape) {
  const auto count = [](ContentHash& hash, std::size_t n) {
    const auto v = static_cast<double>(n);  // a double, as zoom cache keys have always had it
    hash.add({reinterpret_cast<const char*>(&v), sizeof v});
  };
  const auto ring = [](ContentHash& hash, const Ring& points) {
    hash.add({reinterpret_cast<const char*>(points.data()), points.size() * sizeof(Point)});
  };
  ContentHash hash;
  count(hash, shape.size());
  for (const Polygon& polygon : shape) {
    ring(hash, polygon.outer);
    count(hash, polygon.holes.size());
    for (const Ring& hole : polygon.holes) ring(hash, hole);
  }
  return hash.hex();
}

std::string ContentHash::hex() const {
  const XXH128_hash_t hash = XXH3_128bits_digest(state_of(state_));
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(hash.high64),
                static_cast<unsigned long long>(hash.low64));
  return text;
}

namespace {

// The files GDAL reads beside a dataset's main file, by its lower-cased extension, each as written in lower
// and in upper case: a shapefile's attributes, shape index, CRS and encoding; a dBase table's encoding;
// MapInfo's attributes, geometry and index; a CSV's column types and CRS.
std::vector<std::string_view> sidecar_extensions(const std::string& extension) {
  if (extension == ".shp") return {".dbf", ".DBF", ".shx", ".SHX", ".prj", ".PRJ", ".cpg", ".CPG"};
  if (extension == ".dbf") return {".cpg", ".CPG"};
  if (extension == ".tab") return {".dat", ".DAT", ".map", ".MAP", ".id", ".ID", ".ind", ".IND"};
  if (extension == ".mif") return {".mid", ".MID"};
  if (extension == ".csv") return {".csvt", ".CSVT", ".prj", ".PRJ"};
  return {};
}

}  // namespace

std::vector<std::string> dataset_files(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  std::vector<std::string> files;
  if (fs::is_directory(path, error)) {
    for (const auto& entry : fs::recursive_directory_iterator(path, error))
      if (entry.is_regular_file(error)) files.push_back(entry.path().string());
    std::sort(files.begin(), files.end());
    return files;
  }
  if (!fs::is_regular_file(path, error)) return files;
  files.push_back(path);
  const fs::path source(path);
  for (const std::string_view sidecar : sidecar_extensions(lowered_extension(path))) {
    const fs::path beside = fs::path(source).replace_extension(sidecar);
    if (beside != source && fs::is_regular_file(beside, error)) files.push_back(beside.string());
  }
  // SQLite's write-ahead log (a GeoPackage, an MBTiles, a SQLite table): changes committed while another
  // program, QGIS say, holds the file open are here until they are copied into it, and GDAL reads them.
  if (const std::string log = path + "-wal"; fs::is_regular_file(log, error)) files.push_back(log);
  return files;
}

}  // namespace covermap::geo
