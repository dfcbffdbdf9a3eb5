// The county choropleth's vector tiles drawn by MapLibre GL JS with covermap's style, in headless Chromium on
// software WebGL (tests/app/maplibre_render.mjs), against covermap's own raster tiles of the same view:
// the fills agree on >= 97% of their pixels, and with every unit in one colour no background shows through
// between neighbours at zooms 3-8 (the seam test of the raster tiles, applied to the screenshot).
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "geo/tile_math.hpp"
#include "tests/app/png_image.hpp"
#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr int kViewPixels = 512;
// Channels may differ this much (of 255) and still agree: MapLibre and Cairo anti-alias the 0.4 px borders
// differently; a unit in another class differs by 55 or more in some channel (tiles_mapnik_test.cpp).
constexpr int kTolerance = 24;
constexpr double kRequiredAgreement = 0.97;

std::string shell_quoted(const std::string& text) {
  return "'" + text + "'";
}

struct View {
  const char* name;
  double lon, lat;
  int zoom;  // MapLibre's: vector tiles of this zoom, 512 pixels each
};

// Interiors and coasts, dense and sparse counties, islands.
const View kViews[] = {
    {"z3-china", 104.0, 35.0, 3},       {"z4-east", 114.0, 31.0, 4},    {"z5-sichuan", 105.5, 30.0, 5},
    {"z6-pearl-river", 113.6, 22.8, 6}, {"z7-beijing", 116.4, 39.9, 7}, {"z8-yangtze-mouth", 121.6, 31.5, 8},
};

// The view's top-left corner on whole pixels of the 512 * 2^z world, so that the raster tiles (256 pixels at
// zoom z + 1, the same grid) line up with the screenshot pixel for pixel.
struct Frame {
  std::int64_t left = 0, top = 0;
  double centre_lon = 0, centre_lat = 0;
  geo::Box lon_lat;
};

Frame frame_of(const View& view) {
  const double world = std::ldexp(512.0, view.zoom);
  const geo::Point m = geo::lon_lat_to_mercator({view.lon, view.lat});
  const double half = geo::kWebMercatorHalfWorld;
  const auto to_lon_lat = [&](double px, double py) {
    return geo::mercator_to_lon_lat({px / world * 2 * half - half, half - py / world * 2 * half});
  };
  Frame frame;
  frame.left = std::llround((m.x + half) / (2 * half) * world) - kViewPixels / 2;
  frame.top = std::llround((half - m.y) / (2 * half) * world) - kViewPixels / 2;
  const auto left = static_cast<double>(frame.left), top = static_cast<double>(frame.top);
  const geo::Point centre = to_lon_lat(left + kViewPixels / 2.0, top + kViewPixels / 2.0);
  frame.centre_lon = centre.x;
  frame.centre_lat = centre.y;
  frame.lon_lat.expand(to_lon_lat(left, top));
  frame.lon_lat.expand(to_lon_lat(left + kViewPixels, top + kViewPixels));
  return frame;
}

// covermap's raster tiles of zoom z + 1 (256 pixels) under the view, stitched; transparent where absent.
ArgbImage stitch(const std::string& folder, const View& view, const Frame& frame) {
  ArgbImage out;
  out.width = out.height = kViewPixels;
  out.pixels.assign(static_cast<std::size_t>(kViewPixels) * kViewPixels, 0);
  const int z = view.zoom + 1;
  for (std::int64_t ty = frame.top / 256; ty <= (frame.top + kViewPixels - 1) / 256; ++ty)
    for (std::int64_t tx = frame.left / 256; tx <= (frame.left + kViewPixels - 1) / 256; ++tx) {
      const std::string path =
          folder + "/" + std::to_string(z) + "/" + std::to_string(tx) + "/" + std::to_string(ty) + ".png";
      if (!fs::exists(path)) continue;
      const ArgbImage tile = read_png(path);
      if (tile.width != 256) continue;
      for (int y = 0; y < 256; ++y)
        for (int x = 0; x < 256; ++x) {
          const std::int64_t vx = tx * 256 + x - frame.left, vy = ty * 256 + y - frame.top;
          if (vx >= 0 && vy >= 0 && vx < kViewPixels && vy < kViewPixels)
            out.pixels[static_cast<std::size_t>(vy) * kViewPixels + vx] = tile.at(x, y);
        }
    }
  return out;
}

bool agree(std::uint32_t a, std::uint32_t b) {
  for (int shift = 0; shift < 24; shift += 8) {
    const int difference = static_cast<int>((a >> shift) & 0xff) - static_cast<int>((b >> shift) & 0xff);
    if (difference > kTolerance || difference < -kTolerance) return false;
  }
  return true;
}

// Pixels whose (2r+1)^2 neighbourhood in `image` all satisfy `keep`.
template <typename Keep>
std::vector<bool> neighbourhood_mask(const ArgbImage& image, int r, Keep keep) {
  std::vector<bool> mask(image.pixels.size(), false);
  for (int y = r; y < image.height - r; ++y)
    for (int x = r; x < image.width - r; ++x) {
      bool all = true;
      for (int dy = -r; dy <= r && all; ++dy)
        for (int dx = -r; dx <= r && all; ++dx) all = keep(image.at(x, y), image.at(x + dx, y + dy));
      mask[static_cast<std::size_t>(y) * image.width + x] = all;
    }
  return mask;
}

class MaplibreRender : public ::testing::Test {
 protected:
  void SetUp() override {
    if (china_admin_gpkg().empty()) GTEST_SKIP() << "china-admin.gpkg not found in " COVERMAP_TEST_DATA_DIR;
    COVERMAP_REQUIRE_NPM_PACKAGE("maplibre-gl");
    COVERMAP_REQUIRE_NPM_PACKAGE("playwright-core");
    if (!fs::exists(kChromium)) GTEST_SKIP() << "no Chromium at " << kChromium << " (Debian's chromium)";
  }
};

TEST_F(MaplibreRender, VectorTilesLookLikeTheRasterTilesAndShowNoSeams) {
  TempDir dir;
  // The benchmarks' county map: a value per county from its adcode, quantile, 5 classes, YlGnBu, borders.
  const std::string map = dir.file("counties.yaml");
  const auto made = run_shell(shell_quoted(COVERMAP_SOURCE_DIR "/bench/county_values.sh") + " " +
                              shell_quoted(china_admin_gpkg()) + " " + shell_quoted(dir.file("values.csv")) +
                              " " + shell_quoted(map));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  nlohmann::json views = nlohmann::json::array();
  std::vector<Frame> frames;
  for (const View& view : kViews) {
    const Frame frame = frame_of(view);
    frames.push_back(frame);
    const std::string bounds =
        std::to_string(frame.lon_lat.min_x) + "," + std::to_string(frame.lon_lat.min_y) + "," +
        std::to_string(frame.lon_lat.max_x) + "," + std::to_string(frame.lon_lat.max_y);
    const std::string name = view.name;
    for (const auto& [suffix, zoom, format] :
         {std::tuple{"-mvt", view.zoom, "mvt"}, std::tuple{"-png", view.zoom + 1, "png"}}) {
      const auto tiles =
          run_cli("tiles " + shell_quoted(map) + " -o " + shell_quoted(dir.file(name + suffix)) + " --zoom " +
                  std::to_string(zoom) + " --format " + format + " --bounds " + bounds);
      ASSERT_EQ(tiles.exit_code, 0) << tiles.err;
    }
    const auto add = [&](const std::string& shot, nlohmann::json layers, nlohmann::json background,
                         nlohmann::json fill) {
      views.push_back({{"name", shot},
                       {"tiles", dir.file(name + "-mvt")},
                       {"lon", frame.centre_lon},
                       {"lat", frame.centre_lat},
                       {"zoom", view.zoom},
                       {"width", kViewPixels},
                       {"height", kViewPixels},
                       {"layers", layers},
                       {"background", background},
                       {"fill", fill}});
    };
    add(name, nullptr, nullptr, nullptr);
    add(name + "-seams-magenta", {"units-fill"}, "#ff00ff", "#41b6c4");
    add(name + "-seams-black", {"units-fill"}, "#000000", "#41b6c4");
  }
  const std::string shots = dir.file("shots");
  fs::create_directory(shots);
  const auto rendered =
      run_shell("node " + shell_quoted(COVERMAP_SOURCE_DIR "/tests/app/maplibre_render.mjs") + " " +
                shell_quoted(COVERMAP_NPM_DIR) + " " + kChromium + " " +
                shell_quoted(dir.write("views.json", views.dump())) + " " + shell_quoted(shots) + " 2>&1");
  ASSERT_EQ(rendered.exit_code, 0) << rendered.out;

  for (std::size_t v = 0; v < std::size(kViews); ++v) {
    const std::string name = kViews[v].name;
    const ArgbImage raster = stitch(dir.file(name + "-png"), kViews[v], frames[v]);
    const ArgbImage shot = read_png(shots + "/" + name + ".png");
    const ArgbImage magenta = read_png(shots + "/" + name + "-seams-magenta.png");
    const ArgbImage black = read_png(shots + "/" + name + "-seams-black.png");
    ASSERT_EQ(shot.width, kViewPixels) << name;
    ASSERT_EQ(magenta.pixels.size(), black.pixels.size()) << name;

    // Fill pixels: opaque in the raster tiles, with their eight neighbours the same colour.
    const auto fill = neighbourhood_mask(raster, 1, [](std::uint32_t centre, std::uint32_t other) {
      return (centre >> 24) == 0xff && other == centre;
    });
    long fills = 0, agreeing = 0;
    for (std::size_t i = 0; i < fill.size(); ++i)
      if (fill[i]) ++fills, agreeing += agree(raster.pixels[i], shot.pixels[i]);
    EXPECT_GT(fills, kViewPixels * kViewPixels / 10) << name << ": the view should be mostly fills";
    const double share = static_cast<double>(agreeing) / static_cast<double>(fills);
    std::printf("%-20s fill pixels %6ld, agreeing %.2f%%\n", name.c_str(), fills, 100 * share);
    EXPECT_GE(share, kRequiredAgreement) << name;

    // Seams: inside the units (two pixels from any coast or edge of the data in the raster tiles), the
    // background must not show: the two screenshots, on magenta and on black, are the same there.
    const auto inside = neighbourhood_mask(
        raster, 2, [](std::uint32_t, std::uint32_t other) { return (other >> 24) == 0xff; });
    long seams = 0;
    for (std::size_t i = 0; i < inside.size(); ++i)
      if (inside[i] && (magenta.pixels[i] & 0xffffff) != (black.pixels[i] & 0xffffff) && seams++ < 3)
        ADD_FAILURE() << name << ": background shows at " << i % kViewPixels << "," << i / kViewPixels;
    EXPECT_EQ(seams, 0) << name;
  }
}

}  // namespace
}  // namespace covermap::test
