#pragma once
// Land from GSHHG, the shorelines of Debian's gmt-gshhg-full (binned_GSHHS_f.nc, full resolution, small
// islands included): GMT's netCDF of 1° bins, where each shoreline is cut at the bins' edges into segments
// of 16-bit offsets from the bin's south-west corner, with the levels of the bin's corners (0 sea, 1 land,
// 2 lake, ...). No boundary set has the South China Sea islands or the coasts around them; this draws them.
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace covermap::boundaries {

inline constexpr const char* kDefaultGshhgPath = "/usr/share/gmt-gshhg/binned_GSHHS_f.nc";

// $COVERMAP_GSHHG when set, else kDefaultGshhgPath.
std::string default_gshhg_path();

struct Land {
  // Land cut at the bins' edges, one polygon per piece of a bin, each ring counter-clockwise: fill them
  // (their edges along the bins' edges are not coasts). Lakes are filled as land.
  geo::MultiPolygon pieces;
  // The islands wholly inside one bin, each also among the pieces: the caller may draw the small ones as
  // dots, which at a small scale no fill would show.
  std::vector<geo::Ring> islands;
};

// The land of every bin that meets `box` (lon/lat; the bins' whole degrees, so a little beyond the box).
// InputError when the file cannot be opened or is damaged.
Land read_gshhg_land(const std::string& path, const geo::Box& box);

}  // namespace covermap::boundaries
