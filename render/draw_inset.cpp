#include "render/draw_inset.hpp"

#include "render/draw_graticule.hpp"
#include "render/draw_units.hpp"
#include "render/map_space.hpp"
#include "render/path_writer.hpp"
#include "render/polygon_paint.hpp"
#include "render/text.hpp"

namespace covermap::render {
namespace {

// The inset's height as a share of the map frame's.
constexpr double kLargestShare = 0.34;
constexpr double kSmallestShare = 0.2;
constexpr double kShareStep = 0.02;
constexpr double kFallbackShare = 0.26;
constexpr double kMaxWidthShare = 0.25;
constexpr double kGap = 4;        // between the inset and the legend
constexpr double kPadding = 2;    // inside the inset's frame
constexpr double kClearance = 3;  // of land, above and left of the inset's frame
constexpr double kFrameWidthPt = 0.5;
constexpr double kBoundaryWidthPt = 0.6;
const styles::Color kFrameColor{0x4d, 0x4d, 0x4d};
const styles::Color kBoundaryColor{0x4d, 0x4d, 0x4d};

}  // namespace

std::optional<Rect> inset_box(const Scene& scene, const Rect& frame, const MapTransform& transform,
                              const std::optional<Rect>& legend) {
  if (scene.inset_extent.empty() || scene.inset_extent.width() <= 0 || scene.inset_extent.height() <= 0)
    return std::nullopt;
  const double aspect = scene.inset_extent.width() / scene.inset_extent.height();
  const auto box_of_height = [&](double share) {
    double height = frame.height * share;
    double width = height * aspect;
    if (width > frame.width * kMaxWidthShare) {
      width = frame.width * kMaxWidthShare;
      height = width / aspect;
    }
    Rect box{frame.right() - width, frame.bottom() - height, width, height};
    if (legend && legend->overlaps(box)) {
      // Above the legend when there is room, else to its left.
      if (legend->y - kGap - height >= frame.y)
        box.y = legend->y - kGap - height;
      else
        box.x = legend->x - kGap - width;
    }
    return box;
  };
  for (double share = kLargestShare; share >= kSmallestShare - 1e-9; share -= kShareStep) {
    const Rect box = box_of_height(share);
    // With a little clear water around it: a coast just outside the frame's line would seem cut by it.
    const Rect clear{box.x - kClearance, box.y - kClearance, box.width + kClearance, box.height + kClearance};
    if (!shows_units(scene, transform, clear)) return box;
  }
  return box_of_height(kFallbackShare);  // the map fills the corner: the inset covers part of it
}

void draw_inset(cairo_t* cr, const Scene& scene, const Rect& box, double grid_pt, double pixel_pt) {
  CairoSaveGuard guard(cr);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill_preserve(cr);
  cairo_clip(cr);

  const Rect inner{box.x + kPadding, box.y + kPadding, box.width - 2 * kPadding, box.height - 2 * kPadding};
  const MapTransform transform(scene.inset_extent, inner);
  draw_units(cr, scene, transform, box, grid_pt, pixel_pt);
  draw_graticule(cr, scene, transform);
  if (!scene.inset_boundary.empty()) {
    // The line comes as thin polygons (the shared data draws its dashes so): filled, and outlined so that it
    // stays visible when the inset's scale makes them thinner than a hairline.
    CairoSaveGuard line_guard(cr);
    use_polygon_fill(cr);
    use_polygon_stroke(cr, kBoundaryWidthPt);
    set_source(cr, kBoundaryColor);
    PathWriter path(cr, transform, box, grid_pt);
    cairo_new_path(cr);
    path.append(scene.inset_boundary);
    cairo_fill_preserve(cr);
    cairo_stroke(cr);
  }
  cairo_reset_clip(cr);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_set_line_width(cr, kFrameWidthPt);
  set_source(cr, kFrameColor);
  cairo_stroke(cr);
}

}  // namespace covermap::render
