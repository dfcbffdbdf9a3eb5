#include <ogr_spatialref.h>

#include <filesystem>
#include <memory>

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

// A transformation to WGS 84 lon/lat, or null when the layer is already there (or says nothing of its CRS).
TransformPtr transform_to_wgs84(const OGRLayer& layer) {
  const OGRSpatialReference* source = const_cast<OGRLayer&>(layer).GetSpatialRef();
  if (!source) return nullptr;
  OGRSpatialReference wgs84;
  wgs84.importFromEPSG(4326);
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  if (source->IsSame(&wgs84)) return nullptr;
  OGRSpatialReference source_copy(*source);
  source_copy.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  return TransformPtr(OGRCreateCoordinateTransformation(&source_copy, &wgs84));
}

}  // namespace

int FeatureLayer::field_index(const std::string& field) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i] == field) return static_cast<int>(i);
  return -1;
}

FeatureLayer read_polygon_layer(const std::string& path, const ReadOptions& options) {
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

  TransformPtr to_wgs84 = transform_to_wgs84(*layer);
  TextRecoder recoder(encoding, path);
  layer->ResetReading();
  for (auto& feature : *layer) {
    Feature converted;
    for (int i = 0; i < definition->GetFieldCount(); ++i) {
      auto text = gdal::field_text(*feature, i, recoder);
      if (!text)
        throw InputError(path + ":" + std::to_string(out.features.size() + 1),
                         "field '" + out.fields[static_cast<std::size_t>(i)] + "': " + recoder.failure(),
                         recoder.failure_hint());
      converted.values.push_back(std::move(*text));
    }
    if (OGRGeometry* geometry = feature->GetGeometryRef()) {
      if (to_wgs84 && geometry->transform(to_wgs84.get()) != OGRERR_NONE)
        throw InputError(path + ":" + std::to_string(out.features.size() + 1),
                         "feature could not be reprojected to WGS 84: " + gdal::last_error());
      append_geometry(*geometry, converted.geometry);
    }
    out.features.push_back(std::move(converted));
  }
  return out;
}

void write_geopackage(const std::string& path, const FeatureLayer& layer) {
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
      throw InternalError(path, "cannot create layer '" + layer.layer + "': " + gdal::last_error());
    for (const auto& field : layer.fields) {
      OGRFieldDefn definition(field.c_str(), OFTString);
      if (out_layer->CreateField(&definition) != OGRERR_NONE)
        throw InternalError(path, "cannot create field '" + field + "': " + gdal::last_error());
    }
    if (dataset->StartTransaction() != OGRERR_NONE) throw InternalError(path, "cannot start a transaction");
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
        throw InternalError(path, "cannot write a feature: " + gdal::last_error());
    }
    if (dataset->CommitTransaction() != OGRERR_NONE)
      throw InternalError(path, "cannot commit: " + gdal::last_error());
  }  // closing the dataset flushes it before the rename
  output.commit();
}

}  // namespace covermap::geo
