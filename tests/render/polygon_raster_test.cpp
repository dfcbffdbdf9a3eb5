#include "render/polygon_raster.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace covermap::render {
namespace {

constexpr int kSize = 16;
constexpr std::size_t kPixels = std::size_t{kSize} * kSize;
constexpr std::uint32_t kBlue = 0xff2c7fb8;  // opaque, premultiplied
constexpr std::uint32_t kWhite = 0xffffffff;

RingPath rings(const std::vector<std::vector<geo::Point>>& points) {
  RingPath path;
  for (const auto& ring : points) {
    for (const geo::Point& p : ring) path.add_point(p);
    path.close_ring();
  }
  return path;
}

RingPath box(double x0, double y0, double x1, double y1) {
  return rings({{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}});
}

// The share of `colour` in a pixel drawn over transparent black: its alpha.
double coverage(std::uint32_t pixel) {
  return (pixel >> 24) / 255.0;
}

struct Canvas {
  std::vector<std::uint32_t> pixels = std::vector<std::uint32_t>(kPixels, 0);
  std::uint32_t at(int x, int y) const {
    return pixels[static_cast<std::size_t>(y) * kSize + static_cast<std::size_t>(x)];
  }
};

TEST(PolygonRaster, EdgePixelsTakeTheShareOfTheirAreaThePolygonCovers) {
  PolygonRaster raster(kSize, kSize);
  Canvas canvas;
  raster.fill(box(2.25, 1, 5.75, 3.5), kBlue, canvas.pixels.data(), true);
  EXPECT_EQ(canvas.at(3, 1), kBlue);  // inside: the colour itself
  EXPECT_EQ(canvas.at(4, 2), kBlue);
  EXPECT_NEAR(coverage(canvas.at(2, 1)), 0.75, 1.0 / 255);   // left edge a quarter in
  EXPECT_NEAR(coverage(canvas.at(5, 1)), 0.75, 1.0 / 255);   // right edge three quarters in
  EXPECT_NEAR(coverage(canvas.at(3, 3)), 0.5, 1.0 / 255);    // bottom edge half way down
  EXPECT_NEAR(coverage(canvas.at(2, 3)), 0.375, 1.0 / 255);  // the corner: both
  EXPECT_EQ(canvas.at(1, 1), 0u);                            // outside: untouched
  EXPECT_EQ(canvas.at(3, 0), 0u);
  EXPECT_EQ(canvas.at(6, 2), 0u);
  EXPECT_EQ(canvas.at(3, 4), 0u);
}

// The share of a pixel's 16 x 16 sample points inside a simple polygon (crossing count).
double sampled_coverage(const std::vector<geo::Point>& polygon, int px, int py) {
  constexpr int kSamples = 16;
  int inside = 0;
  for (int sy = 0; sy < kSamples; ++sy)
    for (int sx = 0; sx < kSamples; ++sx) {
      const double x = px + (sx + 0.5) / kSamples, y = py + (sy + 0.5) / kSamples;
      bool in = false;
      for (std::size_t i = 0, j = polygon.size() - 1; i < polygon.size(); j = i++) {
        const geo::Point& a = polygon[i];
        const geo::Point& b = polygon[j];
        if ((a.y > y) != (b.y > y) && x < (b.x - a.x) * (y - a.y) / (b.y - a.y) + a.x) in = !in;
      }
      inside += in ? 1 : 0;
    }
  return inside / double{kSamples * kSamples};
}

TEST(PolygonRaster, CoverageMatchesSamplingOnRandomPolygonsInAndAroundTheRaster) {
  // Star-shaped polygons (simple, any winding) around points in and beyond the raster, reaching past every
  // side: each pixel's coverage within sampling error of 16 x 16 points.
  PolygonRaster raster(kSize, kSize);
  unsigned state = 12345;
  const auto random = [&](double low, double high) {
    state = state * 1103515245u + 12345u;
    return low + (high - low) * ((state >> 8) & 0xffff) / 65535.0;
  };
  for (int trial = 0; trial < 200; ++trial) {
    const geo::Point centre{random(-4, kSize + 4), random(-4, kSize + 4)};
    const int count = 3 + trial % 20;
    std::vector<geo::Point> polygon;
    for (int i = 0; i < count; ++i) {
      const double angle = (trial % 2 == 0 ? 1 : -1) * 2 * 3.14159265358979 * (i + random(0, 0.9)) / count;
      const double radius = random(0.3, kSize);
      polygon.push_back({centre.x + radius * std::cos(angle), centre.y + radius * std::sin(angle)});
    }
    Canvas canvas;
    raster.fill(rings({polygon}), kBlue, canvas.pixels.data(), true);
    for (int y = 0; y < kSize; ++y)
      for (int x = 0; x < kSize; ++x)
        ASSERT_NEAR(coverage(canvas.at(x, y)), sampled_coverage(polygon, x, y), 0.07)
            << "trial " << trial << " pixel " << x << "," << y;
  }
}

TEST(PolygonRaster, ABaseLeavingWhatTheAntiAliasedPaintCoversWhollyEndsInTheSamePixels) {
  // Tiles without borders: each colour's opaque base, then each colour anti-aliased over all of them. The
  // base leaves the pixels its own anti-aliased paint will cover wholly; the tile must come out the same.
  // Two overlapping colours, the later one's base drawn over the earlier one's, so the pixels left do matter
  // in between.
  PolygonRaster raster(kSize, kSize);
  constexpr std::uint32_t kOrange = 0xfffd8d3c;
  const RingPath first = box(1.3, 1.6, 9.7, 12.2), second = rings({{{6.2, 3.1}, {14.8, 5.4}, {11.1, 15.3}}});
  PolygonRaster::Coverage first_cover, second_cover;
  raster.cover(first, first_cover);
  raster.cover(second, second_cover);
  std::vector<std::uint32_t> tiles[2];
  int left_alone = 0;
  for (const bool leave : {false, true}) {
    std::vector<std::uint32_t>& pixels = tiles[leave ? 1 : 0];
    pixels.assign(kPixels, kWhite);
    raster.paint(first_cover, kBlue, pixels.data(), false, leave);
    raster.paint(second_cover, kOrange, pixels.data(), false, leave);
    if (leave) left_alone = static_cast<int>(std::count(pixels.begin(), pixels.end(), kWhite));
    raster.paint(first_cover, kBlue, pixels.data(), true);
    raster.paint(second_cover, kOrange, pixels.data(), true);
  }
  EXPECT_GT(left_alone, 60);  // the base did leave most of the inside of both
  EXPECT_EQ(tiles[0], tiles[1]);
}

TEST(PolygonRaster, NonZeroWindingFillsOverlapsOnceAndLeavesOppositeHolesEmpty) {
  PolygonRaster raster(kSize, kSize);
  Canvas canvas;
  // Two boxes wound the same way overlapping, and a hole wound the other way in the first.
  raster.fill(rings({{{1, 1}, {8, 1}, {8, 8}, {1, 8}},
                     {{5, 5}, {12, 5}, {12, 12}, {5, 12}},
                     {{2, 2}, {2, 4}, {4, 4}, {4, 2}}}),
              kBlue, canvas.pixels.data(), true);
  EXPECT_EQ(canvas.at(6, 6), kBlue);  // the overlap: filled, not punched out as even-odd would
  EXPECT_EQ(canvas.at(10, 10), kBlue);
  EXPECT_EQ(canvas.at(3, 3), 0u);  // the hole
  EXPECT_EQ(canvas.at(5, 3), kBlue);
}

TEST(PolygonRaster, PolygonsReachingPastTheRasterCoverWhatLiesInside) {
  PolygonRaster raster(kSize, kSize);
  Canvas canvas;
  // From far left and above to mid-raster: the columns inside are covered, the edge column by half.
  raster.fill(box(-1000, -50, 3.5, 1000), kBlue, canvas.pixels.data(), true);
  for (int y = 0; y < kSize; ++y) {
    EXPECT_EQ(canvas.at(0, y), kBlue) << y;
    EXPECT_EQ(canvas.at(2, y), kBlue) << y;
    EXPECT_NEAR(coverage(canvas.at(3, y)), 0.5, 1.0 / 255) << y;
    EXPECT_EQ(canvas.at(4, y), 0u) << y;
  }
  // Wholly right of the raster: nothing; covering it whole: everything.
  Canvas right, whole;
  raster.fill(box(kSize + 1, 0, kSize + 5, kSize), kBlue, right.pixels.data(), true);
  EXPECT_EQ(right.pixels, std::vector<std::uint32_t>(kPixels, 0));
  raster.fill(box(-5, -5, kSize + 5, kSize + 5), kBlue, whole.pixels.data(), true);
  EXPECT_EQ(whole.pixels, std::vector<std::uint32_t>(kPixels, kBlue));
}

TEST(PolygonRaster, WithoutAntiAliasingAPixelIsFilledWhenAtLeastHalfCovered) {
  PolygonRaster raster(kSize, kSize);
  Canvas canvas;
  raster.fill(box(2.4, 2, 5.6, 4), kBlue, canvas.pixels.data(), false);
  EXPECT_EQ(canvas.at(2, 2), kBlue);  // 60% covered
  EXPECT_EQ(canvas.at(5, 3), kBlue);
  Canvas thin;
  raster.fill(box(2.6, 2, 5.4, 4), kBlue, thin.pixels.data(), false);
  EXPECT_EQ(thin.at(2, 2), 0u);  // 40% covered
  EXPECT_EQ(thin.at(5, 2), 0u);
  EXPECT_EQ(thin.at(3, 2), kBlue);
}

// Tiles without borders paint their opaque base at a quarter: a pixel a colour covers 30% is set, 20% is not.
TEST(PolygonRaster, WithoutAntiAliasingTheThresholdIsTheCallers) {
  PolygonRaster raster(kSize, kSize);
  PolygonRaster::Coverage covered;
  raster.cover(box(2.7, 2, 5.2, 4), covered);
  Canvas quarter;
  raster.paint(covered, kBlue, quarter.pixels.data(), false, false, 0.25);
  EXPECT_EQ(quarter.at(2, 2), kBlue);  // 30% covered
  EXPECT_EQ(quarter.at(5, 3), 0u);     // 20%
  EXPECT_EQ(quarter.at(4, 3), kBlue);
  Canvas half;
  raster.paint(covered, kBlue, half.pixels.data(), false);
  EXPECT_EQ(half.at(2, 2), 0u);
  EXPECT_EQ(half.at(4, 3), kBlue);
}

TEST(PolygonRaster, TranslucentColoursCompositeOverWhatIsThere) {
  PolygonRaster raster(kSize, kSize);
  Canvas canvas;
  raster.fill(box(0, 0, kSize, kSize), kBlue, canvas.pixels.data(), true);
  raster.fill(box(0, 0, kSize, kSize), 0x80808080, canvas.pixels.data(), true);  // white at half alpha
  const std::uint32_t p = canvas.at(5, 5);
  EXPECT_EQ(p >> 24, 255u);
  EXPECT_NEAR(static_cast<double>((p >> 16) & 0xff), 0x80 + 0x2c * 127 / 255.0, 1);
  EXPECT_NEAR(static_cast<double>(p & 0xff), 0x80 + 0xb8 * 127 / 255.0, 1);
}

TEST(PolygonRaster, StrokeFollowsTheRingWithMitredCornersAndLeavesItsInsideAlone) {
  PolygonRaster raster(kSize, kSize);
  Canvas canvas;
  // A 1 px line centred on pixel centres: whole pixels along the sides, the corners mitred square.
  raster.stroke(box(2.5, 2.5, 10.5, 8.5), 1, kWhite, canvas.pixels.data(), true);
  for (int x = 2; x <= 10; ++x) {
    EXPECT_EQ(canvas.at(x, 2), kWhite) << x;
    EXPECT_EQ(canvas.at(x, 8), kWhite) << x;
  }
  for (int y = 2; y <= 8; ++y) {
    EXPECT_EQ(canvas.at(2, y), kWhite) << y;
    EXPECT_EQ(canvas.at(10, y), kWhite) << y;
  }
  EXPECT_EQ(canvas.at(5, 5), 0u);  // inside the ring
  EXPECT_EQ(canvas.at(1, 1), 0u);  // beyond the corner
  EXPECT_EQ(canvas.at(11, 5), 0u);
}

TEST(PolygonRaster, ThinStrokesCoverTheShareOfTheirWidth) {
  PolygonRaster raster(kSize, kSize);
  Canvas canvas;
  // 0.4 px, as a 0.3 pt border on a 256 px tile: 40% of each pixel it runs through the middle of.
  raster.stroke(box(2.5, 2.5, 12.5, 12.5), 0.4, kWhite, canvas.pixels.data(), true);
  EXPECT_NEAR(coverage(canvas.at(6, 2)), 0.4, 1.0 / 255);
  EXPECT_NEAR(coverage(canvas.at(12, 7)), 0.4, 1.0 / 255);
}

TEST(PolygonRaster, SharpTurnsPastTheMitreLimitAreBevelled) {
  PolygonRaster raster(kSize, kSize);
  Canvas within, beyond;
  // A right angle mitres (1.41 half widths: 2.83 px above the vertex at 4 px wide, where a bevel would
  // stop 1.41 px above it); a spike of about 8 degrees would reach 14 half widths: bevelled.
  raster.stroke(rings({{{2, 12}, {8, 6}, {14, 12}}}), 4, kWhite, within.pixels.data(), true);
  EXPECT_GT(coverage(within.at(8, 3)), 0.3);
  EXPECT_EQ(within.at(8, 2), 0u);
  raster.stroke(rings({{{2, 15}, {3, 8}, {4, 15}}}), 1, kWhite, beyond.pixels.data(), true);
  for (int y = 0; y < 7; ++y) EXPECT_EQ(beyond.at(3, y), 0u) << "a mitre would reach row " << y;
  EXPECT_GT(coverage(beyond.at(3, 8)), 0.3);
}

}  // namespace
}  // namespace covermap::render
