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

// A path to one of GDAL's virtual file systems (/vsicurl/https://..., /vsis3/bucket/key, /vsizip/...): read
// by GDAL from elsewhere, not a file on the local disk.
bool is_gdal_virtual_path(const std::string& path);

// The whole content of a file GDAL can read, virtual or local (InputError naming it when it cannot be read):
// how remote inputs are hashed.
std::string read_gdal_file(const std::string& path);

}  // namespace covermap::geo
