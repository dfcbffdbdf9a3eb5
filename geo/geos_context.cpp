#include "geo/geos_context.hpp"

#include "geo/error.hpp"

namespace covermap::geo {
namespace {

void on_geos_error(const char* message, void* userdata) {
  *static_cast<std::string*>(userdata) = message;
}

// The ring's points, closed if the source left it open and padded to GEOS's minimum of four points (a
// degenerate ring, for MakeValid to drop), written straight into the sequence without copying the ring.
GeosCoordSeqPtr ring_sequence(GEOSContextHandle_t handle, const Ring& ring) {
  const bool open = !ring.empty() && !(ring.front() == ring.back());
  const std::size_t size = ring.empty() ? 0 : std::max<std::size_t>(ring.size() + (open ? 1 : 0), 4);
  GeosCoordSeqPtr sequence(GEOSCoordSeq_create_r(handle, static_cast<unsigned>(size), 2), {handle});
  if (!sequence) throw InternalError("geos", "could not allocate a coordinate sequence");
  for (std::size_t i = 0; i < size; ++i) {
    const Point& p = i < ring.size() ? ring[i] : ring.front();
    GEOSCoordSeq_setXY_r(handle, sequence.get(), static_cast<unsigned>(i), p.x, p.y);
  }
  return sequence;
}

GeosGeometryPtr linear_ring(GEOSContextHandle_t handle, const Ring& ring) {
  auto sequence = ring_sequence(handle, ring);
  GEOSGeometry* made = GEOSGeom_createLinearRing_r(handle, sequence.get());
  if (made) sequence.release();  // the ring took ownership
  return GeosGeometryPtr(made, {handle});
}

Ring ring_from(GEOSContextHandle_t handle, const GEOSGeometry* ring) {
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(handle, ring);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(handle, sequence, &size);
  Ring out(size);
  for (unsigned i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(handle, sequence, i, &out[i].x, &out[i].y);
  return out;
}

void collect_polygons(GEOSContextHandle_t handle, const GEOSGeometry* geometry, MultiPolygon& out) {
  const int type = GEOSGeomTypeId_r(handle, geometry);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(handle, geometry)) return;
    Polygon polygon;
    polygon.outer = ring_from(handle, GEOSGetExteriorRing_r(handle, geometry));
    const int holes = GEOSGetNumInteriorRings_r(handle, geometry);
    for (int i = 0; i < holes; ++i)
      polygon.holes.push_back(ring_from(handle, GEOSGetInteriorRingN_r(handle, geometry, i)));
    out.push_back(std::move(polygon));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int parts = GEOSGetNumGeometries_r(handle, geometry);
    for (int i = 0; i < parts; ++i) collect_polygons(handle, GEOSGetGeometryN_r(handle, geometry, i), out);
  }
  // Points and lines left by MakeValid carry no area: dropped on purpose.
}

}  // namespace

GeosContext::GeosContext() : handle_(GEOS_init_r()) {
  if (!handle_) throw InternalError("geos", "could not create a GEOS context");
  GEOSContext_setErrorMessageHandler_r(handle_.get(), on_geos_error, &last_error_);
}

GeosGeometryPtr GeosContext::to_geos(const MultiPolygon& geometry) const {
  GEOSContextHandle_t h = handle();
  std::vector<GEOSGeometry*> polygons;
  for (const auto& polygon : geometry) {
    auto shell = linear_ring(h, polygon.outer);
    if (!shell) continue;
    std::vector<GEOSGeometry*> holes;
    for (const auto& hole : polygon.holes) {
      if (auto ring = linear_ring(h, hole)) holes.push_back(ring.release());
    }
    GEOSGeometry* made =
        GEOSGeom_createPolygon_r(h, shell.release(), holes.data(), static_cast<unsigned>(holes.size()));
    if (!made) {
      for (auto* p : polygons) GEOSGeom_destroy_r(h, p);
      throw InternalError("geos", "could not build a polygon: " + last_error_);
    }
    polygons.push_back(made);
  }
  GEOSGeometry* collection = GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, polygons.data(),
                                                         static_cast<unsigned>(polygons.size()));
  if (!collection) throw InternalError("geos", "could not build a multipolygon: " + last_error_);
  return own(collection);
}

MultiPolygon GeosContext::from_geos(const GEOSGeometry* geometry) const {
  MultiPolygon out;
  collect_polygons(handle(), geometry, out);
  return out;
}

namespace {

const Polygon& largest_part(const MultiPolygon& geometry) {
  const Polygon* largest = &geometry.front();
  double largest_area = -1;
  for (const auto& polygon : geometry) {
    const double a = area(polygon);
    if (a > largest_area) largest_area = a, largest = &polygon;
  }
  return *largest;
}

Point first_point(const GeosContext& geos, const GEOSGeometry* geometry) {
  const GEOSCoordSequence* sequence = GEOSGeom_getCoordSeq_r(geos.handle(), geometry);
  Point point;
  GEOSCoordSeq_getXY_r(geos.handle(), sequence, 0, &point.x, &point.y);
  return point;
}

}  // namespace

Point interior_point(const GeosContext& geos, const MultiPolygon& geometry) {
  if (geometry.empty()) return {};
  auto input = geos.to_geos(MultiPolygon{largest_part(geometry)});
  auto point = geos.own(GEOSPointOnSurface_r(geos.handle(), input.get()));
  if (!point) throw InternalError("geos", "no point on the surface: " + geos.last_error());
  return first_point(geos, point.get());
}

Point label_point(const GeosContext& geos, const MultiPolygon& geometry, double tolerance) {
  if (geometry.empty()) return {};
  // Label the largest part: a province's mainland rather than its islands.
  auto input = geos.to_geos(MultiPolygon{largest_part(geometry)});
  // The search needs the outline only to the label's own tolerance; a coast of 100,000 vertices simplified to
  // that is a few hundred, and the search gets that much faster. A small island may vanish: then the
  // original.
  auto simplified = geos.own(GEOSSimplify_r(geos.handle(), input.get(), tolerance));
  const bool usable = simplified && GEOSisEmpty_r(geos.handle(), simplified.get()) == 0 &&
                      GEOSisValid_r(geos.handle(), simplified.get()) == 1;
  auto circle = geos.own(
      GEOSMaximumInscribedCircle_r(geos.handle(), usable ? simplified.get() : input.get(), tolerance));
  if (!circle) throw InternalError("geos", "label placement failed: " + geos.last_error());
  return first_point(geos, circle.get());
}

}  // namespace covermap::geo
