#include "boundaries/complete.hpp"

#include "geo/point_index.hpp"

namespace covermap::boundaries {

std::vector<std::size_t> uncovered_units(const BoundarySet& fine, const BoundarySet& coarse,
                                         const geo::GeosContext& geos) {
  std::vector<const geo::MultiPolygon*> shapes;
  shapes.reserve(coarse.units.size());
  for (const Unit& unit : coarse.units) shapes.push_back(&unit.geometry);
  const geo::PointIndex index(geos, shapes);
  std::vector<bool> covered(coarse.units.size(), false);
  for (const Unit& unit : fine.units) {
    if (unit.geometry.empty()) continue;
    const geo::Point inside = geo::interior_point(geos, unit.geometry);
    for (const std::size_t found : index.covering(inside.x, inside.y)) covered[found] = true;
  }
  std::vector<std::size_t> uncovered;
  for (std::size_t i = 0; i < covered.size(); ++i)
    if (!covered[i]) uncovered.push_back(i);
  return uncovered;
}

void add_units(BoundarySet& fine, BoundarySet coarse, const std::vector<std::size_t>& indices) {
  std::vector<geo::Box> fine_boxes;
  for (const Unit& unit : fine.units) fine_boxes.push_back(geo::bounds(unit.geometry));
  for (const std::size_t i : indices) {
    Unit unit = std::move(coarse.units[i]);
    for (const auto& field : fine.fields) unit.attributes.try_emplace(field, "");
    // An island off the finer layer (Taiwan off the counties) shares no border with it: its own nodes are
    // still all it needs. A unit whose box meets a fine unit's may share a border whose vertices neither
    // side has marked.
    const geo::Box box = geo::bounds(unit.geometry);
    for (const geo::Box& near : fine_boxes)
      if (near.max_x >= box.min_x && near.min_x <= box.max_x && near.max_y >= box.min_y &&
          near.min_y <= box.max_y) {
        fine.shared_nodes_found = false;
        break;
      }
    fine.units.push_back(std::move(unit));
  }
}

}  // namespace covermap::boundaries
