#include "outputs/figure_writer.hpp"

#include <gtest/gtest.h>

#include <cstddef>

#include "geo/error.hpp"
#include "render/cairo_handles.hpp"
#include "tests/test_support.hpp"

namespace covermap::outputs {
namespace {

using test::read_file;
using test::run_shell;
using test::TempDir;

geo::MultiPolygon square(double x, double y, double size) {
  return {{{{x, y}, {x + size, y}, {x + size, y + size}, {x, y + size}, {x, y}}, {}}};
}

// Two neighbouring squares, in projected metres: one with data (blue), one without (hatched grey).
render::Scene two_unit_scene() {
  render::Scene scene;
  scene.style.title = "Coverage test figure";
  scene.style.subtitle = "Two units";
  scene.style.source = "covermap tests";
  scene.style.page = {100, 80, 300};
  scene.style.labels.field = "name";
  scene.style.legend.title = "Legend";
  scene.units.push_back(
      {square(0, 0, 1000), styles::Color{0x22, 0x5e, 0xa8}, "广东省", {500, 500}, 1e6, {0, 0, 1000, 1000}});
  scene.units.push_back(
      {square(1000, 0, 1000), std::nullopt, "北京市", {1500, 500}, 1e6, {1000, 0, 2000, 1000}});
  scene.legend = {{"Reached", {0x22, 0x5e, 0xa8}, false}, {"No data", {0xee, 0xee, 0xee}, true}};
  scene.extent = {0, 0, 2000, 1000};
  return scene;
}

TEST(FigureWriter, PngHasThePagePixelSizeAndTheClassColour) {
  TempDir dir;
  const std::string path = dir.file("figure.png");
  write_figure(two_unit_scene(), path, 150);
  render::CairoSurfacePtr image(cairo_image_surface_create_from_png(path.c_str()));
  ASSERT_EQ(cairo_surface_status(image.get()), CAIRO_STATUS_SUCCESS);
  // 100 x 80 mm at 150 dpi.
  EXPECT_EQ(cairo_image_surface_get_width(image.get()), 591);
  EXPECT_EQ(cairo_image_surface_get_height(image.get()), 472);

  // Find the class colour somewhere on the page: the unit with data is filled.
  const unsigned char* pixels = cairo_image_surface_get_data(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  int blue_pixels = 0;
  for (int y = 0; y < 472; ++y)
    for (int x = 0; x < 591; ++x) {
      const unsigned char* p = pixels + std::ptrdiff_t{y} * stride + std::ptrdiff_t{x} * 4;  // BGRx
      if (p[0] == 0xa8 && p[1] == 0x5e && p[2] == 0x22) ++blue_pixels;
    }
  EXPECT_GT(blue_pixels, 10000);
}

// A layout program sizes a placed image by its pHYs chunk: 100 mm at 150 dpi must place as 100 mm, not at
// the 72 dpi a PNG without one is taken for.
TEST(FigureWriter, PngRecordsItsDpiSoItPlacesAtPageSize) {
  TempDir dir;
  const std::string path = dir.file("figure.png");
  write_figure(two_unit_scene(), path, 150);
  const std::string png = read_file(path);
  const std::size_t chunk = png.find("pHYs");
  ASSERT_NE(chunk, std::string::npos) << "no pHYs chunk";
  ASSERT_LT(chunk + 13, png.size());
  const auto byte = [&](std::size_t i) { return static_cast<unsigned>(static_cast<unsigned char>(png[i])); };
  const unsigned x_per_metre =
      byte(chunk + 4) << 24 | byte(chunk + 5) << 16 | byte(chunk + 6) << 8 | byte(chunk + 7);
  const unsigned y_per_metre =
      byte(chunk + 8) << 24 | byte(chunk + 9) << 16 | byte(chunk + 10) << 8 | byte(chunk + 11);
  EXPECT_EQ(x_per_metre, 5906u);  // 150 / 0.0254
  EXPECT_EQ(y_per_metre, 5906u);
  EXPECT_EQ(byte(chunk + 12), 1u);  // the unit is the metre
}

// Two units of one class share an edge that falls between pixels (a slanted edge, odd size); without borders
// the paper must not show through anti-aliasing as a hairline seam.
TEST(FigureWriter, NeighboursWithoutBordersShowNoSeam) {
  render::Scene scene;
  scene.style.page = {50, 50, 150};
  scene.style.borders.visible = false;
  scene.style.legend.position = styles::LegendPosition::none;
  scene.style.scale_bar = false;
  const styles::Color fill{0x2c, 0x7f, 0xb8};
  const geo::MultiPolygon left{{{{0, 0}, {1030, 0}, {970, 1000}, {0, 1000}, {0, 0}}, {}}};
  const geo::MultiPolygon right{{{{1030, 0}, {2000, 0}, {2000, 1000}, {970, 1000}, {1030, 0}}, {}}};
  scene.units.push_back({left, fill, "", {}, 1, geo::bounds(left)});
  scene.units.push_back({right, fill, "", {}, 1, geo::bounds(right)});
  scene.extent = {0, 0, 2000, 1000};
  TempDir dir;
  const std::string path = dir.file("seam.png");
  write_figure(scene, path, 150);
  render::CairoSurfacePtr image(cairo_image_surface_create_from_png(path.c_str()));
  const int width = cairo_image_surface_get_width(image.get());
  const int height = cairo_image_surface_get_height(image.get());
  const unsigned char* pixels = cairo_image_surface_get_data(image.get());
  const int stride = cairo_image_surface_get_stride(image.get());
  // Along the middle row band, every pixel between the two outer edges is the fill, the seam included.
  int lighter = 0;
  for (int y = height / 2 - 20; y < height / 2 + 20; ++y)
    for (int x = width / 2 - 30; x < width / 2 + 30; ++x) {
      const unsigned char* p = pixels + std::ptrdiff_t{y} * stride + std::ptrdiff_t{x} * 4;  // BGRx
      if (p[0] > fill.b + 2 || p[1] > fill.g + 2 || p[2] > fill.r + 2) ++lighter;
    }
  EXPECT_EQ(lighter, 0) << "pixels lighter than the fill along the shared edge";
}

TEST(FigureWriter, PdfKeepsTitleAndChineseLabelsAsText) {
  TempDir dir;
  const std::string path = dir.file("figure.pdf");
  write_figure(two_unit_scene(), path, 300);
  const auto text = run_shell("pdftotext -enc UTF-8 '" + path + "' -");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Coverage test figure"), std::string::npos);
  EXPECT_NE(text.out.find("广东省"), std::string::npos);
  EXPECT_NE(text.out.find("No data"), std::string::npos);
  const auto fonts = run_shell("pdffonts '" + path + "'");
  EXPECT_NE(fonts.out.find("NotoSansCJK"), std::string::npos) << fonts.out;
  EXPECT_EQ(fonts.out.find(" no  "), std::string::npos) << "every font must be embedded:\n" << fonts.out;
}

// In one process too: Cairo numbers SVG groups by a process-wide count, which the writer numbers again.
TEST(FigureWriter, SameSceneGivesTheSameBytes) {
  TempDir dir;
  for (const char* extension : {".pdf", ".png", ".svg"}) {
    const std::string a = dir.file(std::string("a") + extension), b = dir.file(std::string("b") + extension);
    write_figure(two_unit_scene(), a, 100);
    write_figure(two_unit_scene(), b, 100);
    EXPECT_TRUE(read_file(a) == read_file(b)) << extension << " output differs between two identical renders";
  }
}

TEST(FigureWriter, SvgIsVector) {
  TempDir dir;
  const std::string path = dir.file("figure.svg");
  write_figure(two_unit_scene(), path, 300);
  const std::string svg = read_file(path);
  EXPECT_NE(svg.find("<svg"), std::string::npos);
  EXPECT_EQ(svg.find("<image"), std::string::npos) << "no embedded raster";
  EXPECT_NE(svg.find("width=\"283.46"), std::string::npos) << "page width in points";
}

// A designer opens the SVG in Illustrator or Inkscape and edits a label: text must be text, in the figure's
// font and language, not glyph outlines.
TEST(FigureWriter, SvgKeepsTextAsText) {
  TempDir dir;
  const std::string path = dir.file("figure.svg");
  write_figure(two_unit_scene(), path, 300);
  const std::string svg = read_file(path);
  EXPECT_NE(svg.find(">Coverage test figure</text>"), std::string::npos);
  EXPECT_NE(svg.find(">广东省</text>"), std::string::npos);
  EXPECT_NE(svg.find(">No data</text>"), std::string::npos);
  EXPECT_NE(svg.find("font-family=\"Noto Sans CJK SC"), std::string::npos);
  EXPECT_NE(svg.find("xml:lang=\"zh-cn\""), std::string::npos);
  EXPECT_EQ(svg.find("glyph"), std::string::npos) << "no glyph outlines";
  EXPECT_LT(svg.find("<text"), svg.rfind("</svg>"));
}

TEST(FigureWriter, UnknownFormatIsRefusedBeforeAnythingIsWritten) {
  TempDir dir;
  EXPECT_THROW(write_figure(two_unit_scene(), dir.file("figure.jpg"), 300), InputError);
  EXPECT_TRUE(std::filesystem::is_empty(dir.path()));
}

}  // namespace
}  // namespace covermap::outputs
