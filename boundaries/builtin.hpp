#pragma once
// The boundaries covermap ships without a file of the user's: China's provinces and the world's countries,
// both read from the Digital Chart of the World that Debian's gmt-dcw package installs.
#include <string>
#include <vector>

#include "boundaries/unit.hpp"
#include "geo/geos_context.hpp"

namespace covermap::boundaries {

inline constexpr const char* kDefaultDcwPath = "/usr/share/gmt-dcw/dcw-gmt.nc";

// The names "builtin:NAME" accepts: {"china-provinces", "world-countries"}.
std::vector<std::string> builtin_names();

// $COVERMAP_DCW when set and not empty, else kDefaultDcwPath. The country names are read from
// dcw-countries.txt in the same folder.
std::string default_dcw_path();

// `name` without the "builtin:" prefix. InputError for an unknown name or a missing or unusable DCW file.
// china-provinces: 34 units, id = adcode, name = Chinese name, fields adcode, iso, name_zh, name_en.
// world-countries: one unit per DCW country, id = ISO 3166-1 alpha-2, name = English name, fields iso,
// name_en. Units are sorted by id.
BoundarySet load_builtin(const std::string& name, const geo::GeosContext& geos);

}  // namespace covermap::boundaries
