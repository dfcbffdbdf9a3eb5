#include <cctype>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>

#include "geo/ascii_text.hpp"
#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/gdal_support.hpp"

namespace covermap::geo {
namespace {

Ring ring_from(OGRGeometryH ring) {
  Ring out(static_cast<std::size_t>(gdal::api().OGR_G_GetPointCount(ring)));
  if (!out.empty())
    gdal::api().OGR_G_GetPoints(ring, &out[0].x, sizeof(Point), &out[0].y, sizeof(Point), nullptr, 0);
  return out;
}

// A polygon's geometries are its rings, the exterior first.
void append_polygon(OGRGeometryH polygon, MultiPolygon& out) {
  const gdal::Api& gdal = gdal::api();
  if (gdal.OGR_G_IsEmpty(polygon)) return;
  Polygon converted;
  converted.outer = ring_from(gdal.OGR_G_GetGeometryRef(polygon, 0));
  for (int i = 1; i < gdal.OGR_G_GetGeometryCount(polygon); ++i)
    converted.holes.push_back(ring_from(gdal.OGR_G_GetGeometryRef(polygon, i)));
  out.push_back(std::move(converted));
}

void append_geometry(OGRGeometryH geometry, MultiPolygon& out) {
  const gdal::Api& gdal = gdal::api();
  switch (gdal.OGR_GT_Flatten(gdal.OGR_G_GetGeometryType(geometry))) {
    case wkbPolygon:
      append_polygon(geometry, out);
      break;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
    case wkbMultiSurface:
      for (int i = 0; i < gdal.OGR_G_GetGeometryCount(geometry); ++i)
        append_geometry(gdal.OGR_G_GetGeometryRef(geometry, i), out);
      break;
    case wkbCurvePolygon: {
      const gdal::GeometryPtr linear(gdal.OGR_G_GetLinearGeometry(geometry, 0, nullptr));
      if (linear) append_geometry(linear.get(), out);
      break;
    }
    default:
      break;  // points and lines carry no area
  }
}

gdal::SpatialReferencePtr wgs84() {
  gdal::SpatialReferencePtr crs(gdal::api().OSRNewSpatialReference(nullptr));
  gdal::api().OSRImportFromEPSG(crs.get(), 4326);
  return crs;
}

// The layer's CRS: the one the map file states, else the source's own; null when neither says.
gdal::SpatialReferencePtr source_crs(OGRLayerH layer, const std::string& stated) {
  const gdal::Api& gdal = gdal::api();
  gdal::SpatialReferencePtr crs;
  if (!stated.empty()) {
    crs.reset(gdal.OSRNewSpatialReference(nullptr));
    if (gdal.OSRSetFromUserInput(crs.get(), stated.c_str()) != OGRERR_NONE)
      throw InputError("boundaries.crs", "unknown CRS '" + stated + "'",
                       "name it as EPSG:nnnn (EPSG:4547 for CGCS2000 / 3-degree GK CM 114E) or as WKT");
  } else if (OGRSpatialReferenceH own = gdal.OGR_L_GetSpatialRef(layer)) {
    crs.reset(gdal.OSRClone(own));
  }
  if (crs) gdal.OSRSetAxisMappingStrategy(crs.get(), OAMS_TRADITIONAL_GIS_ORDER);
  return crs;
}

// A transformation to WGS 84 lon/lat, or null when the layer is already there or has no CRS.
gdal::TransformPtr transform_to_wgs84(OGRSpatialReferenceH source, const std::string& path) {
  const gdal::Api& gdal = gdal::api();
  const gdal::SpatialReferencePtr target = wgs84();
  gdal.OSRSetAxisMappingStrategy(target.get(), OAMS_TRADITIONAL_GIS_ORDER);
  if (!source || gdal.OSRIsSame(source, target.get())) return nullptr;
  gdal::TransformPtr transform(gdal.OCTNewCoordinateTransformation(source, target.get()));
  if (!transform)
    throw InputError(
        path, "its CRS cannot be transformed to longitude/latitude: " + gdal::last_error(),
        "state the source's CRS with boundaries.crs (e.g. EPSG:4547), or reproject it to EPSG:4326");
  return transform;
}

bool all_finite(const MultiPolygon& geometry) {
  bool finite = true;
  for_each_ring(geometry, [&](const Ring& ring) {
    for (const Point& p : ring) finite = finite && std::isfinite(p.x) && std::isfinite(p.y);
  });
  return finite;
}

// Reprojects every vertex; false when any cannot be.
bool transform_rings(OGRCoordinateTransformationH transform, MultiPolygon& geometry) {
  std::vector<double> x, y;
  std::vector<int> ok;
  bool all = true;
  for_each_ring(geometry, [&](Ring& ring) {
    x.resize(ring.size()), y.resize(ring.size()), ok.assign(ring.size(), 0);
    for (std::size_t i = 0; i < ring.size(); ++i) x[i] = ring[i].x, y[i] = ring[i].y;
    if (!gdal::api().OCTTransformEx(transform, static_cast<int>(ring.size()), x.data(), y.data(), nullptr,
                                    ok.data()))
      all = false;
    for (std::size_t i = 0; i < ring.size(); ++i) ring[i] = {x[i], y[i]};
  });
  return all;
}

// Longitudes may run to 360 (a 0-360 source); anything past that, or past a pole, is not lon/lat.
bool within_lon_lat(const Box& box) {
  return box.min_x >= -360 && box.max_x <= 360 && box.min_y >= -90.000001 && box.max_y <= 90.000001;
}

// A shapefile is several files, and a copy that left one behind fails in GDAL's words or, without its .dbf,
// as a layer without fields: said here in the user's.
void require_shapefile_parts(const std::string& path) {
  std::filesystem::path shp(path);
  if (lowered_extension(path) != ".shp" || !std::filesystem::exists(shp)) return;
  const auto has = [&](const char* lower, const char* upper) {
    return std::filesystem::exists(std::filesystem::path(shp).replace_extension(lower)) ||
           std::filesystem::exists(std::filesystem::path(shp).replace_extension(upper));
  };
  const std::string hint =
      "copy it along with the .shp: a shapefile is several files (.shp, .shx, .dbf, .prj)";
  if (!has(".shx", ".SHX"))
    throw InputError(path, "its .shx file (the index of its shapes) is missing", hint);
  if (!has(".dbf", ".DBF"))
    throw InputError(path, "its .dbf file (the attributes: ids and names) is missing", hint);
}

}  // namespace

int FeatureLayer::field_index(const std::string& field) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i] == field) return static_cast<int>(i);
  return -1;
}

FeatureLayer read_polygon_layer(const std::string& path, const ReadOptions& options) {
  const gdal::QuietErrors quiet;
  require_shapefile_parts(path);
  // A shapefile's .cpg names its encoding and the driver recodes by it: it wins over boundaries.encoding.
  // Otherwise our own recoding when an encoding is named, so the driver must not recode as well.
  std::string encoding = options.encoding;
  const std::filesystem::path cpg = std::filesystem::path(path).replace_extension(".cpg");
  if (!encoding.empty() && std::filesystem::exists(cpg)) encoding.clear();
  std::vector<std::string> open_options;
  if (!encoding.empty()) open_options.emplace_back("ENCODING=");
  const gdal::Api& gdal = gdal::api();
  const gdal::DatasetPtr dataset = gdal::open_vector(path, open_options);
  OGRLayerH layer = gdal::find_layer(dataset.get(), path, options.layer);
  FeatureLayer out;
  out.source = path;
  out.layer = gdal.OGR_L_GetName(layer);
  out.fields = gdal::field_names(layer);
  const int field_count = static_cast<int>(out.fields.size());

  const gdal::SpatialReferencePtr crs = source_crs(layer, options.crs);
  const gdal::TransformPtr to_wgs84 = transform_to_wgs84(crs.get(), path);
  TextRecoder recoder(encoding, path);
  Box extent;
  gdal.OGR_L_ResetReading(layer);
  gdal.CPLErrorReset();
  for (gdal::FeaturePtr feature(gdal.OGR_L_GetNextFeature(layer)); feature;
       feature.reset(gdal.OGR_L_GetNextFeature(layer))) {
    const std::string where = path + ":" + std::to_string(out.features.size() + 1);
    gdal::throw_if_read_failed(where);
    Feature converted;
    for (int i = 0; i < field_count; ++i) {
      auto text = gdal::field_text(feature.get(), i, recoder);
      if (!text)
        throw InputError(where,
                         "field '" + out.fields[static_cast<std::size_t>(i)] + "': " + recoder.failure(),
                         recoder.failure_hint());
      converted.values.push_back(std::move(*text));
    }
    if (OGRGeometryH geometry = gdal.OGR_F_GetGeometryRef(feature.get()))
      append_geometry(geometry, converted.geometry);
    if (!all_finite(converted.geometry))
      throw InputError(where, "a coordinate is not a finite number (NaN or infinite)",
                       "fix or remove the feature's geometry in the source");
    if (to_wgs84 && !transform_rings(to_wgs84.get(), converted.geometry))
      throw InputError(where, "feature could not be reprojected to WGS 84: " + gdal::last_error(),
                       "check the source's CRS, or state it with boundaries.crs");
    if (!crs) extent.expand(bounds(converted.geometry));
    out.features.push_back(std::move(converted));
  }
  gdal::throw_if_read_failed(path + ":" + std::to_string(out.features.size() + 1));
  // Without a CRS the coordinates are taken as lon/lat; projected metres taken so would draw as nonsense.
  if (!crs && !extent.empty() && !within_lon_lat(extent))
    throw InputError(path,
                     "has no CRS and its coordinates are not longitude/latitude (they reach " +
                         std::to_string(static_cast<long long>(extent.max_x)) + ", " +
                         std::to_string(static_cast<long long>(extent.max_y)) + ")",
                     "state the CRS with boundaries.crs, e.g. EPSG:4547, or add a .prj to the source");
  return out;
}

// Writes fail for the user's reasons (a full disk, a read-only folder), not covermap's.
constexpr const char* kWriteHint = "free some space or choose a writable folder";

// A ring of `ring`'s points (2D).
gdal::GeometryPtr ring_geometry(const Ring& ring) {
  const gdal::Api& gdal = gdal::api();
  gdal::GeometryPtr out(gdal.OGR_G_CreateGeometry(wkbLinearRing));
  if (!ring.empty())
    gdal.OGR_G_SetPoints(out.get(), static_cast<int>(ring.size()), &ring[0].x, sizeof(Point), &ring[0].y,
                         sizeof(Point), nullptr, 0);
  return out;
}

gdal::GeometryPtr multipolygon_geometry(const MultiPolygon& geometry) {
  const gdal::Api& gdal = gdal::api();
  gdal::GeometryPtr multi(gdal.OGR_G_CreateGeometry(wkbMultiPolygon));
  for (const auto& polygon : geometry) {
    gdal::GeometryPtr out_polygon(gdal.OGR_G_CreateGeometry(wkbPolygon));
    gdal.OGR_G_AddGeometryDirectly(out_polygon.get(), ring_geometry(polygon.outer).release());
    for (const auto& hole : polygon.holes)
      gdal.OGR_G_AddGeometryDirectly(out_polygon.get(), ring_geometry(hole).release());
    gdal.OGR_G_AddGeometryDirectly(multi.get(), out_polygon.release());
  }
  return multi;
}

void write_geopackage(const std::string& path, const FeatureLayer& layer) {
  const gdal::Api& gdal = gdal::api();
  const gdal::QuietErrors quiet;
  GDALDriverH driver = gdal.GDALGetDriverByName("GPKG");
  if (!driver) throw InternalError("gdal", "the GeoPackage driver is not available");
  AtomicOutput output(path);
  {
    const gdal::DatasetPtr dataset(
        gdal.GDALCreate(driver, output.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) throw InputError(path, "cannot be created: " + gdal::last_error());
    const gdal::SpatialReferencePtr crs = wgs84();
    OGRLayerH out_layer =
        gdal.GDALDatasetCreateLayer(dataset.get(), layer.layer.c_str(), crs.get(), wkbMultiPolygon, nullptr);
    if (!out_layer)
      throw InputError(path, "cannot create layer '" + layer.layer + "': " + gdal::last_error());
    for (const auto& field : layer.fields) {
      const gdal::FieldDefinitionPtr definition(gdal.OGR_Fld_Create(field.c_str(), OFTString));
      if (gdal.OGR_L_CreateField(out_layer, definition.get(), TRUE) != OGRERR_NONE)
        throw InputError(path, "cannot create field '" + field + "': " + gdal::last_error());
    }
    if (gdal.GDALDatasetStartTransaction(dataset.get(), FALSE) != OGRERR_NONE)
      throw InputError(path, "cannot start a transaction: " + gdal::last_error());
    for (const auto& feature : layer.features) {
      const gdal::FeaturePtr out_feature(gdal.OGR_F_Create(gdal.OGR_L_GetLayerDefn(out_layer)));
      for (std::size_t i = 0; i < feature.values.size(); ++i)
        gdal.OGR_F_SetFieldString(out_feature.get(), static_cast<int>(i), feature.values[i].c_str());
      gdal.OGR_F_SetGeometryDirectly(out_feature.get(), multipolygon_geometry(feature.geometry).release());
      if (gdal.OGR_L_CreateFeature(out_layer, out_feature.get()) != OGRERR_NONE)
        throw InputError(path, "cannot write a feature: " + gdal::last_error(), kWriteHint);
    }
    if (gdal.GDALDatasetCommitTransaction(dataset.get()) != OGRERR_NONE)
      throw InputError(path, "cannot commit: " + gdal::last_error(), kWriteHint);
  }  // closing the dataset flushes it before the rename
  output.commit();
}

}  // namespace covermap::geo
