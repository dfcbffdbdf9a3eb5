#pragma once
// A boundary unit (province, county, country) and a set of them, as every layer above boundaries/ sees them.
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
};

struct BoundarySet {
  std::string source;  // "builtin:china-provinces" or the file path
  std::vector<Unit> units;
  // Field names in the order the source has them (for export and for the gazetteer).
  std::vector<std::string> fields;
};

}  // namespace covermap::boundaries
