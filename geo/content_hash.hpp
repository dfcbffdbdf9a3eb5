#pragma once
// Content hashes (xxHash XXH3, 128 bits) that key every cache: the same bytes give the same key on any
// machine.
#include <string>
#include <string_view>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::geo {

class ContentHash {
 public:
  ContentHash();
  ContentHash(const ContentHash&) = delete;
  ContentHash& operator=(const ContentHash&) = delete;
  ~ContentHash();

  // Each piece is length-prefixed, so ("ab", "c") and ("a", "bc") hash apart.
  ContentHash& add(std::string_view bytes);
  // The file's whole content; throws InputError naming the file if it cannot be read.
  ContentHash& add_file(const std::string& path);
  // 32 lowercase hex digits.
  std::string hex() const;

 private:
  void* state_;  // XXH3_state_t, kept out of this header
};

// A shape's coordinates, bit for bit, with its polygon and hole counts: what keys the tile geometry prepared
// from it (render/zoom_cache.hpp), stored with the boundaries so that a warm tile run need not read them.
std::string coordinates_hash(const MultiPolygon& shape);

// The files a local dataset is read from, in a fixed order: the file, the files GDAL reads beside it for its
// format (a shapefile's attributes, shape index, CRS and encoding; MapInfo's .dat, .map and .id; a CSV's
// .csvt), and SQLite's write-ahead log (FILE-wal) when there is one; for a folder (a FileGDB, a folder of
// shapefiles), every file under it. Empty when `path` is not on the local disk (a GDAL /vsi path, a database
// connection).
std::vector<std::string> dataset_files(const std::string& path);

}  // namespace covermap::geo
