#pragma once
// What is drawn: units already projected and coloured, the legend entries, the frame. Built once per figure
// and handed to any surface (PDF, SVG, PNG).
#include <optional>
#include <string>
#include <vector>

#include "boundaries/unit.hpp"
#include "geo/geos_context.hpp"
#include "render/map_style.hpp"
#include "styles/classify.hpp"

namespace covermap::render {

struct SceneUnit {
  geo::MultiPolygon shape;            // projected
  std::optional<styles::Color> fill;  // none: no data
  std::string label;
  geo::Point label_at;  // projected, well inside the largest part
  double area = 0;      // projected, for label priority
  geo::Box bounds;      // projected, to skip units outside the frame
};

struct ScenePoint {
  geo::Point at;  // projected
  double radius_pt = 0;
  std::string label;
};

struct LegendEntry {
  std::string label;
  styles::Color fill;
  bool hatch = false;
};

struct Scene {
  MapStyle style;
  std::vector<SceneUnit> units;
  std::vector<LegendEntry> legend;
  std::vector<ScenePoint> points;     // the points: symbol layer, drawn above the units in this order
  geo::Box extent;                    // projected box the map frame must show
  double ground_metres_per_unit = 0;  // at the frame's centre; 0: CRS not linear, so no scale bar
};

// `class_of_unit[i]` is the class of unit i in `classification`, or -1 for no data.
// Takes the boundaries by value: moved in, their geometry is projected in place (one copy in memory, not
// two).
Scene build_scene(boundaries::BoundarySet boundaries, const std::vector<int>& class_of_unit,
                  const styles::Classification& classification, const MapStyle& style,
                  const geo::GeosContext& geos);

// A point of the `points:` layer before projection.
struct PointMark {
  geo::Point lon_lat;
  std::optional<double> size;  // the value the circle's area shows; none: the smallest circle
  std::string label;
};

// Projects the marks into the scene's CRS and sizes them: area proportional to the value (largest value:
// style.points.max_radius_pt), never smaller than min_radius_pt. Larger circles are drawn first.
void add_points(Scene& scene, const std::vector<PointMark>& marks);

}  // namespace covermap::render
