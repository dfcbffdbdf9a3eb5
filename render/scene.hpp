#pragma once
// What is drawn: units already projected and coloured, the legend entries, the frame. Built once per figure
// and handed to any surface (PDF, SVG, PNG).
#include <optional>
#include <string>
#include <vector>

#include "boundaries/gshhg.hpp"
#include "boundaries/unit.hpp"
#include "geo/geos_context.hpp"
#include "styles/classify.hpp"
#include "styles/legend.hpp"
#include "styles/map_style.hpp"
#include "styles/point_layer.hpp"

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
  styles::Color fill;
  styles::MarkShape shape = styles::MarkShape::circle;
  std::string number;  // drawn as a numbered badge instead of the symbol
};

struct Scene {
  styles::MapStyle style;
  std::vector<SceneUnit> units;
  std::vector<styles::LegendEntry> legend;
  geo::Box extent;                       // projected box the map frame must show
  double ground_metres_per_unit = 0;     // at the frame's centre; 0: CRS not linear, so no scale bar
  geo::Box inset_extent;                 // projected box the inset shows; empty: no inset
  geo::MultiPolygon inset_boundary;      // projected, drawn in the inset only (the South China Sea line)
  geo::MultiPolygon inset_land;          // projected: land around the units, under them, in the inset only
  std::vector<geo::Point> inset_islets;  // projected: islands too small for the inset's scale, drawn as dots
  std::vector<geo::LineString> graticule;  // projected meridians and parallels; empty: none
  double north_angle = 0;          // true north at the frame's centre, radians clockwise from straight up
  std::vector<ScenePoint> points;  // the points: symbol layer, drawn above the units in this order
};

// The inset's height as a share of the map frame's, at most and at least (render/draw_inset).
inline constexpr double kInsetLargestShare = 0.34;
inline constexpr double kInsetSmallestShare = 0.2;
// Islands smaller than this on the page are drawn as dots of this size.
inline constexpr double kInsetIsletDiameterPt = 0.9;

// The lon/lat box the South China Sea inset shows, and the latitude south of which parts of units inside it
// are left out of the main map's default extent (Hainan's southern cape is at 18.16°N).
inline constexpr geo::Box kSouthChinaSeaInset{106.0, 2.5, 123.5, 25.0};
inline constexpr double kSouthChinaSeaMainMapSouth = 18.0;

// `class_of_unit[i]` is the class of unit i in `classification`, or -1 for no data.
// `inset_boundary` (lon/lat, may be empty) is the boundary line the inset draws, as thin polygons.
// Takes the boundaries by value: moved in, their geometry is projected in place (one copy in memory, not
// two). `detail_pt` is the finest detail the output shows, in page points: the units are simplified to it,
// shared borders once for both sides (geo/shared_edge_simplify); 0 keeps every vertex.
Scene build_scene(boundaries::BoundarySet boundaries, const std::vector<int>& class_of_unit,
                  const styles::Classification& classification, const styles::MapStyle& style,
                  const geo::GeosContext& geos, double detail_pt, geo::MultiPolygon inset_boundary = {});

// The detail a figure format shows: a fifth of a point in vector output (0.07 mm, under a 300 dpi dot and
// finer than the eye tells apart on paper), a quarter pixel in a raster. For the 2,884 counties at 180 mm a
// tenth of a point drew no differently at 300 dpi (0.8% of pixels off by more than 32 levels from every
// vertex kept, 1.5% at a fifth, all single pixels along borders) but wrote 1.6 times the bytes.
double figure_detail_pt(bool raster, double dpi);

// Adds land (GSHHG's, lon/lat) to the scene's inset: projected, simplified to what the inset shows at its
// largest (`detail_pt` as for build_scene), and its islands too small to show as shapes kept as dots, one per
// dot's width. Nothing without an inset.
void add_inset_land(Scene& scene, const boundaries::Land& land, double detail_pt);

// Projects the layer's marks into the scene's CRS and sizes them: area proportional to the value (largest
// value: style.points.max_radius_pt), never smaller than min_radius_pt, or the size of their kind; larger
// symbols are drawn first, numbered badges last. Adds the entries that explain them to the legend.
void add_points(Scene& scene, const styles::PointLayer& layer);

}  // namespace covermap::render
