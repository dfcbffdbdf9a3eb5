#pragma once
// The MapLibre GL style written beside a vector tile set: the choropleth filled from each unit's `color`,
// the borders of the map file, labels from the `labels` layer in a font stack that has Chinese, and the
// legend in the style's metadata.
#include <nlohmann/json.hpp>
#include <string>

#include "styles/map_style.hpp"

namespace covermap::outputs {

struct TileSetInfo;

// What the map file says about the look the style carries.
struct VectorStyleSpec {
  styles::BorderStyle borders;
  styles::LabelStyle labels;  // no label layer when labels.field is empty
  std::string legend_title;   // the legend's title in the metadata
};

// Fonts asked of the glyph server, the first one holding Chinese; MapLibre GL JS draws CJK ideographs with
// the browser's own fonts anyway (its localIdeographFontFamily), so Chinese labels show even where the
// glyph server has only Latin fonts.
inline constexpr const char* kLabelFonts[] = {"Noto Sans CJK SC Regular", "Noto Sans Regular"};
// Glyphs come from the server the style is served from, as tile servers publish them.
inline constexpr const char* kGlyphsUrl = "fonts/{fontstack}/{range}.pbf";

// The style (version 8) for the tiles at `tiles_url` (the TileJSON's URL).
nlohmann::ordered_json maplibre_style(const std::string& tiles_url, const TileSetInfo& info,
                                      const VectorStyleSpec& spec);

}  // namespace covermap::outputs
