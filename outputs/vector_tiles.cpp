#include "outputs/vector_tiles.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "geo/number.hpp"
#include "outputs/gzip.hpp"

namespace covermap::outputs {
namespace {

// Whole numbers up to 2^53 stay exact in the JavaScript clients read them with.
constexpr double kLargestExactInteger = 9007199254740992.0;

// The id as a number when it is one written plainly ("440000", not "0440" or "4.4e5").
std::optional<std::uint64_t> plain_number(const std::string& id) {
  const std::optional<std::uint64_t> value = geo::parse_plain_unsigned(id);
  if (!value || static_cast<double>(*value) > kLargestExactInteger) return std::nullopt;
  return value;
}

mvt::Value number_value(double number) {
  if (std::trunc(number) == number && std::abs(number) <= kLargestExactInteger)
    return static_cast<std::int64_t>(number);
  return number;
}

std::string attribute(const boundaries::Unit& unit, const std::string& name) {
  const auto it = unit.attributes.find(name);
  return it == unit.attributes.end() ? std::string() : it->second;
}

}  // namespace

VectorTileProperties vector_tile_properties(const styles::JoinedMap& joined,
                                            const styles::ClassifiedUnits& classified,
                                            const styles::NoDataStyle& no_data) {
  const std::vector<boundaries::Unit>& units = joined.units.units;
  const std::vector<std::string>& fields = joined.units.fields;
  VectorTileProperties out;
  const auto has_field = [&](const std::string& name) {
    return std::find(fields.begin(), fields.end(), name) != fields.end();
  };
  for (const std::string& name :
       {std::string("name_zh"), std::string("name_en"), joined.spec.style.labels.field})
    if (!name.empty() && name != "id" && name != "name" && has_field(name) &&
        std::find(out.name_fields.begin(), out.name_fields.end(), name) == out.name_fields.end())
      out.name_fields.push_back(name);
  out.numeric_values = joined.spec.classify.method != "categorical";

  std::vector<std::optional<std::uint64_t>> numeric_ids;
  numeric_ids.reserve(units.size());
  for (const auto& unit : units) numeric_ids.push_back(plain_number(unit.id));
  const bool ids_are_numbers =
      std::all_of(numeric_ids.begin(), numeric_ids.end(), [](const auto& id) { return id.has_value(); });

  for (std::size_t i = 0; i < units.size(); ++i) {
    const boundaries::Unit& unit = units[i];
    out.feature_id.push_back(ids_are_numbers ? *numeric_ids[i] : i + 1);
    std::vector<mvt::Property> names{{"id", unit.id}, {"name", unit.name}};
    for (const std::string& field : out.name_fields) names.push_back({field, attribute(unit, field)});
    out.labels.push_back(names);

    std::vector<mvt::Property> properties = std::move(names);
    const int cls = classified.class_of_unit[i];
    const std::string& text = classified.value_of_unit[i];
    if (cls >= 0) {
      const std::optional<double> number =
          out.numeric_values ? geo::parse_number(text, {.thousands = true, .percent = true}) : std::nullopt;
      properties.push_back({"value", number ? number_value(*number) : mvt::Value(text)});
      properties.push_back({"class", std::int64_t{cls}});
    }
    const styles::Color colour =
        cls >= 0 ? classified.classification.classes[static_cast<std::size_t>(cls)].fill : no_data.fill;
    properties.push_back({"color", colour.hex()});
    properties.push_back({"no_data", cls < 0});
    out.units.push_back(std::move(properties));
  }
  return out;
}

nlohmann::ordered_json vector_layers(const VectorTileProperties& properties, int min_zoom, int max_zoom) {
  nlohmann::ordered_json names;
  names["id"] = "String";
  names["name"] = "String";
  for (const std::string& field : properties.name_fields) names[field] = "String";
  nlohmann::ordered_json unit_fields = names;
  unit_fields["value"] = properties.numeric_values ? "Number" : "String";
  unit_fields["class"] = "Number";
  unit_fields["color"] = "String";
  unit_fields["no_data"] = "Boolean";
  const auto layer = [&](const char* id, const char* description, const nlohmann::ordered_json& fields) {
    nlohmann::ordered_json json;
    json["id"] = id;
    json["description"] = description;
    json["minzoom"] = min_zoom;
    json["maxzoom"] = max_zoom;
    json["fields"] = fields;
    return json;
  };
  return nlohmann::ordered_json::array(
      {layer(kUnitsLayer, "Units with their value, class and colour", unit_fields),
       layer(kLabelsLayer, "One point per unit where the figures put its label", names)});
}

std::string VectorTileEncoder::encode(const render::VectorTile& tile) {
  switch (tile.kind) {
    case render::VectorTile::Kind::empty:
      return {};
    case render::VectorTile::Kind::features:
      return encode_features(tile);
    case render::VectorTile::Kind::inside_unit:
      break;
  }
  auto [it, added] = inside_unit_.try_emplace(tile.unit);
  if (added) {
    render::VectorTile whole;
    whole.kind = render::VectorTile::Kind::features;
    whole.units.push_back({tile.unit, {render::box_ring(render::kVectorTileClipBox)}});
    it->second = encode_features(whole);
  }
  return it->second;
}

std::string VectorTileEncoder::encode_features(const render::VectorTile& tile) const {
  mvt::LayerWriter units(kUnitsLayer, render::kVectorTileExtent);
  for (const render::VectorTileFeature& feature : tile.units)
    units.add_feature(properties_.feature_id[feature.unit], mvt::GeomType::polygon,
                      mvt::polygon_commands(feature.rings), properties_.units[feature.unit]);
  mvt::LayerWriter labels(kLabelsLayer, render::kVectorTileExtent);
  for (const render::VectorTileLabel& label : tile.labels)
    labels.add_feature(properties_.feature_id[label.unit], mvt::GeomType::point,
                       mvt::point_commands(std::span(&label.at, 1)), properties_.labels[label.unit]);
  std::vector<std::string> layers;
  if (!units.empty()) layers.push_back(units.finish());
  if (!labels.empty()) layers.push_back(labels.finish());
  if (layers.empty()) return {};
  return gzip_at_level(mvt::tile_bytes(layers), kVectorTileGzipLevel);
}

}  // namespace covermap::outputs
