#include <algorithm>
#include <cmath>

#include "geo/error.hpp"

#include "geo/projection.hpp"
#include "geo/shared_edge_simplify.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

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

// Simplifies the projected units to what the page can show. The scale is taken as if the map filled the whole
// page, the largest it can be, so the detail kept is never coarser than `detail_pt` on the page.
void generalize_for_page(Scene& scene, double detail_pt) {
  if (detail_pt <= 0 || scene.extent.empty()) return;
  const double page_width = points_from_mm(scene.style.page.width_mm);
  const double page_height = points_from_mm(scene.style.page.height_mm);
  const double largest_scale =
      std::min(page_width / scene.extent.width(), page_height / scene.extent.height());
  if (!(largest_scale > 0) || !std::isfinite(largest_scale)) return;
  std::vector<geo::MultiPolygon*> shapes;
  shapes.reserve(scene.units.size());
  for (auto& unit : scene.units) shapes.push_back(&unit.shape);
  geo::simplify_shared_edges(shapes, detail_pt / largest_scale);
  for (auto& unit : scene.units) {
    unit.area = geo::area(unit.shape);
    unit.bounds = geo::bounds(unit.shape);
  }
}

}  // namespace

Scene build_scene(boundaries::BoundarySet boundaries, const std::vector<int>& class_of_unit,
                  const styles::Classification& classification, const MapStyle& style,
                  const geo::GeosContext& geos, double detail_pt) {
  check_label_field(boundaries, style.labels.field);
  const geo::Projector projector(style.projection);
  Scene scene;
  scene.style = style;
  bool any_without_data = false;
  scene.units.reserve(boundaries.units.size());
  for (std::size_t i = 0; i < boundaries.units.size(); ++i) {
    boundaries::Unit& unit = boundaries.units[i];
    SceneUnit drawn;
    drawn.shape = projector.forward(std::move(unit.geometry));
    drawn.area = geo::area(drawn.shape);
    drawn.bounds = geo::bounds(drawn.shape);
    if (class_of_unit[i] >= 0)
      drawn.fill = classification.classes[static_cast<std::size_t>(class_of_unit[i])].fill;
    else
      any_without_data = true;
    if (!style.labels.field.empty()) drawn.label = label_text(unit, style.labels.field);
    scene.extent.expand(drawn.bounds);
    scene.units.push_back(std::move(drawn));
  }
  if (style.extent) scene.extent = project_box(projector, *style.extent);
  if (!scene.extent.empty()) {
    const geo::Point centre{(scene.extent.min_x + scene.extent.max_x) / 2,
                            (scene.extent.min_y + scene.extent.max_y) / 2};
    scene.ground_metres_per_unit = projector.ground_metres_per_unit(projector.inverse(centre));
  }

  generalize_for_page(scene, detail_pt);

  // Label points need only be placed to a fraction of a millimetre at print size.
  const double tolerance = std::hypot(scene.extent.width(), scene.extent.height()) / 2000;
  for (auto& drawn : scene.units)
    if (!drawn.label.empty() && !drawn.shape.empty() && drawn.shape.front().outer.size() >= 4)
      drawn.label_at = geo::label_point(geos, drawn.shape, tolerance);

  for (const auto& entry : classification.classes) scene.legend.push_back({entry.label, entry.fill, false});
  if (any_without_data && !style.no_data.label.empty())
    scene.legend.push_back({style.no_data.label, style.no_data.fill, style.no_data.hatch});
  return scene;
}

double figure_detail_pt(bool raster, double dpi) {
  constexpr double kVectorDetailPt = 0.1;
  return raster ? std::min(kVectorDetailPt, 0.25 * 72.0 / dpi) : kVectorDetailPt;
}

}  // namespace covermap::render
