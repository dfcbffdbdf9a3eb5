#pragma once
// Decoding of the Digital Chart of the World as GMT ships it (Debian's gmt-dcw, dcw-gmt.nc). Each unit ("ZA",
// "CNGD") is a pair of uint16 arrays UNIT_lon/UNIT_lat; a coordinate is `min + value / scale` with the
// array's attributes. A 65535 in _lon is a ring separator (not a coordinate) and _lat at that index is 1 when
// the ring after it is a hole. Every array in gmt-dcw 2.1.1 starts with a separator; one that does not starts
// with an outer ring.
//
// Longitudes: DCW stores the western hemisphere mostly as 180..360 (US, Canada, Portugal) and rings crossing
// the antimeridian as continuous runs past 180 (Russia, Fiji, the Aleutians); Antarctica's single ring jumps
// from -180 to 180. We keep each ring continuous while decoding (so holes meet their outer ring), close a
// ring that winds around a pole through that pole, and only then wrap every part into [-180, 180], splitting
// the parts that cross the antimeridian there. The result is valid planar lon/lat in the usual range.
#include <cstdint>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "geo/geos_context.hpp"

namespace covermap::geo {
class NetcdfFile;
}

namespace covermap::boundaries {

inline constexpr std::uint16_t kDcwSeparator = 65535;

// Rings closed (first point == last), consecutive duplicates and degenerate rings dropped, each hole attached
// to the smallest outer ring containing it (holes outside every outer ring are dropped). Longitudes are
// unwrapped to run continuously; a ring that winds once around the globe is closed through the pole. No
// validity repair.
geo::MultiPolygon decode_dcw_rings(const std::vector<std::uint16_t>& lon,
                                   const std::vector<std::uint16_t>& lat, double lon_min, double lon_scale,
                                   double lat_min, double lat_scale);

// Moves every polygon into longitudes [-180, 180] by whole turns; polygons crossing +-180 are cut there and
// the pieces moved. `geometry` must be valid; the result is. `what` names the unit in error messages.
geo::MultiPolygon wrap_longitudes(const geo::GeosContext& geos, const geo::MultiPolygon& geometry,
                                  const std::string& what);

// One unit of an open DCW file ("ZA", "CNGD"): decoded, made valid and wrapped into [-180, 180].
// InternalError if the file lacks the unit's arrays or their attributes.
geo::MultiPolygon read_dcw_unit(const geo::NetcdfFile& file, const std::string& code,
                                const geo::GeosContext& geos);

}  // namespace covermap::boundaries
