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

// Null when GEOS refuses the ring; the sequence passes to GEOS either way.
GeosGeometryPtr linear_ring(GEOSContextHandle_t handle, const Ring& ring) {
  return GeosGeometryPtr(GEOSGeom_createLinearRing_r(handle, ring_sequence(handle, ring).release()),
                         {handle});
}

// Hands owned geometries to a GEOS call that takes them over: GEOS owns them from the call on, whether it
// succeeds or not.
std::vector<GEOSGeometry*> release_all(std::vector<GeosGeometryPtr>& owned) {
  std::vector<GEOSGeometry*> raw;
  raw.reserve(owned.size());
  for (auto& geometry : owned) raw.push_back(geometry.release());
  owned.clear();
  return raw;
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

GeosGeometryPtr GeosContext::to_geos(const MultiPolygon& geometry, const std::string& what) const {
  GEOSContextHandle_t h = handle();
  std::vector<GeosGeometryPtr> polygons;
  polygons.reserve(geometry.size());
  for (std::size_t part = 0; part < geometry.size(); ++part) {
    const Polygon& polygon = geometry[part];
    const auto ring = [&](const Ring& points, std::size_t index) {
      GeosGeometryPtr made = linear_ring(h, points);
      if (!made)
        throw InputError(what, "part " + std::to_string(part + 1) + ": GEOS cannot build ring " +
                                   std::to_string(index + 1) + ": " + last_error_);
      return made;
    };
    GeosGeometryPtr shell = ring(polygon.outer, 0);
    std::vector<GeosGeometryPtr> holes;
    for (std::size_t i = 0; i < polygon.holes.size(); ++i) holes.push_back(ring(polygon.holes[i], i + 1));
    std::vector<GEOSGeometry*> raw_holes = release_all(holes);
    GeosGeometryPtr made = own(GEOSGeom_createPolygon_r(h, shell.release(), raw_holes.data(),
                                                        static_cast<unsigned>(raw_holes.size())));
    if (!made)
      throw InputError(what, "part " + std::to_string(part + 1) + ": GEOS cannot build it: " + last_error_);
    polygons.push_back(std::move(made));
  }
  std::vector<GEOSGeometry*> raw = release_all(polygons);
  GEOSGeometry* collection =
      GEOSGeom_createCollection_r(h, GEOS_MULTIPOLYGON, raw.data(), static_cast<unsigned>(raw.size()));
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
