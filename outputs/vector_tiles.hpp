#pragma once
// The choropleth as Mapbox Vector Tiles: what each unit carries (layer `units`: id, names, value, class,
// colour, no_data; layer `labels`: id and names at the label point) and one worker's encoder from a
// render::VectorTile to gzipped MVT bytes.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "outputs/mvt_encoding.hpp"
#include "render/vector_tile_builder.hpp"
#include "styles/choropleth.hpp"

namespace covermap::outputs {

inline constexpr const char* kUnitsLayer = "units";
inline constexpr const char* kLabelsLayer = "labels";

struct VectorTileProperties {
  // Per unit: the MVT feature id (the unit's id when every id is a whole number written plainly, as
  // adcodes are; else its position in the boundaries, from 1) and the properties of each layer.
  std::vector<std::uint64_t> feature_id;
  std::vector<std::vector<mvt::Property>> units, labels;
  // Boundary fields carried beside id and name, in both layers: name_zh and name_en where the boundaries
  // have them, and the map's label field when it is another one.
  std::vector<std::string> name_fields;
  bool numeric_values = false;  // `value` is a number (numeric classification), else the category's text
};

// Properties from the joined and classified map (and its label field). The boundaries' geometry is not read,
// so it may already have been moved out.
VectorTileProperties vector_tile_properties(const styles::JoinedMap& joined,
                                            const styles::ClassifiedUnits& classified,
                                            const styles::NoDataStyle& no_data);

// TileJSON's `vector_layers` (also in MBTiles' `json` and PMTiles' metadata): both layers, their zooms and
// their fields with MBTiles' types (String, Number, Boolean).
nlohmann::ordered_json vector_layers(const VectorTileProperties& properties, int min_zoom, int max_zoom);

// gzip level of the tiles: zlib's default, as GDAL and tippecanoe use. On the county pyramid (z0-10, 14,430
// tiles) level 9 saves 0.03% of the bytes.
inline constexpr int kVectorTileGzipLevel = 6;

// One worker's: not shared between threads. A tile inside one unit is encoded once per unit and reused.
class VectorTileEncoder {
 public:
  explicit VectorTileEncoder(const VectorTileProperties& properties) : properties_(properties) {}
  // Gzipped MVT; empty for a tile to leave out.
  std::string encode(const render::VectorTile& tile);

 private:
  std::string encode_features(const render::VectorTile& tile) const;

  const VectorTileProperties& properties_;
  std::unordered_map<std::uint32_t, std::string> inside_unit_;
};

}  // namespace covermap::outputs
