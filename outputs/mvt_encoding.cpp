#include "outputs/mvt_encoding.hpp"

#include <protozero/pbf_writer.hpp>

#include "geo/error.hpp"

namespace covermap::outputs::mvt {
namespace {

// Field numbers of vector_tile.proto (spec 2.1).
namespace tile_field {
constexpr protozero::pbf_tag_type kLayers = 3;
}
namespace layer_field {
constexpr protozero::pbf_tag_type kName = 1, kFeatures = 2, kKeys = 3, kValues = 4, kExtent = 5,
                                  kVersion = 15;
}
namespace feature_field {
constexpr protozero::pbf_tag_type kId = 1, kTags = 2, kType = 3, kGeometry = 4;
}
namespace value_field {
constexpr protozero::pbf_tag_type kString = 1, kDouble = 3, kSint = 6, kBool = 7;
}

constexpr std::uint32_t kMoveTo = 1, kLineTo = 2, kClosePath = 7;
constexpr std::uint32_t kLayerVersion = 2;

// Appends the commands for a run of vertices: MoveTo the first, LineTo the rest (when `line_to_rest`).
class CommandWriter {
 public:
  void move_to(const render::GridPoint& p) {
    out_.push_back(command(kMoveTo, 1));
    step(p);
  }
  void line_to(std::span<const render::GridPoint> points) {
    out_.push_back(command(kLineTo, static_cast<std::uint32_t>(points.size())));
    for (const render::GridPoint& p : points) step(p);
  }
  void close_path() { out_.push_back(command(kClosePath, 1)); }
  std::vector<std::uint32_t>& out() { return out_; }

  void step(const render::GridPoint& p) {
    out_.push_back(zigzag(p.x - cursor_.x));
    out_.push_back(zigzag(p.y - cursor_.y));
    cursor_ = p;
  }

 private:
  std::vector<std::uint32_t> out_;
  render::GridPoint cursor_;
};

}  // namespace

std::uint32_t command(std::uint32_t id, std::uint32_t count) {
  if (count >= (1u << 29))
    throw InternalError("mvt", "command count " + std::to_string(count) + " too large");
  return (id & 0x7) | (count << 3);
}

std::uint32_t zigzag(std::int64_t value) {
  if (value > INT32_MAX || value < -INT32_MAX)
    throw InternalError("mvt", "coordinate step " + std::to_string(value) + " outside 32 bits");
  const auto v = static_cast<std::int32_t>(value);
  return (static_cast<std::uint32_t>(v) << 1) ^ static_cast<std::uint32_t>(v >> 31);
}

std::vector<std::uint32_t> point_commands(std::span<const render::GridPoint> points) {
  CommandWriter writer;
  if (points.empty()) return {};
  writer.out().push_back(command(kMoveTo, static_cast<std::uint32_t>(points.size())));
  for (const render::GridPoint& p : points) writer.step(p);
  return std::move(writer.out());
}

std::vector<std::uint32_t> line_commands(std::span<const render::GridRing> lines) {
  CommandWriter writer;
  for (const render::GridRing& line : lines) {
    if (line.size() < 2) throw InternalError("mvt", "a line needs two vertices");
    writer.move_to(line.front());
    writer.line_to(std::span(line).subspan(1));
  }
  return std::move(writer.out());
}

std::vector<std::uint32_t> polygon_commands(std::span<const render::GridRing> rings) {
  CommandWriter writer;
  for (const render::GridRing& ring : rings) {
    if (ring.size() < 3) throw InternalError("mvt", "a ring needs three vertices");
    writer.move_to(ring.front());
    writer.line_to(std::span(ring).subspan(1));
    writer.close_path();
  }
  return std::move(writer.out());
}

LayerWriter::LayerWriter(std::string name, std::uint32_t extent) : name_(std::move(name)), extent_(extent) {}

std::uint32_t LayerWriter::key_index(const std::string& key) {
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return static_cast<std::uint32_t>(i);
  keys_.push_back(key);
  return static_cast<std::uint32_t>(keys_.size() - 1);
}

std::uint32_t LayerWriter::value_index(const Value& value) {
  const auto [it, added] = value_ids_.try_emplace(value, static_cast<std::uint32_t>(values_.size()));
  if (added) values_.push_back(value);
  return it->second;
}

void LayerWriter::add_feature(std::uint64_t id, GeomType type, std::span<const std::uint32_t> geometry,
                              std::span<const Property> properties) {
  tags_.clear();
  for (const Property& property : properties) {
    tags_.push_back(key_index(property.key));
    tags_.push_back(value_index(property.value));
  }
  protozero::pbf_writer layer(feature_bytes_);
  protozero::pbf_writer feature(layer, layer_field::kFeatures);
  if (id != 0) feature.add_uint64(feature_field::kId, id);
  if (!tags_.empty()) feature.add_packed_uint32(feature_field::kTags, tags_.begin(), tags_.end());
  feature.add_enum(feature_field::kType, static_cast<std::int32_t>(type));
  feature.add_packed_uint32(feature_field::kGeometry, geometry.begin(), geometry.end());
  ++features_;
}

std::string LayerWriter::finish() const {
  std::string bytes;
  protozero::pbf_writer layer(bytes);
  layer.add_uint32(layer_field::kVersion, kLayerVersion);
  layer.add_string(layer_field::kName, name_);
  bytes += feature_bytes_;  // already field 2 submessages of this layer
  for (const std::string& key : keys_) layer.add_string(layer_field::kKeys, key);
  for (const Value& value : values_) {
    protozero::pbf_writer message(layer, layer_field::kValues);
    if (const auto* text = std::get_if<std::string>(&value))
      message.add_string(value_field::kString, *text);
    else if (const auto* number = std::get_if<double>(&value))
      message.add_double(value_field::kDouble, *number);
    else if (const auto* integer = std::get_if<std::int64_t>(&value))
      message.add_sint64(value_field::kSint, *integer);
    else
      message.add_bool(value_field::kBool, std::get<bool>(value));
  }
  layer.add_uint32(layer_field::kExtent, extent_);
  return bytes;
}

std::string tile_bytes(std::span<const std::string> layers) {
  std::string bytes;
  protozero::pbf_writer tile(bytes);
  for (const std::string& layer : layers)
    if (!layer.empty()) tile.add_message(tile_field::kLayers, layer);
  return bytes;
}

}  // namespace covermap::outputs::mvt
