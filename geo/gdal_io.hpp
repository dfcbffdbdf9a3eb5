#pragma once
// Reads tables and polygon layers through OGR: the only way data enters covermap.
#include <string>
#include <vector>

#include "geo/feature_layer.hpp"
#include "geo/table.hpp"

namespace covermap::geo {

struct ReadOptions {
  std::string layer;     // sheet or layer name; empty: the first one
  std::string encoding;  // source text encoding (e.g. GBK) when it is not UTF-8
  std::string crs{};     // polygon layers: the source's CRS (boundaries.crs), over what the source says
};

// Any OGR table: CSV, XLSX, ODS, GPKG, ... Every cell as text; the first line of a CSV is the header.
Table read_table(const std::string& path, const ReadOptions& options = {});

// Any OGR polygon source (GeoPackage, Shapefile, GeoJSON, ...), reprojected to WGS 84 lon/lat. Throws
// InputError for a source whose coordinates cannot be lon/lat: no CRS (and none in `options`) but
// coordinates outside lon/lat range, a CRS PROJ cannot transform, a coordinate that is NaN or infinite.
FeatureLayer read_polygon_layer(const std::string& path, const ReadOptions& options = {});

// Writes a polygon layer (WGS 84) to a new GeoPackage, atomically.
void write_geopackage(const std::string& path, const FeatureLayer& layer);

std::vector<std::string> layer_names(const std::string& path);

}  // namespace covermap::geo
