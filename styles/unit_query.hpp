#pragma once
// The unit under a point of a joined and classified map: what a web page shows when a unit is clicked (its
// id, names, value, class and colour). `covermap serve` answers /{name}/query with it.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "geo/point_index.hpp"
#include "styles/choropleth.hpp"

namespace covermap::styles {

struct UnitAtPoint {
  std::string id;                            // the join key (adcode for China's units)
  std::string name;                          // the display name
  std::map<std::string, std::string> names;  // every attribute whose name starts with "name" (name_en, ...)
  std::string value;                         // as the table has it; empty for a unit without data
  std::string class_label;                   // the legend's label for the unit's class, or the no-data label
  Color color;                               // the unit's fill on the map
  bool has_data = false;
};

class UnitQuery {
 public:
  // Keeps the units and their classes; the map's style gives the no-data label and fill.
  UnitQuery(JoinedMap joined, const ClassifiedUnits& classified);
  ~UnitQuery();

  // The unit covering (lon, lat) in degrees; on a border shared by two, the first in the boundaries' order.
  // Safe to call from several threads (they take turns: GEOS objects belong to one thread at a time).
  std::optional<UnitAtPoint> at(double lon, double lat) const;

 private:
  JoinedMap joined_;
  ClassifiedUnits classified_;
  geo::GeosContext geos_;
  std::unique_ptr<geo::PointIndex> index_;
  mutable std::mutex mutex_;
};

}  // namespace covermap::styles
