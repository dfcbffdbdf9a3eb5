// The South China Sea inset on the real provinces of china-admin.gpkg: where it is drawn on the page, and
// that its boundary line comes from the source's scs_boundary layer.
#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>

#include "render/cairo_handles.hpp"
#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

using test::run_cli;
using test::run_shell;
using test::TempDir;

constexpr int kDpi = 300;
constexpr double kMarginMm = 6;  // the page margin around the map frame (render/draw_figure.cpp)

// The inset's frame and boundary line colour, #4d4d4d: lines 0.5 pt and more wide cover whole pixels at 300
// dpi, so their colour shows exactly there; no fill, text or hatching of these maps uses it.
bool is_line_colour(const unsigned char* p) {
  return p[0] == 0x4d && p[1] == 0x4d && p[2] == 0x4d;
}

struct Image {
  render::CairoSurfacePtr surface;
  int width = 0;
  int height = 0;
  const unsigned char* at(int x, int y) const {
    return cairo_image_surface_get_data(surface.get()) +
           std::ptrdiff_t{y} * cairo_image_surface_get_stride(surface.get()) + std::ptrdiff_t{x} * 4;
  }
};

Image load_png(const std::string& path) {
  Image image{render::CairoSurfacePtr(cairo_image_surface_create_from_png(path.c_str()))};
  EXPECT_EQ(cairo_surface_status(image.surface.get()), CAIRO_STATUS_SUCCESS) << path;
  image.width = cairo_image_surface_get_width(image.surface.get());
  image.height = cairo_image_surface_get_height(image.surface.get());
  return image;
}

struct Run {
  int start = 0;
  int length = 0;
};

// The longest run of line-coloured pixels along row `y` (or column `x` when `vertical`).
Run longest_run(const Image& image, int fixed, bool vertical) {
  Run best, current;
  const int end = vertical ? image.height : image.width;
  for (int i = 0; i < end; ++i) {
    const bool on = vertical ? is_line_colour(image.at(fixed, i)) : is_line_colour(image.at(i, fixed));
    if (!on) {
      current = {i + 1, 0};
      continue;
    }
    if (++current.length > best.length) best = current;
  }
  return best;
}

class Inset : public ::testing::Test {
 protected:
  std::string render(const std::string& gpkg, const std::string& inset, const std::string& name) {
    dir_.write("data.csv", "adcode,v\n440000,10\n450000,20\n460000,30\n350000,40\n");
    const std::string map = dir_.write(name + ".yaml", "title: Inset\nboundaries: {source: '" + gpkg +
                                                           "', layer: province}\n"
                                                           "data: {source: data.csv, key: adcode}\nvalue: v\n"
                                                           "no_data: {hatch: false}\n"
                                                           "page: {width_mm: 160, height_mm: 120}\n"
                                                           "inset: " +
                                                           inset + "\n");
    std::string png = dir_.file(name + ".png");
    const auto result = run_cli("render '" + map + "' -o '" + png + "' --dpi " + std::to_string(kDpi));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return png;
  }
  TempDir dir_;
};

// The frame: a long horizontal and vertical line at the lower right of the map frame, ending at its corner.
struct Frame {
  int left = -1;
  int top = -1;
  int right = -1;
  int bottom = -1;
};

Frame find_frame(const Image& image) {
  Frame frame;
  const int min_run = image.width / 10;
  for (int y = image.height / 2; y < image.height && frame.top < 0; ++y)
    if (const Run run = longest_run(image, y, false); run.length >= min_run && run.start > image.width / 2) {
      frame.top = y;
      frame.left = run.start;
      frame.right = run.start + run.length - 1;
    }
  if (frame.top < 0) return frame;
  const Run side = longest_run(image, frame.right, true);
  frame.bottom = side.start + side.length - 1;
  return frame;
}

int line_pixels_inside(const Image& image, const Frame& frame) {
  constexpr int kClear = 6;  // pixels off the frame's own lines
  int count = 0;
  for (int y = frame.top + kClear; y < frame.bottom - kClear; ++y)
    for (int x = frame.left + kClear; x < frame.right - kClear; ++x) count += is_line_colour(image.at(x, y));
  return count;
}

TEST_F(Inset, FramedAtTheLowerRightWithTheBoundaryLineOfTheSource) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  // No title or note: their anti-aliased text would count as line pixels.
  const Image with_line =
      load_png(render(gpkg, "{region: south-china-sea, title: '', note: ''}", "detected"));
  const Frame frame = find_frame(with_line);
  ASSERT_GE(frame.top, 0) << "no inset frame in the lower right half";

  // Its right and bottom sides lie on the map frame's edges, one page margin in from the paper's.
  const double margin_px = kMarginMm / 25.4 * kDpi;
  EXPECT_NEAR(frame.right, with_line.width - margin_px, 3);
  EXPECT_NEAR(frame.bottom, with_line.height - margin_px, 3);
  // Taller than wide, a fifth to a third of the frame high: the South China Sea at its own scale.
  const int width = frame.right - frame.left;
  const int height = frame.bottom - frame.top;
  EXPECT_GT(height, width);
  EXPECT_GT(height, with_line.height / 6);
  EXPECT_LT(height, with_line.height / 2);

  // The dashes of scs_boundary, found in the boundaries source and drawn inside the frame; gone when turned
  // off.
  const int dashes = line_pixels_inside(with_line, frame);
  EXPECT_GT(dashes, 150) << "no boundary line inside the inset";  // ten dashes, about 300 pixels
  const Image without_line =
      load_png(render(gpkg, "{region: south-china-sea, boundary: none, title: '', note: ''}", "off"));
  const Frame same = find_frame(without_line);
  ASSERT_EQ(same.top, frame.top) << "the inset does not move with its line";
  EXPECT_EQ(line_pixels_inside(without_line, same), 0);

  // Without the inset, nothing is framed there.
  const Image plain = load_png(render(gpkg, "none", "plain"));
  EXPECT_LT(find_frame(plain).top, 0);
}

TEST_F(Inset, PdfWithTheInsetKeepsItsTextAndFonts) {
  COVERMAP_REQUIRE_CHINA_ADMIN(gpkg);
  dir_.write("data.csv", "adcode,v\n440000,10\n460000,30\n");
  const std::string map =
      dir_.write("map.yaml", "title: 南海诸岛 inset\nboundaries: {source: '" + gpkg +
                                 "', layer: province}\ndata: {source: data.csv, key: adcode}\nvalue: v\n"
                                 "labels: {field: name, size_pt: 6}\ninset: south-china-sea\n");
  const std::string pdf = dir_.file("map.pdf");
  const auto result = run_cli("render '" + map + "' -o '" + pdf + "'");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  const auto text = run_shell("pdftotext -enc UTF-8 '" + pdf + "' -");
  EXPECT_NE(text.out.find("南海诸岛 inset"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("广东省"), std::string::npos) << text.out;
  const auto fonts = run_shell("pdffonts '" + pdf + "'");
  EXPECT_NE(fonts.out.find("NotoSansCJK"), std::string::npos) << fonts.out;
  EXPECT_EQ(fonts.out.find(" no  "), std::string::npos) << "every font embedded:\n" << fonts.out;
}

// The same inset on the built-in provinces, which have neither the islands nor the line: GSHHG's land and
// islands are drawn (dots where an island is too small for the scale), and the inset says what it does not
// draw, in the map's language.
class BuiltinInset : public ::testing::Test {
 protected:
  std::string render(const std::string& extra, const std::string& output) {
    dir_.write("data.csv", "adcode,v\n440000,10\n460000,30\n");
    const std::string map =
        dir_.write("map.yaml",
                   "boundaries: {source: 'builtin:china-provinces'}\ndata: {source: data.csv, key: adcode}\n"
                   "value: v\nno_data: {hatch: false}\npage: {width_mm: 160, height_mm: 120}\n" +
                       extra);
    std::string path = dir_.file(output);
    const auto result = run_cli("render '" + map + "' -o '" + path + "' --dpi " + std::to_string(kDpi));
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return path;
  }
  std::string pdf_text(const std::string& extra) {
    return run_shell("pdftotext -enc UTF-8 '" + render(extra, "map.pdf") + "' -").out;
  }
  TempDir dir_;
};

bool is_islet_colour(const unsigned char* p) {
  return p[0] == 0x7a && p[1] == 0x7a && p[2] == 0x7a;  // render/draw_inset.cpp kIsletColor
}

int islet_pixels(const Image& image, int x0, int y0) {
  int count = 0;
  for (int y = y0; y < image.height; ++y)
    for (int x = x0; x < image.width; ++x) count += is_islet_colour(image.at(x, y));
  return count;
}

TEST_F(BuiltinInset, DrawsTheIslandsFromGshhgAsDots) {
  if (!std::filesystem::exists("/usr/share/gmt-gshhg/binned_GSHHS_f.nc"))
    GTEST_SKIP() << "gmt-gshhg-full not installed (scripts/install-deps.sh installs it)";
  const Image with = load_png(render("inset: south-china-sea\n", "with.png"));
  const Image without = load_png(render("inset: {region: south-china-sea, land: none}\n", "without.png"));
  // The lower-right quarter of the page, where the inset is. Without GSHHG's land only a few anti-aliased
  // pixels of text happen to have the dots' grey.
  const int islets = islet_pixels(with, with.width / 2, with.height / 2);
  const int text = islet_pixels(without, without.width / 2, without.height / 2);
  EXPECT_LT(text, 50);
  EXPECT_GT(islets, text + 200) << "the Paracels, the Spratlys, Pratas: dots of darker grey";
}

TEST_F(BuiltinInset, SaysWhatItDoesNotDrawInTheMapsLanguage) {
  if (!std::filesystem::exists("/usr/share/gmt-gshhg/binned_GSHHS_f.nc"))
    GTEST_SKIP() << "gmt-gshhg-full not installed (scripts/install-deps.sh installs it)";
  const std::string english = pdf_text("inset: south-china-sea\n");
  EXPECT_NE(english.find("South China Sea Islands"), std::string::npos) << english;
  EXPECT_NE(english.find("Boundary line not drawn"), std::string::npos) << english;
  const std::string chinese = pdf_text("language: zh\ninset: south-china-sea\nsource: DCW\n");
  EXPECT_NE(chinese.find("南海诸岛"), std::string::npos) << chinese;
  EXPECT_NE(chinese.find("未绘出断续线"), std::string::npos) << chinese;
  EXPECT_NE(chinese.find("资料来源：DCW"), std::string::npos) << chinese;
  const std::string bare = pdf_text("inset: {region: south-china-sea, land: none}\n");
  EXPECT_NE(bare.find("Islands and boundary line not drawn"), std::string::npos) << bare;
  const std::string quiet = pdf_text("inset: {region: south-china-sea, title: '', note: ''}\n");
  EXPECT_EQ(quiet.find("South China Sea"), std::string::npos) << quiet;
  EXPECT_EQ(quiet.find("not drawn"), std::string::npos) << quiet;
}

}  // namespace
}  // namespace covermap::app
