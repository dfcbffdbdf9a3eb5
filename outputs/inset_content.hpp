#pragma once
// What the South China Sea inset draws besides the units: the boundary line (only from a source the user
// names, or the boundaries source's own scs_boundary layer), the land around the units (GSHHG's shorelines,
// small islands included), and a note saying what is not drawn.
#include <map>
#include <optional>
#include <string>

#include "boundaries/gshhg.hpp"
#include "styles/map_spec.hpp"

namespace covermap::outputs {

struct InsetContent {
  geo::MultiPolygon boundary;              // lon/lat, thin polygons; empty: no line
  const boundaries::Land* land = nullptr;  // none: no land beyond the units
  std::string title;
  std::string note;  // what is not drawn; empty: everything is
};

// Reads each inset's land once per run (the panels of a page share it).
class InsetLoader {
 public:
  // Nothing for a map without an inset. A missing GSHHG file is a warning (and a note on the inset) unless
  // the map file names the land's source; a missing boundary source is an InputError.
  InsetContent load(const styles::MapSpec& spec);

 private:
  const boundaries::Land* land(const styles::MapSpec& spec);

  std::map<std::string, boundaries::Land> land_by_path_;
};

}  // namespace covermap::outputs
