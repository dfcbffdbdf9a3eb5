#include <algorithm>
#include <cmath>

#include "boundaries/shared_nodes.hpp"
#include "geo/error.hpp"
#include "geo/projection.hpp"
#include "geo/shared_edge_simplify.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"
#include "styles/legend.hpp"

namespace covermap::render {
namespace {

// The projected bounds of a lon/lat box, sampled along its edges since a conic projection bends them.
geo::Box project_box(const geo::Projector& projector, const geo::Box& lon_lat) {
  geo::Box out;
  constexpr int kSteps = 32;
  for (int i = 0; i <= kSteps; ++i) {
    const double t = static_cast<double>(i) / kSteps;
    const double x = lon_lat.min_x + t * lon_lat.width();
    const double y = lon_lat.min_y + t * lon_lat.height();
    for (const geo::Point p : {geo::Point{x, lon_lat.min_y}, geo::Point{x, lon_lat.max_y},
                               geo::Point{lon_lat.min_x, y}, geo::Point{lon_lat.max_x, y}}) {
      const geo::Point q = projector.forward(p);
      if (std::isfinite(q.x) && std::isfinite(q.y)) out.expand(q);
    }
  }
  return out;
}

// Meridians and parallels every `step` degrees over `lon_lat` (widened to whole steps), sampled every half
// degree or finer so that they bend with the projection.
std::vector<geo::LineString> graticule_lines(const geo::Projector& projector, const geo::Box& lon_lat,
                                             double step) {
  std::vector<geo::LineString> lines;
  if (lon_lat.empty() || !(step > 0)) return lines;
  const double west = std::max(-180.0, std::floor(lon_lat.min_x / step) * step);
  const double east = std::min(180.0, std::ceil(lon_lat.max_x / step) * step);
  const double south = std::max(-85.0, std::floor(lon_lat.min_y / step) * step);
  const double north = std::min(85.0, std::ceil(lon_lat.max_y / step) * step);
  const double sample = std::min(0.5, step / 4);
  const auto line = [&](geo::Point from, geo::Point to) {
    const int steps =
        std::max(1, static_cast<int>(std::ceil(std::hypot(to.x - from.x, to.y - from.y) / sample)));
    geo::LineString points;
    for (int i = 0; i <= steps; ++i) {
      const double t = static_cast<double>(i) / steps;
      points.push_back({from.x + t * (to.x - from.x), from.y + t * (to.y - from.y)});
    }
    geo::LineString projected = projector.forward(std::move(points));
    if (projected.size() >= 2) lines.push_back(std::move(projected));
  };
  // Multiples of the step counted from 0°, so 10° lines fall on 100°E, 110°E, ... whatever the extent.
  for (long k = std::lround(std::ceil(west / step)); static_cast<double>(k) * step <= east + 1e-9; ++k)
    line({static_cast<double>(k) * step, south}, {static_cast<double>(k) * step, north});
  for (long k = std::lround(std::ceil(south / step)); static_cast<double>(k) * step <= north + 1e-9; ++k)
    line({west, static_cast<double>(k) * step}, {east, static_cast<double>(k) * step});
  return lines;
}

// "name" and "id" mean the unit's display name and join key, whatever the source calls those fields.
std::string label_text(const boundaries::Unit& unit, const std::string& field) {
  if (auto it = unit.attributes.find(field); it != unit.attributes.end()) return it->second;
  if (field == "name") return unit.name;
  if (field == "id") return unit.id;
  return {};
}

void check_label_field(const boundaries::BoundarySet& boundaries, const std::string& field) {
  if (field.empty() || field == "name" || field == "id") return;
  if (std::find(boundaries.fields.begin(), boundaries.fields.end(), field) != boundaries.fields.end()) return;
  throw InputError("labels.field", "no field '" + field + "' in " + boundaries.source,
                   "fields: " + comma_list(boundaries.fields));
}

// With the South China Sea inset, the islands it shows stay out of the main map's default extent: a part of a
// unit is left out when it lies inside the inset's box and wholly south of the mainland and Hainan.
bool shown_in_inset_only(const geo::Polygon& part) {
  geo::Box box;
  for (const geo::Point& p : part.outer) box.expand(p);
  return !box.empty() && box.min_x >= kSouthChinaSeaInset.min_x && box.max_x <= kSouthChinaSeaInset.max_x &&
         box.min_y >= kSouthChinaSeaInset.min_y && box.max_y < kSouthChinaSeaMainMapSouth;
}

// The most projected units one degree spans, in any direction, anywhere in `lon_lat` (the largest singular
// value of the projection's Jacobian, sampled on a grid), so that a tolerance in projected units can be
// turned into one in degrees that is never coarser.
double projected_units_per_degree(const geo::Projector& projector, const geo::Box& lon_lat) {
  constexpr int kSteps = 8;
  constexpr double kDelta = 1e-4;
  double most = 0;
  for (int i = 0; i <= kSteps; ++i)
    for (int j = 0; j <= kSteps; ++j) {
      const geo::Point p{lon_lat.min_x + lon_lat.width() * i / kSteps,
                         lon_lat.min_y + lon_lat.height() * j / kSteps};
      const geo::Point a = projector.forward(p);
      const geo::Point east = projector.forward(geo::Point{p.x + kDelta, p.y});
      const geo::Point north = projector.forward(geo::Point{p.x, p.y + kDelta});
      const double j11 = (east.x - a.x) / kDelta, j21 = (east.y - a.y) / kDelta;
      const double j12 = (north.x - a.x) / kDelta, j22 = (north.y - a.y) / kDelta;
      const double sum = j11 * j11 + j12 * j12 + j21 * j21 + j22 * j22;
      const double det = j11 * j22 - j12 * j21;
      const double stretch = std::sqrt((sum + std::sqrt(std::max(0.0, sum * sum - 4 * det * det))) / 2);
      if (std::isfinite(stretch)) most = std::max(most, stretch);
    }
  return most;
}

// The projected extent of the units, from every 16th vertex: close enough to choose a simplification
// tolerance, at a sixteenth of the cost of projecting them all.
geo::Box sampled_projected_extent(const geo::Projector& projector, const boundaries::BoundarySet& set,
                                  bool inset) {
  geo::Box extent;
  for (const auto& unit : set.units)
    for (const auto& polygon : unit.geometry) {
      if (inset && shown_in_inset_only(polygon)) continue;
      for (std::size_t i = 0; i < polygon.outer.size(); i += 16) {
        const geo::Point q = projector.forward(polygon.outer[i]);
        if (std::isfinite(q.x) && std::isfinite(q.y)) extent.expand(q);
      }
    }
  return extent;
}

// Simplifies the units in lon/lat, before they are projected, to what the page can show: projecting a tenth
// of the vertices is most of the time saved. The scale is taken as if the map filled the whole page (the
// largest it can be), so the detail kept is never coarser than `detail_pt`. Shared borders are simplified
// once for both sides (geo/shared_edge_simplify), so neighbours stay glued.
void generalize_for_page(boundaries::BoundarySet& set, const geo::Projector& projector,
                         const styles::MapStyle& style, double detail_pt) {
  if (detail_pt <= 0 || set.units.empty()) return;
  geo::Box lon_lat;
  for (const auto& unit : set.units) lon_lat.expand(geo::bounds(unit.geometry));
  const geo::Box extent =
      style.extent ? project_box(projector, *style.extent)
                   : sampled_projected_extent(projector, set, style.inset == styles::Inset::south_china_sea);
  if (extent.empty() || lon_lat.empty()) return;
  const double page_width = points_from_mm(style.page.width_mm);
  const double page_height = points_from_mm(style.page.height_mm);
  const double largest_scale = std::min(page_width / extent.width(), page_height / extent.height());
  const double per_degree = projected_units_per_degree(projector, lon_lat);
  if (!(largest_scale > 0) || !std::isfinite(largest_scale) || !(per_degree > 0)) return;
  std::vector<geo::MultiPolygon*> shapes;
  shapes.reserve(set.units.size());
  for (auto& unit : set.units) shapes.push_back(&unit.geometry);
  geo::simplify_shared_edges(shapes, detail_pt / largest_scale / per_degree,
                             boundaries::shared_node_flags(set));
}

}  // namespace

Scene build_scene(boundaries::BoundarySet boundaries, const std::vector<int>& class_of_unit,
                  const styles::Classification& classification, const styles::MapStyle& style,
                  const geo::GeosContext& geos, double detail_pt, geo::MultiPolygon inset_boundary) {
  check_label_field(boundaries, style.labels.field);
  const geo::Projector projector(style.projection);
  generalize_for_page(boundaries, projector, style, detail_pt);
  Scene scene;
  scene.style = style;
  const bool inset = style.inset == styles::Inset::south_china_sea;
  geo::Box mainland;        // with the inset on: the extent without the islands it shows
  geo::Box lon_lat_bounds;  // of every unit, for the graticule
  scene.units.reserve(boundaries.units.size());
  for (std::size_t i = 0; i < boundaries.units.size(); ++i) {
    boundaries::Unit& unit = boundaries.units[i];
    SceneUnit drawn;
    std::vector<bool> inset_only;  // per part, decided in lon/lat; projection keeps the parts in order
    if (inset)
      for (const geo::Polygon& part : unit.geometry) inset_only.push_back(shown_in_inset_only(part));
    if (style.graticule_step_deg > 0) lon_lat_bounds.expand(geo::bounds(unit.geometry));
    drawn.shape = projector.forward(std::move(unit.geometry));
    geo::orient_rings(drawn.shape);  // for the non-zero fill (render/polygon_paint)
    drawn.area = geo::area(drawn.shape);
    drawn.bounds = geo::bounds(drawn.shape);
    if (class_of_unit[i] >= 0)
      drawn.fill = classification.classes[static_cast<std::size_t>(class_of_unit[i])].fill;
    if (!style.labels.field.empty()) drawn.label = label_text(unit, style.labels.field);
    scene.extent.expand(drawn.bounds);
    for (std::size_t p = 0; p < inset_only.size(); ++p)
      if (!inset_only[p])
        for (const geo::Point& point : drawn.shape[p].outer) mainland.expand(point);
    scene.units.push_back(std::move(drawn));
  }
  projector.warn_dropped("units");
  if (inset && !mainland.empty()) scene.extent = mainland;
  if (style.extent) scene.extent = project_box(projector, *style.extent);
  if (!scene.extent.empty()) {
    const geo::Point centre{(scene.extent.min_x + scene.extent.max_x) / 2,
                            (scene.extent.min_y + scene.extent.max_y) / 2};
    const geo::Point centre_lon_lat = projector.inverse(centre);
    scene.ground_metres_per_unit = projector.ground_metres_per_unit(centre_lon_lat);
    // North: the way a short step up the meridian goes on the map.
    const geo::Point a = projector.forward(centre_lon_lat);
    const geo::Point b =
        projector.forward(geo::Point{centre_lon_lat.x, std::min(89.9, centre_lon_lat.y + 0.01)});
    if (std::isfinite(a.x) && std::isfinite(b.x) && (b.x != a.x || b.y != a.y))
      scene.north_angle = std::atan2(b.x - a.x, b.y - a.y);
  }
  if (style.graticule_step_deg > 0) {
    geo::Box covered = style.extent ? *style.extent : lon_lat_bounds;
    if (inset) covered.expand(kSouthChinaSeaInset);
    scene.graticule = graticule_lines(projector, covered, style.graticule_step_deg);
  }

  // Label points need only be placed to a fraction of a millimetre at print size.
  const double tolerance = std::hypot(scene.extent.width(), scene.extent.height()) / 2000;
  for (auto& drawn : scene.units)
    if (!drawn.label.empty() && !drawn.shape.empty() && drawn.shape.front().outer.size() >= 4)
      drawn.label_at = geo::label_point(geos, drawn.shape, tolerance);

  if (inset) {
    scene.inset_extent = project_box(projector, kSouthChinaSeaInset);
    scene.inset_boundary = projector.forward(std::move(inset_boundary));
  }

  scene.legend = styles::legend_entries(classification, class_of_unit, style.legend, style.no_data);
  return scene;
}

double figure_detail_pt(bool raster, double dpi) {
  constexpr double kVectorDetailPt = 0.2;
  return raster ? std::min(kVectorDetailPt, 0.25 * 72.0 / dpi) : kVectorDetailPt;
}

}  // namespace covermap::render
