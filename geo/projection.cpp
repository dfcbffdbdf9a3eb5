#include "geo/projection.hpp"

#include <cctype>
#include <cmath>

#include "geo/antimeridian.hpp"
#include "geo/ascii_text.hpp"
#include "geo/error.hpp"
#include "geo/shared_library.hpp"
#include "geo/warnings.hpp"

namespace covermap::geo {
namespace {

// The PROJ functions covermap calls, from the library loaded on first use: a tile run never projects
// through PROJ (tiles are Web Mercator, by formula).
struct ProjApi {
  SharedLibrary library{COVERMAP_PROJ_SONAME};
  COVERMAP_LIBRARY_FUNCTION(library, proj_context_create);
  COVERMAP_LIBRARY_FUNCTION(library, proj_context_errno);
  COVERMAP_LIBRARY_FUNCTION(library, proj_context_errno_string);
  COVERMAP_LIBRARY_FUNCTION(library, proj_coord);
  COVERMAP_LIBRARY_FUNCTION(library, proj_coordoperation_get_method_info);
  COVERMAP_LIBRARY_FUNCTION(library, proj_coordoperation_get_param);
  COVERMAP_LIBRARY_FUNCTION(library, proj_coordoperation_get_param_count);
  COVERMAP_LIBRARY_FUNCTION(library, proj_create_crs_to_crs);
  COVERMAP_LIBRARY_FUNCTION(library, proj_crs_get_coordinate_system);
  COVERMAP_LIBRARY_FUNCTION(library, proj_crs_get_coordoperation);
  COVERMAP_LIBRARY_FUNCTION(library, proj_cs_get_axis_info);
  COVERMAP_LIBRARY_FUNCTION(library, proj_cs_get_type);
  COVERMAP_LIBRARY_FUNCTION(library, proj_errno);
  COVERMAP_LIBRARY_FUNCTION(library, proj_errno_reset);
  COVERMAP_LIBRARY_FUNCTION(library, proj_factors);
  COVERMAP_LIBRARY_FUNCTION(library, proj_get_target_crs);
  COVERMAP_LIBRARY_FUNCTION(library, proj_log_level);
  COVERMAP_LIBRARY_FUNCTION(library, proj_normalize_for_visualization);
  COVERMAP_LIBRARY_FUNCTION(library, proj_torad);
  COVERMAP_LIBRARY_FUNCTION(library, proj_trans);
  COVERMAP_LIBRARY_FUNCTION(library, proj_trans_generic);
  COVERMAP_LIBRARY_FUNCTION(library, proj_context_destroy);
  COVERMAP_LIBRARY_FUNCTION(library, proj_destroy);
};

const ProjApi& proj() {
  static const ProjApi api;
  return api;
}

}  // namespace

void ProjContextDeleter::operator()(PJ_CONTEXT* context) const {
  proj().proj_context_destroy(context);
}

void ProjDeleter::operator()(PJ* pj) const {
  proj().proj_destroy(pj);
}

namespace {

// Views of the globe from a point (orthographic, stereographic, azimuthal, gnomonic, perspective) end at a
// circle around their centre, not at a meridian: nothing to cut there.
bool azimuthal(PJ_CONTEXT* context, const PJ* operation) {
  const char* method = nullptr;
  if (!proj().proj_coordoperation_get_method_info(context, operation, &method, nullptr, nullptr) ||
      method == nullptr)
    return false;
  const std::string name = ascii_lowered(method);
  for (const char* view :
       {"azimuthal", "ortho", "stere", "gnom", "perspective", "laea", "aeqd", "nsper", "tpers", "geos"})
    if (name.find(view) != std::string::npos) return true;
  return false;
}

// The longitude the projection centres the map on: its "Longitude of natural origin" (or false origin, or
// projection centre), in degrees; none for a view from a point.
std::optional<double> central_meridian(PJ_CONTEXT* context, const PJ* crs) {
  ProjPtr operation(proj().proj_crs_get_coordoperation(context, crs));
  if (!operation || azimuthal(context, operation.get())) return std::nullopt;
  const int count = proj().proj_coordoperation_get_param_count(context, operation.get());
  for (int i = 0; i < count; ++i) {
    const char* name = nullptr;
    double value = 0, to_radians = 0;
    if (!proj().proj_coordoperation_get_param(context, operation.get(), i, &name, nullptr, nullptr, &value,
                                              nullptr, &to_radians, nullptr, nullptr, nullptr, nullptr) ||
        name == nullptr)
      continue;
    const std::string parameter = name;
    if (parameter.rfind("Longitude of", 0) == 0 && to_radians > 0) return value * to_radians * 180 / M_PI;
  }
  return std::nullopt;
}

}  // namespace

std::string resolve_crs(const std::string& name) {
  // Albers equal-area conic for China, as Chinese national atlases use it.
  if (name == "china-albers")
    return "+proj=aea +lat_1=25 +lat_2=47 +lat_0=0 +lon_0=105 +datum=WGS84 +units=m +no_defs";
  if (name == "web-mercator") return "EPSG:3857";
  return name;
}

Projector::Projector(const std::string& crs) : crs_(crs), context_(proj().proj_context_create()) {
  if (!context_) throw InternalError("proj", "could not create a PROJ context");
  proj().proj_log_level(context_.get(), PJ_LOG_NONE);
  const std::string definition = resolve_crs(crs);
  ProjPtr raw(proj().proj_create_crs_to_crs(context_.get(), "EPSG:4326", definition.c_str(), nullptr));
  if (!raw) {
    const int code = proj().proj_context_errno(context_.get());
    throw InputError("projection",
                     "unknown CRS '" + crs + "': " + proj().proj_context_errno_string(context_.get(), code),
                     "use china-albers, EPSG:nnnn or a PROJ string");
  }
  // Longitude first, whatever the CRS's axis order says.
  transform_.reset(proj().proj_normalize_for_visualization(context_.get(), raw.get()));
  if (!transform_) throw InternalError("proj", "could not normalise the axis order of '" + crs + "'");

  target_crs_.reset(proj().proj_get_target_crs(context_.get(), transform_.get()));
  ProjPtr coordinate_system(
      target_crs_ ? proj().proj_crs_get_coordinate_system(context_.get(), target_crs_.get()) : nullptr);
  if (coordinate_system &&
      proj().proj_cs_get_type(context_.get(), coordinate_system.get()) == PJ_CS_TYPE_CARTESIAN) {
    double to_metres = 0;
    if (proj().proj_cs_get_axis_info(context_.get(), coordinate_system.get(), 0, nullptr, nullptr, nullptr,
                                     &to_metres, nullptr, nullptr, nullptr))
      metres_per_unit_ = to_metres;
    central_meridian_ = central_meridian(context_.get(), target_crs_.get());
  }
}

Point Projector::forward(Point lon_lat) const {
  PJ_COORD out = proj().proj_trans(transform_.get(), PJ_FWD, proj().proj_coord(lon_lat.x, lon_lat.y, 0, 0));
  return {out.xy.x, out.xy.y};
}

Point Projector::inverse(Point projected) const {
  PJ_COORD out =
      proj().proj_trans(transform_.get(), PJ_INV, proj().proj_coord(projected.x, projected.y, 0, 0));
  return {out.lp.lam, out.lp.phi};
}

double Projector::ground_metres_per_unit(Point lon_lat) const {
  if (metres_per_unit_ <= 0) return 0;
  const PJ_FACTORS factors = proj().proj_factors(
      target_crs_.get(), proj().proj_coord(proj().proj_torad(lon_lat.x), proj().proj_torad(lon_lat.y), 0, 0));
  if (proj().proj_errno(target_crs_.get()) != 0 || !(factors.parallel_scale > 0)) {
    proj().proj_errno_reset(target_crs_.get());
    return metres_per_unit_;
  }
  return metres_per_unit_ / factors.parallel_scale;
}

std::size_t Projector::forward_ring(Ring& ring) const {
  if (ring.empty()) return 0;
  proj().proj_trans_generic(transform_.get(), PJ_FWD, &ring[0].x, sizeof(Point), ring.size(), &ring[0].y,
                            sizeof(Point), ring.size(), nullptr, 0, 0, nullptr, 0, 0);
  return std::erase_if(ring, [](const Point& p) { return !std::isfinite(p.x) || !std::isfinite(p.y); });
}

MultiPolygon Projector::forward(MultiPolygon lon_lat) const {
  if (central_meridian_) lon_lat = cut_at_antimeridian(std::move(lon_lat), *central_meridian_);
  std::size_t dropped = 0;
  for_each_ring(lon_lat, [&](Ring& ring) { dropped += forward_ring(ring); });
  if (dropped > 0) {
    dropped_vertices_ += dropped;
    ++dropped_shapes_;
  }
  return lon_lat;
}

void Projector::warn_dropped(const std::string& what) const {
  if (dropped_vertices_ == 0) return;
  warn("projection '" + crs_ + "': " + std::to_string(dropped_vertices_) + " vertices of " +
       std::to_string(dropped_shapes_) + " " + what +
       " are outside what it can project and were left out (choose a projection that covers the whole map)");
  dropped_vertices_ = dropped_shapes_ = 0;
}

LineString Projector::forward(LineString lon_lat) const {
  forward_ring(lon_lat);
  return lon_lat;
}

}  // namespace covermap::geo
