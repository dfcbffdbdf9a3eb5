#pragma once
// A boundary unit (province, county, country) and a set of them, as every layer above boundaries/ sees them.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::boundaries {

struct Unit {
  std::string id;                                 // the join key: adcode, ISO code or the user's id field
  std::string name;                               // display name (Chinese for China's units)
  std::map<std::string, std::string> attributes;  // every field of the source, by name
  geo::MultiPolygon geometry;                     // WGS 84 lon/lat, valid
  // The geometry's topology nodes (boundaries/shared_nodes.hpp) as indices of its vertices, counted over its
  // rings in order with each ring's closing vertex left out; meaningful only once the set's are found.
  std::vector<std::uint32_t> shared_nodes = {};
};

// What drawing tiles needs of a unit's geometry before (or without) its coordinates: a warm tile run whose
// zooms are all cached draws from those and reads only a few units' coordinates.
struct UnitOutline {
  geo::Box bounds;
  std::vector<geo::Box> outer_boxes;  // each polygon's outer ring's box, in order
  std::string coordinates_hash;       // geo::coordinates_hash of the geometry
  bool has_area = false;
};

// Units' geometry left in a boundary cache entry, decoded on demand (boundaries/boundary_cache.hpp).
class DeferredGeometry;

struct BoundarySet {
  std::string source;  // "builtin:china-provinces" or the file path
  std::vector<Unit> units;
  // Field names in the order the source has them (for export and for the gazetteer).
  std::vector<std::string> fields;
  bool shared_nodes_found = false;  // every unit's shared_nodes found, over the whole set
  // Set only when asked for (GeometryLoad::deferred) and the set came from the cache: then every unit's
  // geometry and shared_nodes are empty, and each unit's outline and geometry come from here, by index.
  std::shared_ptr<const DeferredGeometry> deferred = nullptr;
};

// Whether a loaded set carries its units' coordinates. Deferred only for a caller that uses no geometry
// before drawing tiles (a raster tile run whose join is by key or name), and only from the cache.
enum class GeometryLoad { decoded, deferred };

}  // namespace covermap::boundaries
