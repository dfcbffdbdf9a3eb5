#pragma once
// A polygon layer read from any OGR source, reprojected to WGS 84 lon/lat.
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::geo {

struct Feature {
  std::vector<std::string> values;  // one per field of the layer, as text ("" for null)
  MultiPolygon geometry;
};

struct FeatureLayer {
  std::string source;
  std::string layer;
  std::vector<std::string> fields;
  std::vector<Feature> features;

  int field_index(const std::string& field) const;
};

}  // namespace covermap::geo
