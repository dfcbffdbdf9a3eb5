#include "styles/unit_query.hpp"

namespace covermap::styles {

UnitQuery::UnitQuery(JoinedMap joined, const ClassifiedUnits& classified)
    : joined_(std::move(joined)), classified_(classified) {
  std::vector<const geo::MultiPolygon*> polygons;
  polygons.reserve(joined_.units.units.size());
  for (const auto& unit : joined_.units.units) polygons.push_back(&unit.geometry);
  index_ = std::make_unique<geo::PointIndex>(geos_, polygons);
}

UnitQuery::~UnitQuery() = default;

std::optional<UnitAtPoint> UnitQuery::at(double lon, double lat) const {
  std::vector<std::size_t> covering;
  {
    const std::lock_guard lock(mutex_);
    covering = index_->covering(lon, lat);
  }
  if (covering.empty()) return std::nullopt;
  const std::size_t i = covering.front();
  const boundaries::Unit& unit = joined_.units.units[i];
  UnitAtPoint found;
  found.id = unit.id;
  found.name = unit.name;
  for (const auto& [key, text] : unit.attributes)
    if (key.rfind("name", 0) == 0 && !text.empty()) found.names[key] = text;
  const int cls = classified_.class_of_unit[i];
  found.has_data = cls >= 0;
  found.value = classified_.value_of_unit[i];
  if (found.has_data) {
    const ClassEntry& entry = classified_.classification.classes[static_cast<std::size_t>(cls)];
    found.class_label = entry.label;
    found.color = entry.fill;
  } else {
    found.class_label = joined_.spec.style.no_data.label;
    found.color = joined_.spec.style.no_data.fill;
  }
  return found;
}

}  // namespace covermap::styles
