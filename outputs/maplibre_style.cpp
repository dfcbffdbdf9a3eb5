#include "outputs/maplibre_style.hpp"

#include "outputs/tile_sinks.hpp"
#include "outputs/vector_tiles.hpp"
#include "render/tile_renderer.hpp"

namespace covermap::outputs {
namespace {

constexpr const char* kSource = "covermap";
const styles::Color kLabelColour{0x33, 0x33, 0x33};
const styles::Color kLabelHalo{255, 255, 255};
constexpr double kLabelHaloPx = 1.2;

// Style sizes are CSS pixels, as a 256-pixel raster tile's are: 0.3 pt borders are 0.4 px in both.
double css_pixels(double points) {
  return points * render::tile_pixels_per_point(256);
}

nlohmann::ordered_json layer(const char* id, const char* type, const char* source_layer) {
  nlohmann::ordered_json json;
  json["id"] = id;
  json["type"] = type;
  json["source"] = kSource;
  json["source-layer"] = source_layer;
  return json;
}

}  // namespace

nlohmann::ordered_json maplibre_style(const std::string& tiles_url, const TileSetInfo& info,
                                      const VectorStyleSpec& spec) {
  const geo::Box bounds = detail::clamped_bounds(info);
  nlohmann::ordered_json style;
  style["version"] = 8;
  style["name"] = info.name;
  style["metadata"]["covermap:legend"] = {{"title", spec.legend_title},
                                          {"entries", covermap_fields(info)["covermap"]["legend"]}};
  style["center"] = {info.center.x, info.center.y};
  style["zoom"] = info.center_zoom;

  nlohmann::ordered_json source;
  source["type"] = "vector";
  source["tiles"] = {tiles_url};
  source["minzoom"] = info.min_zoom;
  source["maxzoom"] = info.max_zoom;
  source["bounds"] = {bounds.min_x, bounds.min_y, bounds.max_x, bounds.max_y};
  if (!info.attribution.empty()) source["attribution"] = info.attribution;
  style["sources"][kSource] = source;

  nlohmann::ordered_json layers = nlohmann::ordered_json::array();
  nlohmann::ordered_json fill = layer("units-fill", "fill", kUnitsLayer);
  fill["paint"]["fill-color"] = {"get", "color"};
  layers.push_back(fill);
  if (spec.borders.visible) {
    nlohmann::ordered_json borders = layer("units-borders", "line", kUnitsLayer);
    borders["paint"]["line-color"] = spec.borders.color.hex();
    borders["paint"]["line-width"] = css_pixels(spec.borders.width_pt);
    layers.push_back(borders);
  }
  if (!spec.labels.field.empty()) {
    style["glyphs"] = kGlyphsUrl;
    nlohmann::ordered_json labels = layer("labels", "symbol", kLabelsLayer);
    // The labels layer carries the field; a unit without a value there shows its name.
    labels["layout"]["text-field"] = {"coalesce", {"get", spec.labels.field}, {"get", "name"}};
    for (const char* font : kLabelFonts) labels["layout"]["text-font"].push_back(font);
    labels["layout"]["text-size"] = css_pixels(spec.labels.size_pt);
    labels["paint"]["text-color"] = kLabelColour.hex();
    labels["paint"]["text-halo-color"] = kLabelHalo.hex();
    labels["paint"]["text-halo-width"] = kLabelHaloPx;
    layers.push_back(labels);
  }
  style["layers"] = layers;
  return style;
}

}  // namespace covermap::outputs
