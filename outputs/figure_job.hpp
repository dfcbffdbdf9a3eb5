#pragma once
// A whole figure from a map document: every map (or panel) joined, classified, drawn and written to one
// PDF, SVG or PNG. What `covermap render` does, and `covermap build` for each figure of a project.
#include <optional>
#include <string>

#include "geo/geos_context.hpp"
#include "styles/map_spec.hpp"

namespace covermap::outputs {

struct FigureResult {
  std::size_t panels = 0;  // maps drawn on the page
  std::string summary;     // the join summary of each map, "; "-separated
};

// Refuses an unclean join before anything is drawn (styles::require_clean_join), unless `allow_unmatched`.
// `dpi` overrides the page's for a PNG. The file at `output_path` is replaced only when complete.
FigureResult make_figure(const styles::MapDocument& document, const std::string& output_path,
                         std::optional<double> dpi, bool allow_unmatched, const geo::GeosContext& geos);

}  // namespace covermap::outputs
