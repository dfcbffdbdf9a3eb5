#include <ogr_spatialref.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>

#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/gdal_support.hpp"

namespace covermap::geo {
namespace {

Ring ring_from(const OGRLinearRing& ring) {
  Ring out(static_cast<std::size_t>(ring.getNumPoints()));
  for (int i = 0; i < ring.getNumPoints(); ++i)
    out[static_cast<std::size_t>(i)] = {ring.getX(i), ring.getY(i)};
  return out;
}

void append_polygon(const OGRPolygon& polygon, MultiPolygon& out) {
  if (polygon.IsEmpty()) return;
  Polygon converted;
  converted.outer = ring_from(*polygon.getExteriorRing());
  for (int i = 0; i < polygon.getNumInteriorRings(); ++i)
    converted.holes.push_back(ring_from(*polygon.getInteriorRing(i)));
  out.push_back(std::move(converted));
}

void append_geometry(const OGRGeometry& geometry, MultiPolygon& out) {
  switch (wkbFlatten(geometry.getGeometryType())) {
    case wkbPolygon:
      append_polygon(*geometry.toPolygon(), out);
      break;
    case wkbMultiPolygon:
    case wkbGeometryCollection:
    case wkbMultiSurface:
      for (const OGRGeometry* part : *geometry.toGeometryCollection()) append_geometry(*part, out);
      break;
    case wkbCurvePolygon: {
      std::unique_ptr<OGRGeometry> linear(geometry.getLinearGeometry());
      if (linear) append_geometry(*linear, out);
      break;
    }
    default:
      break;  // points and lines carry no area
  }
}

using TransformPtr = std::unique_ptr<OGRCoordinateTransformation>;

OGRSpatialReference wgs84() {
  OGRSpatialReference crs;
  crs.importFromEPSG(4326);
  crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return crs;
}

// The layer's CRS: the one the map file states, else the source's own; nullopt when neither says.
std::optional<OGRSpatialReference> source_crs(OGRLayer& layer, const std::string& stated) {
  if (!stated.empty()) {
    OGRSpatialReference crs;
    if (crs.SetFromUserInput(stated.c_str()) != OGRERR_NONE)
      throw InputError("boundaries.crs", "unknown CRS '" + stated + "'",
                       "name it as EPSG:nnnn (EPSG:4547 for CGCS2000 / 3-degree GK CM 114E) or as WKT");
    crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return crs;
  }
  const OGRSpatialReference* own = layer.GetSpatialRef();
  if (!own) return std::nullopt;
  OGRSpatialReference crs(*own);
  crs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return crs;
}

// A transformation to WGS 84 lon/lat, or null when the layer is already there or has no CRS.
TransformPtr transform_to_wgs84(const std::optional<OGRSpatialReference>& source, const std::string& path) {
  const OGRSpatialReference target = wgs84();
  if (!source || source->IsSame(&target)) return nullptr;
  TransformPtr transform(OGRCreateCoordinateTransformation(&*source, &target));
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
bool transform_rings(OGRCoordinateTransformation& transform, MultiPolygon& geometry) {
  std::vector<double> x, y;
  std::vector<int> ok;
  bool all = true;
  for_each_ring(geometry, [&](Ring& ring) {
    x.resize(ring.size()), y.resize(ring.size()), ok.assign(ring.size(), 0);
    for (std::size_t i = 0; i < ring.size(); ++i) x[i] = ring[i].x, y[i] = ring[i].y;
    if (!transform.Transform(ring.size(), x.data(), y.data(), nullptr, ok.data())) all = false;
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
  std::string extension = shp.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (extension != ".shp" || !std::filesystem::exists(shp)) return;
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
  auto dataset = gdal::open_vector(path, open_options);
  OGRLayer* layer = gdal::find_layer(*dataset, path, options.layer);
  FeatureLayer out;
  out.source = path;
  out.layer = layer->GetName();
  const OGRFeatureDefn* definition = layer->GetLayerDefn();
  for (int i = 0; i < definition->GetFieldCount(); ++i)
    out.fields.emplace_back(definition->GetFieldDefn(i)->GetNameRef());

  const std::optional<OGRSpatialReference> crs = source_crs(*layer, options.crs);
  TransformPtr to_wgs84 = transform_to_wgs84(crs, path);
  TextRecoder recoder(encoding, path);
  Box extent;
  layer->ResetReading();
  CPLErrorReset();
  for (auto& feature : *layer) {
    const std::string where = path + ":" + std::to_string(out.features.size() + 1);
    gdal::throw_if_read_failed(where);
    Feature converted;
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
      auto text = gdal::field_text(*feature, i, recoder);
      if (!text)
        throw InputError(where,
                         "field '" + out.fields[static_cast<std::size_t>(i)] + "': " + recoder.failure(),
                         recoder.failure_hint());
      converted.values.push_back(std::move(*text));
    }
    if (const OGRGeometry* geometry = feature->GetGeometryRef())
      append_geometry(*geometry, converted.geometry);
    if (!all_finite(converted.geometry))
      throw InputError(where, "a coordinate is not a finite number (NaN or infinite)",
                       "fix or remove the feature's geometry in the source");
    if (to_wgs84 && !transform_rings(*to_wgs84, converted.geometry))
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

void write_geopackage(const std::string& path, const FeatureLayer& layer) {
  const gdal::QuietErrors quiet;
  gdal::initialise();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
  if (!driver) throw InternalError("gdal", "the GeoPackage driver is not available");
  AtomicOutput output(path);
  {
    GDALDatasetUniquePtr dataset(driver->Create(output.temp_path().c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dataset) throw InputError(path, "cannot be created: " + gdal::last_error());
    OGRSpatialReference wgs84;
    wgs84.importFromEPSG(4326);
    OGRLayer* out_layer = dataset->CreateLayer(layer.layer.c_str(), &wgs84, wkbMultiPolygon, nullptr);
    if (!out_layer)
      throw InputError(path, "cannot create layer '" + layer.layer + "': " + gdal::last_error());
    for (const auto& field : layer.fields) {
      OGRFieldDefn definition(field.c_str(), OFTString);
      if (out_layer->CreateField(&definition) != OGRERR_NONE)
        throw InputError(path, "cannot create field '" + field + "': " + gdal::last_error());
    }
    if (dataset->StartTransaction() != OGRERR_NONE)
      throw InputError(path, "cannot start a transaction: " + gdal::last_error());
    for (const auto& feature : layer.features) {
      OGRFeatureUniquePtr out_feature(OGRFeature::CreateFeature(out_layer->GetLayerDefn()));
      for (std::size_t i = 0; i < feature.values.size(); ++i)
        out_feature->SetField(static_cast<int>(i), feature.values[i].c_str());
      auto multi = std::make_unique<OGRMultiPolygon>();
      for (const auto& polygon : feature.geometry) {
        auto out_polygon = std::make_unique<OGRPolygon>();
        auto add_ring = [&](const Ring& ring) {
          auto out_ring = std::make_unique<OGRLinearRing>();
          out_ring->setNumPoints(static_cast<int>(ring.size()));
          for (std::size_t i = 0; i < ring.size(); ++i)
            out_ring->setPoint(static_cast<int>(i), ring[i].x, ring[i].y);
          out_polygon->addRingDirectly(out_ring.release());
        };
        add_ring(polygon.outer);
        for (const auto& hole : polygon.holes) add_ring(hole);
        multi->addGeometryDirectly(out_polygon.release());
      }
      out_feature->SetGeometryDirectly(multi.release());
      if (out_layer->CreateFeature(out_feature.get()) != OGRERR_NONE)
        throw InputError(path, "cannot write a feature: " + gdal::last_error(), kWriteHint);
    }
    if (dataset->CommitTransaction() != OGRERR_NONE)
      throw InputError(path, "cannot commit: " + gdal::last_error(), kWriteHint);
  }  // closing the dataset flushes it before the rename
  output.commit();
}

}  // namespace covermap::geo
