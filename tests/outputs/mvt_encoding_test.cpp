// MVT 2.1 encoding against the examples of the specification (section 4.3.5 for geometries, 4.5 for a
// layer), the layer read back with protozero's reader.
#include "outputs/mvt_encoding.hpp"

#include <gtest/gtest.h>

#include <protozero/pbf_reader.hpp>

#include "geo/error.hpp"

namespace covermap::outputs::mvt {
namespace {

using Commands = std::vector<std::uint32_t>;

TEST(MvtEncoding, CommandAndParameterIntegers) {
  EXPECT_EQ(command(1, 1), 9u);   // [00001 001]
  EXPECT_EQ(command(2, 3), 26u);  // [00011 010]
  EXPECT_EQ(command(7, 1), 15u);  // [00001 111]
  EXPECT_EQ(zigzag(0), 0u);
  EXPECT_EQ(zigzag(-1), 1u);
  EXPECT_EQ(zigzag(1), 2u);
  EXPECT_EQ(zigzag(25), 50u);
  EXPECT_EQ(zigzag(-5), 9u);
  EXPECT_THROW(zigzag(std::int64_t{1} << 40), InternalError);
}

TEST(MvtEncoding, SpecExamplePoints) {
  const render::GridPoint point{25, 17};
  EXPECT_EQ(point_commands(std::span(&point, 1)), (Commands{9, 50, 34}));
  const std::vector<render::GridPoint> two{{5, 7}, {3, 2}};
  EXPECT_EQ(point_commands(two), (Commands{17, 10, 14, 3, 9}));
}

TEST(MvtEncoding, SpecExampleLines) {
  const std::vector<render::GridRing> one{{{2, 2}, {2, 10}, {10, 10}}};
  EXPECT_EQ(line_commands(one), (Commands{9, 4, 4, 18, 0, 16, 16, 0}));
  const std::vector<render::GridRing> two{{{2, 2}, {2, 10}, {10, 10}}, {{1, 1}, {3, 5}}};
  EXPECT_EQ(line_commands(two), (Commands{9, 4, 4, 18, 0, 16, 16, 0, 9, 17, 17, 10, 4, 8}));
}

TEST(MvtEncoding, SpecExamplePolygons) {
  const std::vector<render::GridRing> triangle{{{3, 6}, {8, 12}, {20, 34}}};
  EXPECT_EQ(polygon_commands(triangle), (Commands{9, 6, 12, 18, 10, 12, 24, 44, 15}));
  // Two polygons, the second with a hole; the cursor carries on from ring to ring.
  const std::vector<render::GridRing> multi{{{0, 0}, {10, 0}, {10, 10}, {0, 10}},
                                            {{11, 11}, {20, 11}, {20, 20}, {11, 20}},
                                            {{13, 13}, {13, 17}, {17, 17}, {17, 13}}};
  EXPECT_EQ(polygon_commands(multi), (Commands{9, 0,  0,  26, 20, 0, 0, 20, 19, 0, 15, 9, 22, 2, 26, 18, 0,
                                               0, 18, 17, 0,  15, 9, 4, 13, 26, 0, 8,  8, 0,  0, 7,  15}));
  EXPECT_THROW(polygon_commands(std::vector<render::GridRing>{{{0, 0}, {1, 1}}}), InternalError);
}

struct DecodedValue {
  std::string text;
  double number = 0;
  std::int64_t integer = 0;
  int type = 0;  // the field number that held it
};

struct DecodedLayer {
  std::uint32_t version = 0, extent = 0;
  std::string name;
  std::vector<std::string> keys;
  std::vector<DecodedValue> values;
  struct Feature {
    std::uint64_t id = 0;
    std::vector<std::uint32_t> tags, geometry;
    int type = 0;
  };
  std::vector<Feature> features;
};

DecodedLayer decode_layer(const std::string& bytes) {
  DecodedLayer layer;
  protozero::pbf_reader message(bytes);
  while (message.next()) {
    switch (message.tag()) {
      case 15:
        layer.version = message.get_uint32();
        break;
      case 1:
        layer.name = message.get_string();
        break;
      case 2: {
        DecodedLayer::Feature feature;
        protozero::pbf_reader f(message.get_view());
        while (f.next()) {
          if (f.tag() == 1)
            feature.id = f.get_uint64();
          else if (f.tag() == 2)
            for (auto v : f.get_packed_uint32()) feature.tags.push_back(v);
          else if (f.tag() == 3)
            feature.type = f.get_enum();
          else if (f.tag() == 4)
            for (auto v : f.get_packed_uint32()) feature.geometry.push_back(v);
          else
            f.skip();
        }
        layer.features.push_back(feature);
        break;
      }
      case 3:
        layer.keys.push_back(message.get_string());
        break;
      case 4: {
        DecodedValue value;
        protozero::pbf_reader v(message.get_view());
        while (v.next()) {
          value.type = static_cast<int>(v.tag());
          if (v.tag() == 1)
            value.text = v.get_string();
          else if (v.tag() == 3)
            value.number = v.get_double();
          else if (v.tag() == 6)
            value.integer = v.get_sint64();
          else
            v.skip();
        }
        layer.values.push_back(value);
        break;
      }
      case 5:
        layer.extent = message.get_uint32();
        break;
      default:
        message.skip();
    }
  }
  return layer;
}

// Section 4.5: two points, keys and values shared in the layer's dictionaries in the order of first use.
TEST(MvtEncoding, SpecExampleLayer) {
  LayerWriter writer("points");
  const Commands geometry{9, 2410, 3080};
  writer.add_feature(1, GeomType::point, geometry,
                     std::vector<Property>{{"hello", "world"}, {"h", "world"}, {"count", 1.23}});
  writer.add_feature(2, GeomType::point, geometry,
                     std::vector<Property>{{"hello", "again"}, {"count", std::int64_t{2}}});
  const DecodedLayer layer = decode_layer(writer.finish());
  EXPECT_EQ(layer.version, 2u);
  EXPECT_EQ(layer.name, "points");
  EXPECT_EQ(layer.extent, 4096u);
  EXPECT_EQ(layer.keys, (std::vector<std::string>{"hello", "h", "count"}));
  ASSERT_EQ(layer.values.size(), 4u);
  EXPECT_EQ(layer.values[0].text, "world");
  EXPECT_EQ(layer.values[1].number, 1.23);
  EXPECT_EQ(layer.values[2].text, "again");
  EXPECT_EQ(layer.values[3].type, 6) << "whole numbers as sint64";
  EXPECT_EQ(layer.values[3].integer, 2);
  ASSERT_EQ(layer.features.size(), 2u);
  EXPECT_EQ(layer.features[0].id, 1u);
  EXPECT_EQ(layer.features[0].tags, (std::vector<std::uint32_t>{0, 0, 1, 0, 2, 1}));
  EXPECT_EQ(layer.features[0].type, 1);
  EXPECT_EQ(layer.features[0].geometry, geometry);
  EXPECT_EQ(layer.features[1].id, 2u);
  EXPECT_EQ(layer.features[1].tags, (std::vector<std::uint32_t>{0, 2, 2, 3}));
}

TEST(MvtEncoding, TileHoldsItsLayersInOrderAndSkipsNone) {
  LayerWriter a("units"), b("labels");
  a.add_feature(0, GeomType::polygon,
                polygon_commands(std::vector<render::GridRing>{{{0, 0}, {4, 0}, {4, 4}}}),
                std::vector<Property>{{"no_data", true}});
  b.add_feature(7, GeomType::point, Commands{9, 2, 2}, {});
  const std::string tile = tile_bytes(std::vector<std::string>{a.finish(), b.finish()});
  protozero::pbf_reader message(tile);
  std::vector<std::string> names;
  while (message.next(3)) names.push_back(decode_layer(std::string(message.get_view())).name);
  EXPECT_EQ(names, (std::vector<std::string>{"units", "labels"}));
  EXPECT_EQ(decode_layer(a.finish()).features[0].id, 0u) << "id 0 is left out";
}

}  // namespace
}  // namespace covermap::outputs::mvt
