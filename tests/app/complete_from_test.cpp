// boundaries.complete_from: a finer layer that leaves out a unit of a coarser one (county sources without
// Taiwan) is completed with it, drawn as no data, and the run says which unit it added.
#include <gtest/gtest.h>

#include "render/cairo_handles.hpp"
#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

using test::run_cli;
using test::run_shell;
using test::TempDir;

class CompleteFrom : public ::testing::Test {
 protected:
  // A GeoPackage of the built-in provinces (layer china-provinces) and the same without Taiwan (layer fine).
  void SetUp() override {
    gpkg_ = dir_.file("provinces.gpkg");
    auto exported = run_cli("boundaries export builtin:china-provinces -o '" + gpkg_ + "'");
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    auto fine = run_shell("ogr2ogr -update -nln fine -where \"adcode <> '710000'\" '" + gpkg_ + "' '" +
                          gpkg_ + "' china-provinces");
    ASSERT_EQ(fine.exit_code, 0) << fine.err;
    dir_.write("data.csv", "adcode,v\n440000,1\n350000,2\n");
  }
  std::string map(const std::string& boundaries) {
    return dir_.write("map.yaml", "boundaries: " + boundaries +
                                      "\ndata: {source: data.csv, key: adcode}\nvalue: v\n"
                                      "no_data: {fill: '#ff00ff', hatch: false}\n"
                                      "borders: none\npage: {width_mm: 120, height_mm: 100}\n");
  }
  TempDir dir_;
  std::string gpkg_;
};

int magenta_pixels(const std::string& png) {
  render::CairoSurfacePtr image(cairo_image_surface_create_from_png(png.c_str()));
  EXPECT_EQ(cairo_surface_status(image.get()), CAIRO_STATUS_SUCCESS);
  const int width = cairo_image_surface_get_width(image.get());
  const int height = cairo_image_surface_get_height(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  const unsigned char* data = cairo_image_surface_get_data(image.get());
  int count = 0;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const unsigned char* p =
          data + static_cast<std::ptrdiff_t>(y) * stride + static_cast<std::ptrdiff_t>(x) * 4;  // BGRx
      count += p[0] == 0xff && p[1] == 0x00 && p[2] == 0xff;
    }
  return count;
}

TEST_F(CompleteFrom, TheUnitTheFinerLayerLeavesOutIsDrawnAsNoDataAndNamed) {
  const std::string without = dir_.file("without.png");
  auto plain =
      run_cli("render '" + map("{source: provinces.gpkg, layer: fine}") + "' -o '" + without + "' --dpi 100");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_EQ(plain.err.find("complete_from"), std::string::npos);

  const std::string with = dir_.file("with.png");
  auto completed = run_cli(
      "render '" + map("{source: provinces.gpkg, layer: fine, complete_from: {layer: china-provinces}}") +
      "' -o '" + with + "' --dpi 100");
  ASSERT_EQ(completed.exit_code, 0) << completed.err;
  EXPECT_NE(completed.err.find("warning: "), std::string::npos) << completed.err;
  EXPECT_NE(completed.err.find("boundaries.complete_from: 1 unit of"), std::string::npos) << completed.err;
  EXPECT_NE(completed.err.find("drawn as no data: 台湾省 (710000)"), std::string::npos) << completed.err;
  // Taiwan, in the no-data magenta: hundreds of pixels more at 100 dpi.
  EXPECT_GT(magenta_pixels(with), magenta_pixels(without) + 200);

  auto joined = run_cli("join '" +
                        map("{source: provinces.gpkg, layer: fine, complete_from: "
                            "{layer: china-provinces}}") +
                        "' --report '" + dir_.file("report.json") + "'");
  EXPECT_EQ(joined.exit_code, 0) << joined.err;
  const std::string report = test::read_file(dir_.file("report.json"));
  EXPECT_NE(report.find("\"710000\""), std::string::npos) << "listed among the units without data";
}

TEST_F(CompleteFrom, NothingIsAddedWhenTheFinerLayerCoversEveryUnit) {
  auto result = run_cli("render '" +
                        map("{source: provinces.gpkg, layer: china-provinces, complete_from: "
                            "builtin:china-provinces}") +
                        "' -o '" + dir_.file("same.png") + "' --dpi 50");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err.find("complete_from"), std::string::npos) << result.err;
}

TEST(CompleteFromCounties, TheCountiesOfTheSharedDataAreCompletedWithTaiwan) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  TempDir dir;
  dir.write("data.csv", "adcode,v\n440103,1\n");
  const std::string map = dir.write("map.yaml", "boundaries: {source: '" + gpkg +
                                                    "', layer: county, complete_from: {layer: province}}\n"
                                                    "data: {source: data.csv, key: adcode}\nvalue: v\n");
  auto result = run_cli("render '" + map + "' -o '" + dir.file("counties.pdf") + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.err.find("drawn as no data: 台湾省 (710000)"), std::string::npos) << result.err;
}

}  // namespace
}  // namespace covermap::app
