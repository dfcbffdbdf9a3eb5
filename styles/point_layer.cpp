#include "styles/point_layer.hpp"

#include <algorithm>
#include <cmath>

#include "boundaries/gazetteer.hpp"
#include "boundaries/join.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/number.hpp"
#include "styles/palette.hpp"

namespace covermap::styles {
namespace {

// Kinds the map file does not list take these colours in order of appearance (ColorBrewer Dark2: distinct
// on light fills).
constexpr const char* kKindPalette = "Dark2";

// A point layer's column: its index, or -1 when the spec leaves it out.
int optional_column(const geo::Table& table, const std::string& column, const std::string& role) {
  return column.empty() ? -1 : boundaries::require_column(table, column, role);
}

class RowReader {
 public:
  RowReader(const geo::Table& table, std::size_t row) : table_(table), row_(row) {}

  std::string cell(int column) const {
    return column < 0 ? std::string() : table_.rows[row_][static_cast<std::size_t>(column)];
  }
  double number(int column, geo::NumberSyntax syntax, const std::string& hint) const {
    const std::string text = cell(column);
    if (const auto value = geo::parse_number(text, syntax)) return *value;
    throw geo::not_a_number_error(table_.source, static_cast<long>(row_) + 1,
                                  table_.columns[static_cast<std::size_t>(column)], text, hint);
  }
  // A point's coordinates in decimal degrees; a latitude past a pole is most often the columns swapped.
  geo::Point lon_lat(int lon, int lat, const PointsSpec& spec) const {
    const std::string hint = "points.lon and points.lat take decimal degrees (WGS 84)";
    const geo::Point point{number(lon, {}, hint), number(lat, {}, hint)};
    if (point.y < -90 || point.y > 90)
      throw error("column '" + table_.columns[static_cast<std::size_t>(lat)] + "': " + cell(lat) +
                      " is not a latitude (-90 to 90)",
                  "lon/lat swapped? points.lon is '" + spec.lon + "', points.lat is '" + spec.lat + "'");
    return point;
  }
  InputError error(const std::string& what, const std::string& hint = {}) const {
    return input_error_at_row(table_.source, static_cast<long>(row_) + 1, what, hint);
  }

 private:
  const geo::Table& table_;
  std::size_t row_;
};

// The point inside the unit `key` names, where a row without coordinates goes.
class UnitPlaces {
 public:
  UnitPlaces(const boundaries::BoundarySet& units, const geo::GeosContext& geos)
      : units_(units), gazetteer_(units), geos_(geos) {}

  geo::Point place(const std::string& key, const RowReader& row) const {
    const boundaries::Lookup found = gazetteer_.find(key, boundaries::MatchBy::automatic);
    if (found.units.empty())
      throw row.error("points.unit '" + key + "' names no unit of " + units_.source,
                      "use a code or name of the boundaries, or give lon and lat");
    if (found.units.size() > 1)
      throw row.error("points.unit '" + key + "' names " + std::to_string(found.units.size()) + " units",
                      "use a code");
    const geo::MultiPolygon& shape = units_.units[found.units.front()].geometry;
    // A hundredth of a degree (about 1 km): far finer than a symbol on any page.
    constexpr double kToleranceDeg = 0.01;
    return geo::label_point(geos_, shape, kToleranceDeg);
  }

 private:
  const boundaries::BoundarySet& units_;
  boundaries::Gazetteer gazetteer_;
  const geo::GeosContext& geos_;
};

int kind_index(std::vector<PointKind>& kinds, const std::string& value, bool listed_only,
               const RowReader& row) {
  for (std::size_t i = 0; i < kinds.size(); ++i)
    if (kinds[i].value == value) return static_cast<int>(i);
  if (listed_only) {
    std::vector<std::string> names;
    names.reserve(kinds.size());
    for (const auto& kind : kinds) names.push_back(kind.value);
    throw row.error("kind '" + value + "' is not listed in points.kinds", "listed: " + comma_list(names));
  }
  kinds.push_back({value, "", {}, MarkShape::circle, 0});
  return static_cast<int>(kinds.size()) - 1;
}

// Numbers in their numeric order ("2" before "10"), other text after them in its own order.
bool number_before(const std::string& a, const std::string& b) {
  const auto x = geo::parse_number(a), y = geo::parse_number(b);
  if (x && y) return *x < *y;
  if (x || y) return x.has_value();
  return a < b;
}

}  // namespace

PointLayer read_point_layer(const MapSpec& spec, const boundaries::BoundarySet& units,
                            const geo::GeosContext& geos) {
  const PointsSpec& points = spec.points;
  PointLayer layer;
  layer.kinds = spec.style.points.kinds;
  if (points.source.empty()) return layer;
  const geo::Table table = geo::read_table(points.source, {points.sheet, ""});
  const int lon = boundaries::require_column(table, points.lon, "points.lon");
  const int lat = boundaries::require_column(table, points.lat, "points.lat");
  const int size = optional_column(table, points.size, "points.size");
  const int label = optional_column(table, points.label, "points.label");
  const int kind = optional_column(table, points.kind, "points.kind");
  const int number = optional_column(table, points.number, "points.number");
  const int text = optional_column(table, points.text, "points.text");
  const int unit = optional_column(table, points.unit, "points.unit");
  const bool listed_only = !layer.kinds.empty();
  std::optional<UnitPlaces> places;
  if (unit >= 0) places.emplace(units, geos);

  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const RowReader row(table, r);
    PointMark mark;
    mark.number = row.cell(number);
    mark.text = row.cell(text);
    if (!row.cell(lon).empty() && !row.cell(lat).empty())
      mark.lon_lat = row.lon_lat(lon, lat, points);
    else if (!row.cell(unit).empty())
      mark.lon_lat = places->place(row.cell(unit), row);
    else if (mark.number.empty())
      continue;  // no place, and not a numbered line of the legend
    if (!row.cell(size).empty())
      mark.size = row.number(size, {.thousands = true}, "points.size takes a number per point");
    mark.label = row.cell(label);
    if (kind >= 0 && !row.cell(kind).empty())
      mark.kind = kind_index(layer.kinds, row.cell(kind), listed_only, row);
    layer.marks.push_back(std::move(mark));
  }
  // Kinds met only in the table draw their colours from the palette.
  const auto unlisted = static_cast<int>(layer.kinds.size() - spec.style.points.kinds.size());
  if (unlisted > 0) {
    const auto colors = palette_colors(kKindPalette, unlisted, "points.kind");
    for (int i = 0; i < unlisted; ++i)
      layer.kinds[spec.style.points.kinds.size() + static_cast<std::size_t>(i)].fill = colors[i];
  }
  return layer;
}

std::vector<LegendEntry> point_legend_entries(const PointLayer& layer, const PointStyle& style) {
  std::vector<LegendEntry> entries;
  const auto symbol = [&](const std::string& label, const Color& fill, MarkShape shape, double radius) {
    LegendEntry entry{label, fill};
    entry.key = LegendEntry::Key::symbol;
    entry.shape = shape;
    entry.radius_pt = radius > 0 ? radius : style.min_radius_pt;
    entry.stroke = style.stroke;
    return entry;
  };
  for (std::size_t k = 0; k < layer.kinds.size(); ++k) {
    const PointKind& kind = layer.kinds[k];
    const bool used = std::any_of(layer.marks.begin(), layer.marks.end(), [&](const PointMark& mark) {
      return mark.kind == static_cast<int>(k) && mark.number.empty();
    });
    if (used)
      entries.push_back(
          symbol(kind.label.empty() ? kind.value : kind.label, kind.fill, kind.shape, kind.radius_pt));
  }
  // One line per number and text, in the order of the numbers; a number some row places on the map is
  // drawn solid, one no row places hollow.
  std::vector<LegendEntry> numbered;
  for (const PointMark& mark : layer.marks) {
    if (mark.number.empty()) continue;
    const auto same = std::find_if(numbered.begin(), numbered.end(), [&](const LegendEntry& entry) {
      return entry.number == mark.number && entry.label == mark.text;
    });
    if (same != numbered.end()) {
      same->hollow = same->hollow && !mark.lon_lat;
      continue;
    }
    LegendEntry entry{mark.text, style.badge_fill};
    entry.key = LegendEntry::Key::badge;
    entry.number = mark.number;
    entry.hollow = !mark.lon_lat;
    numbered.push_back(std::move(entry));
  }
  std::stable_sort(numbered.begin(), numbered.end(), [](const LegendEntry& a, const LegendEntry& b) {
    return number_before(a.number, b.number);
  });
  entries.insert(entries.end(), numbered.begin(), numbered.end());
  const bool plain = std::any_of(layer.marks.begin(), layer.marks.end(),
                                 [](const PointMark& mark) { return mark.kind < 0 && mark.number.empty(); });
  if (plain && !style.legend.empty())
    entries.push_back(symbol(style.legend, style.fill, style.shape, style.min_radius_pt));
  return entries;
}

}  // namespace covermap::styles
