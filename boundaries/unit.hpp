#pragma once
// A boundary unit (province, county, country) and a set of them, as every layer above boundaries/ sees them.
#include <cstdint>
#include <map>
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

struct BoundarySet {
  std::string source;  // "builtin:china-provinces" or the file path
  std::vector<Unit> units;
  // Field names in the order the source has them (for export and for the gazetteer).
  std::vector<std::string> fields;
  bool shared_nodes_found = false;  // every unit's shared_nodes found, over the whole set
};

}  // namespace covermap::boundaries
