#pragma once
// Owning pointers for the C handles geo/ uses (PROJ, GEOS). GDAL's own unique pointers
// (GDALDatasetUniquePtr, OGRFeatureUniquePtr) are used as they are, inside geo/gdal_* only.
// Cairo and Pango handles live in render/cairo_handles.hpp, since geo/ must not depend on them.
#include <geos_c.h>
#include <proj.h>

#include <memory>

namespace covermap::geo {

// PROJ is loaded on first use (geo/shared_library.hpp): its deleters call it from geo/projection.cpp.
struct ProjContextDeleter {
  void operator()(PJ_CONTEXT* context) const;
};
using ProjContextPtr = std::unique_ptr<PJ_CONTEXT, ProjContextDeleter>;

struct ProjDeleter {
  void operator()(PJ* pj) const;
};
using ProjPtr = std::unique_ptr<PJ, ProjDeleter>;

struct GeosHandleDeleter {
  void operator()(GEOSContextHandle_t handle) const { GEOS_finish_r(handle); }
};
using GeosHandlePtr = std::unique_ptr<std::remove_pointer_t<GEOSContextHandle_t>, GeosHandleDeleter>;

// A GEOS geometry is freed through the context that made it, so the deleter carries the handle.
struct GeosGeometryDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(GEOSGeometry* geometry) const { GEOSGeom_destroy_r(handle, geometry); }
};
using GeosGeometryPtr = std::unique_ptr<GEOSGeometry, GeosGeometryDeleter>;

struct GeosCoordSeqDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(GEOSCoordSequence* sequence) const { GEOSCoordSeq_destroy_r(handle, sequence); }
};
using GeosCoordSeqPtr = std::unique_ptr<GEOSCoordSequence, GeosCoordSeqDeleter>;

struct GeosPreparedDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(const GEOSPreparedGeometry* prepared) const {
    GEOSPreparedGeom_destroy_r(handle, prepared);
  }
};
using GeosPreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, GeosPreparedDeleter>;

struct GeosStrTreeDeleter {
  GEOSContextHandle_t handle = nullptr;
  void operator()(GEOSSTRtree* tree) const { GEOSSTRtree_destroy_r(handle, tree); }
};
using GeosStrTreePtr = std::unique_ptr<GEOSSTRtree, GeosStrTreeDeleter>;

}  // namespace covermap::geo
