#pragma once
// Loaded and validated boundaries, kept on disk between runs. Reading a county layer through OGR and making
// it valid with GEOS costs about a second a run; reading it back from here costs a few milliseconds. Entries
// are keyed by the content hash of the source's files and the spec, so an edited source is never served
// stale.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "boundaries/boundary_source.hpp"
#include "boundaries/unit.hpp"

namespace covermap::boundaries {

// $COVERMAP_CACHE_DIR, else $XDG_CACHE_HOME/covermap, else $HOME/.cache/covermap; empty when none is set.
// COVERMAP_CACHE_DIR=off turns the cache off.
std::string cache_directory();

// A file's content hash (geo::ContentHash::add_file's), as boundary_cache_key takes it.
using FileHash = std::function<std::string(const std::string& path)>;

// The cache key of a spec: the hash of the source's bytes (a shapefile's sidecar files too, the DCW file for
// a built-in set), of the spec's fields and of the cache's format. Each file's bytes are hashed by
// `file_hash` when given (a build that hashes many outputs' inputs reads each file once), else read here.
// The same spec and bytes give the same key, so it also names the boundaries a build's output is made from.
std::string boundary_cache_key(const BoundarySpec& spec, const FileHash& file_hash = {});

// The set stored under `key` in `directory`, or nothing if absent or unreadable (a damaged entry is ignored
// and later overwritten, never trusted). Its units are decoded on up to `threads` threads; with
// GeometryLoad::deferred, all but their coordinates (BoundarySet::deferred), whose records are checked whole
// all the same.
std::optional<BoundarySet> read_cached_boundaries(const std::string& directory, const std::string& key,
                                                  int threads = 1,
                                                  GeometryLoad geometry = GeometryLoad::decoded);

// A unit's outline from its coordinates: what the cache stores, and what the tile renderer finds itself for
// units given with their coordinates, so that both key the zoom cache alike.
UnitOutline outline_of(const geo::MultiPolygon& geometry);

class DeferredGeometry {
 public:
  // `entry`: the cache entry's bytes; `records`: where each unit's geometry lies in them.
  DeferredGeometry(std::shared_ptr<const void> entry, std::string_view bytes,
                   std::vector<std::pair<std::size_t, std::size_t>> records,
                   std::vector<UnitOutline> outlines);

  std::size_t size() const { return outlines_.size(); }
  const UnitOutline& outline(std::size_t unit) const { return outlines_[unit]; }
  // The unit's lon/lat geometry, decoded from the entry; safe on several threads at once.
  geo::MultiPolygon geometry(std::size_t unit) const;

 private:
  std::shared_ptr<const void> entry_;  // keeps `bytes_` mapped
  std::string_view bytes_;
  std::vector<std::pair<std::size_t, std::size_t>> records_;  // offset and size in bytes_
  std::vector<UnitOutline> outlines_;
};

// Stores the set atomically. A failure is a warning, once per folder and run: a cache that cannot be written
// only costs time.
void write_cached_boundaries(const std::string& directory, const std::string& key, const BoundarySet& set);

}  // namespace covermap::boundaries
