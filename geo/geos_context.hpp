#pragma once
// One GEOS context per thread, passed explicitly; GEOS is used only through its reentrant _r API.
#include <string>

#include "geo/geometry.hpp"
#include "geo/handles.hpp"

namespace covermap::geo {

class GeosContext {
 public:
  GeosContext();
  GeosContext(const GeosContext&) = delete;
  GeosContext& operator=(const GeosContext&) = delete;

  GEOSContextHandle_t handle() const { return handle_.get(); }
  // The last message GEOS reported on this context.
  const std::string& last_error() const { return last_error_; }

  // Throws InputError naming `what` (the feature) for a ring GEOS refuses, rather than leaving it out.
  GeosGeometryPtr to_geos(const MultiPolygon& geometry, const std::string& what = "geometry") const;
  MultiPolygon from_geos(const GEOSGeometry* geometry) const;
  GeosGeometryPtr own(GEOSGeometry* geometry) const { return GeosGeometryPtr(geometry, {handle()}); }

 private:
  GeosHandlePtr handle_;
  std::string last_error_;
};

// A point on the largest part of the polygon (GEOS PointOnSurface): cheap, and inside it.
Point interior_point(const GeosContext& geos, const MultiPolygon& geometry);

// A point well inside the polygon (the centre of its largest inscribed circle), for labels.
Point label_point(const GeosContext& geos, const MultiPolygon& geometry, double tolerance);

}  // namespace covermap::geo
