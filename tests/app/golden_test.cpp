// Renders every case in tests/golden/ and compares it with the accepted image (see tests/golden/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "render/cairo_handles.hpp"
#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;

constexpr int kChannelTolerance = 16;
constexpr double kDefaultPixelFraction = 0.0002;

std::vector<std::string> golden_cases() {
  std::vector<std::string> cases;
  for (const auto& entry : fs::directory_iterator(fs::path(COVERMAP_SOURCE_DIR) / "tests" / "golden"))
    if (fs::exists(entry.path() / "map.yaml")) cases.push_back(entry.path().filename().string());
  std::sort(cases.begin(), cases.end());
  return cases;
}

double tolerance_of(const fs::path& case_dir) {
  std::ifstream in(case_dir / "tolerance");
  double fraction = kDefaultPixelFraction;
  if (in) in >> fraction;
  return fraction;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, MatchesTheAcceptedImage) {
  const fs::path case_dir = fs::path(COVERMAP_SOURCE_DIR) / "tests" / "golden" / GetParam();
  const fs::path failures = fs::temp_directory_path() / "covermap-golden";
  fs::create_directories(failures);
  const std::string actual_path = (failures / (GetParam() + ".png")).string();
  const auto result =
      test::run_cli("render '" + (case_dir / "map.yaml").string() + "' -o '" + actual_path + "' --dpi 72");
  ASSERT_EQ(result.exit_code, 0) << result.err;

  render::CairoSurfacePtr expected(cairo_image_surface_create_from_png((case_dir / "expected.png").c_str()));
  render::CairoSurfacePtr actual(cairo_image_surface_create_from_png(actual_path.c_str()));
  ASSERT_EQ(cairo_surface_status(expected.get()), CAIRO_STATUS_SUCCESS)
      << "missing expected.png: run make golden";
  ASSERT_EQ(cairo_surface_status(actual.get()), CAIRO_STATUS_SUCCESS);
  const int width = cairo_image_surface_get_width(expected.get());
  const int height = cairo_image_surface_get_height(expected.get());
  ASSERT_EQ(cairo_image_surface_get_width(actual.get()), width);
  ASSERT_EQ(cairo_image_surface_get_height(actual.get()), height);

  const unsigned char* a = cairo_image_surface_get_data(expected.get());
  const unsigned char* b = cairo_image_surface_get_data(actual.get());
  const int stride = cairo_image_surface_get_stride(expected.get());
  long differing = 0;
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      for (int channel = 0; channel < 3; ++channel) {
        const int offset = y * stride + x * 4 + channel;
        if (std::abs(a[offset] - b[offset]) > kChannelTolerance) {
          ++differing;
          break;
        }
      }
  const double fraction = static_cast<double>(differing) / (static_cast<double>(width) * height);
  EXPECT_LE(fraction, tolerance_of(case_dir))
      << differing << " pixels differ; the new rendering is " << actual_path
      << " (if the change is intended, run make golden)";
  if (fraction <= tolerance_of(case_dir)) fs::remove(actual_path);
}

INSTANTIATE_TEST_SUITE_P(Cases, Golden, ::testing::ValuesIn(golden_cases()), [](const auto& info) {
  std::string name = info.param;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

}  // namespace
}  // namespace covermap::app
