// The optional marks on the built-in provinces: graticule (light grey, clipped to the map frame) and north
// arrow (top-right corner), found by their colours in a 300 dpi PNG.
#include <gtest/gtest.h>

#include <cstddef>
#include <functional>

#include "render/cairo_handles.hpp"
#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

using test::run_cli;
using test::TempDir;

constexpr int kDpi = 300;
constexpr double kMarginMm = 6;  // page margin around the map frame; no title, so the frame starts there

double px(double points) {
  return points / 72.0 * kDpi;
}

class MapMarks : public ::testing::Test {
 protected:
  // Renders the provinces with `extra` map-file lines; returns the PNG.
  render::CairoSurfacePtr render(const std::string& extra, const std::string& name) {
    dir_.write("data.csv", "adcode,v\n440000,10\n510000,20\n650000,30\n");
    const std::string map = dir_.write(
        name + ".yaml",
        "boundaries: {source: \"builtin:china-provinces\"}\ndata: {source: data.csv, key: adcode}\nvalue: v\n"
        "legend: {position: bottom-left}\nno_data: {hatch: false}\npage: {width_mm: 120, height_mm: 100}\n" +
            extra);
    const std::string png = dir_.file(name + ".png");
    const auto result = run_cli("render '" + map + "' -o '" + png + "' --dpi " + std::to_string(kDpi));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    render::CairoSurfacePtr image(cairo_image_surface_create_from_png(png.c_str()));
    EXPECT_EQ(cairo_surface_status(image.get()), CAIRO_STATUS_SUCCESS);
    return image;
  }
  TempDir dir_;
};

// Pixels of exactly one grey inside and outside a box (pixel coordinates).
struct Count {
  int inside = 0;
  int outside = 0;
};

Count count_grey(cairo_surface_t* image, int level, double x0, double y0, double x1, double y1) {
  Count count;
  const int width = cairo_image_surface_get_width(image);
  const int height = cairo_image_surface_get_height(image);
  const int stride = cairo_image_surface_get_stride(image);
  const unsigned char* data = cairo_image_surface_get_data(image);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const unsigned char* p = data + std::ptrdiff_t{y} * stride + std::ptrdiff_t{x} * 4;  // BGRx
      if (p[0] != level || p[1] != level || p[2] != level) continue;
      const bool in = x >= x0 && x < x1 && y >= y0 && y < y1;
      ++(in ? count.inside : count.outside);
    }
  return count;
}

TEST_F(MapMarks, GraticuleIsLightGreyAndStaysInsideTheMapFrame) {
  const auto plain = render("", "plain");
  const auto with = render("graticule: {step_deg: 10}\n", "graticule");
  const int width = cairo_image_surface_get_width(with.get());
  const int height = cairo_image_surface_get_height(with.get());
  const double margin = kMarginMm / 25.4 * kDpi;
  constexpr int kGraticuleGrey = 0xc7;  // 0.78 of white, 0.35 pt: whole pixels at 300 dpi
  const Count lines = count_grey(with.get(), kGraticuleGrey, margin, margin, width - margin, height - margin);
  const Count before =
      count_grey(plain.get(), kGraticuleGrey, margin, margin, width - margin, height - margin);
  EXPECT_LT(before.inside, 50) << "the grey is rare without the graticule (a few anti-aliased text pixels)";
  EXPECT_GT(lines.inside, before.inside + 2000) << "meridians and parallels drawn";
  EXPECT_EQ(lines.outside, before.outside) << "clipped to the map frame: the margins are unchanged";
}

TEST_F(MapMarks, NorthArrowSitsInTheTopRightCorner) {
  const auto plain = render("", "plain");
  const auto with = render("north_arrow: true\n", "arrow");
  const int width = cairo_image_surface_get_width(with.get());
  const double margin = kMarginMm / 25.4 * kDpi;
  constexpr int kArrowGrey = 0x33;
  // The corner: 30 pt wide and 45 pt tall inside the frame's top-right corner.
  const double x0 = width - margin - px(30), y0 = margin, x1 = width - margin, y1 = margin + px(45);
  const Count arrow = count_grey(with.get(), kArrowGrey, x0, y0, x1, y1);
  EXPECT_GT(arrow.inside, 300) << "the dark half of the arrow and the N";
  const Count before = count_grey(plain.get(), kArrowGrey, x0, y0, x1, y1);
  EXPECT_EQ(before.inside, 0);
  EXPECT_EQ(arrow.outside, before.outside) << "nothing else changes colour to the arrow's grey";
}

}  // namespace
}  // namespace covermap::app
