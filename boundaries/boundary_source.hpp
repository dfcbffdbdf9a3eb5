#pragma once
// Loads the boundaries a map names: a built-in set ("builtin:china-provinces") or any OGR polygon source.
#include <string>

#include "boundaries/unit.hpp"
#include "geo/geos_context.hpp"

namespace covermap::boundaries {

struct BoundarySpec {
  std::string source;    // "builtin:NAME" or a path (already resolved against the map file)
  std::string layer;     // OGR layer; empty: the first
  std::string id;        // id field; empty: adcode, code, id or iso, whichever the source has
  std::string name;      // name field; empty: name, name_zh or name_en
  std::string encoding;  // text encoding of the source when it is not UTF-8
  std::string crs{};     // the source's CRS (EPSG:4547, WKT) when it has none, or over the one it has
};

inline constexpr const char* kBuiltinPrefix = "builtin:";

// Every unit's geometry is valid WGS 84 lon/lat. Served from the boundary cache (boundary_cache.hpp) when the
// source has not changed since it was last loaded. `threads`: how many may decode a cached set.
// `geometry`: whether a set read from the cache may leave its coordinates there (BoundarySet::deferred).
BoundarySet load_boundaries(const BoundarySpec& spec, const geo::GeosContext& geos, int threads = 1,
                            GeometryLoad geometry = GeometryLoad::decoded);
// Reads and repairs the source itself, bypassing the cache.
BoundarySet load_boundaries_uncached(const BoundarySpec& spec, const geo::GeosContext& geos);

}  // namespace covermap::boundaries
