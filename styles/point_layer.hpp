#pragma once
// The `points:` layer read from its table, as plain data: where each point goes and how it looks (a symbol
// of its kind, or a numbered badge), and the legend entries that explain the symbols. Drawn by
// render/draw_points.
#include <optional>
#include <string>
#include <vector>

#include "boundaries/unit.hpp"
#include "geo/geos_context.hpp"
#include "styles/legend.hpp"
#include "styles/map_spec.hpp"

namespace covermap::styles {

struct PointMark {
  std::optional<geo::Point> lon_lat;  // none: a numbered row without a place, listed in the legend only
  std::optional<double> size;         // the value the circle's area shows; none: the smallest circle
  std::string label;
  int kind = -1;            // index into PointLayer::kinds; -1: the layer's own symbol
  std::string number = {};  // printed in a badge instead of a symbol; empty: a symbol
  std::string text = {};    // the legend's line for the number
};

struct PointLayer {
  std::vector<PointMark> marks;  // in the table's order
  std::vector<PointKind> kinds;  // the listed kinds, then any others in order of appearance
};

// Reads the table `spec.points` names. A row without coordinates goes inside the unit its `unit` column
// names (one of `units`, found as data keys are: code or name); a numbered row without either is listed in
// the legend only; other rows without a place are skipped. Bad numbers, units that name no single unit, and
// kinds not listed (when `kinds` are) are InputErrors naming the row.
PointLayer read_point_layer(const MapSpec& spec, const boundaries::BoundarySet& units,
                            const geo::GeosContext& geos);

// The entries that explain the layer's symbols: one per kind that has points, one per number and text (in
// the order of the numbers; hollow when the number has no place on the map), or the single entry
// `style.legend` names for points drawn alike.
std::vector<LegendEntry> point_legend_entries(const PointLayer& layer, const PointStyle& style);

}  // namespace covermap::styles
