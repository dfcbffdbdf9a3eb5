#include "boundaries/complete.hpp"

#include <algorithm>

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
    if (std::any_of(fine_boxes.begin(), fine_boxes.end(),
                    [&](const geo::Box& near) { return near.intersects(box); }))
      fine.shared_nodes_found = false;
    fine.units.push_back(std::move(unit));
  }
}

}  // namespace covermap::boundaries
