#pragma once
// Mapbox Vector Tile 2.1 encoding: the command integers of geometries (ours, section 4.3 of the spec) and
// the protobuf messages around them (written with protozero). Pure functions and a layer writer: the same
// features in the same order give the same bytes.
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "render/tile_clip.hpp"

namespace covermap::outputs::mvt {

enum class GeomType : std::uint32_t { point = 1, linestring = 2, polygon = 3 };

// A command integer: id (1 MoveTo, 2 LineTo, 7 ClosePath) in the low 3 bits, the count above them.
std::uint32_t command(std::uint32_t id, std::uint32_t count);
// A parameter integer: zigzag, so small negative deltas stay small.
std::uint32_t zigzag(std::int64_t value);

// Geometry commands, cursor starting at (0, 0). Points: one MoveTo with a count per point. Lines: MoveTo
// then LineTo per line. Polygons: rings in MVT order (exteriors of positive area, each followed by its
// holes), open, at least three distinct vertices each; MoveTo, LineTo, ClosePath per ring.
std::vector<std::uint32_t> point_commands(std::span<const render::GridPoint> points);
std::vector<std::uint32_t> line_commands(std::span<const render::GridRing> lines);
std::vector<std::uint32_t> polygon_commands(std::span<const render::GridRing> rings);

// A property value: string, number (integer or double) or boolean.
using Value = std::variant<std::string, double, std::int64_t, bool>;
struct Property {
  std::string key;
  Value value;
};

// One layer (version 2): features are written as they are added; keys and values are numbered in the order
// of first use.
class LayerWriter {
 public:
  explicit LayerWriter(std::string name, std::uint32_t extent = 4096);

  // `id` 0 is written as no id.
  void add_feature(std::uint64_t id, GeomType type, std::span<const std::uint32_t> geometry,
                   std::span<const Property> properties);
  bool empty() const { return features_ == 0; }
  // The Layer message.
  std::string finish() const;

 private:
  std::uint32_t key_index(const std::string& key);
  std::uint32_t value_index(const Value& value);

  std::string name_;
  std::uint32_t extent_;
  std::size_t features_ = 0;
  std::string feature_bytes_;
  std::vector<std::string> keys_;
  std::vector<Value> values_;
  std::unordered_map<Value, std::uint32_t> value_ids_;
  std::vector<std::uint32_t> tags_;  // reused between features
};

// A Tile message of the given layers (each from LayerWriter::finish); empty layers are left out.
std::string tile_bytes(std::span<const std::string> layers);

}  // namespace covermap::outputs::mvt
