#include "render/draw_inset.hpp"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "render/draw_graticule.hpp"
#include "render/draw_units.hpp"
#include "render/map_space.hpp"
#include "render/path_writer.hpp"
#include "render/polygon_paint.hpp"
#include "render/text.hpp"

namespace covermap::render {
namespace {

// The inset's height as a share of the map frame's.
constexpr double kLargestShare = kInsetLargestShare;
constexpr double kSmallestShare = kInsetSmallestShare;
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
// Land around the units: a quiet grey, so the units' fills stay what the eye reads; islands too small for
// the scale as darker dots, so that they show at all.
const styles::Color kLandColor{0xe2, 0xe2, 0xe2};
const styles::Color kIsletColor{0x7a, 0x7a, 0x7a};
constexpr double kTitlePt = 5.5;
constexpr double kNotePt = 4.5;
constexpr double kTextMargin = 2.5;  // of the title and note from the frame
// The inset's width per point of type, below which the title and note get smaller than kTitlePt, kNotePt.
constexpr double kWidthPerTitlePt = 11;
constexpr double kWidthPerNotePt = 13;

// Fills `shape` and outlines it in the same colour.
void fill_and_outline(cairo_t* cr, const geo::MultiPolygon& shape, const MapTransform& transform,
                      const Rect& box, double grid_pt, const styles::Color& color, double outline_pt) {
  CairoSaveGuard guard(cr);
  use_polygon_fill(cr);
  use_polygon_stroke(cr, outline_pt);
  set_source(cr, color);
  PathWriter path(cr, transform, box, grid_pt);
  cairo_new_path(cr);
  path.append(shape);
  cairo_fill_preserve(cr);
  cairo_stroke(cr);
}

void draw_land(cairo_t* cr, const Scene& scene, const MapTransform& transform, const Rect& box,
               double grid_pt, double pixel_pt) {
  // Pieces meet along the GSHHG bins' edges: a stroke of their own colour closes the seams there.
  if (!scene.inset_land.empty())
    fill_and_outline(cr, scene.inset_land, transform, box, grid_pt, kLandColor, 1.5 * pixel_pt);
  CairoSaveGuard guard(cr);
  set_source(cr, kIsletColor);
  for (const geo::Point& islet : scene.inset_islets) {
    const geo::Point at = transform.to_page(islet);
    cairo_new_path(cr);
    cairo_arc(cr, at.x, at.y, kInsetIsletDiameterPt / 2, 0, 2 * M_PI);
    cairo_fill(cr);
  }
}

// The title and, under it, the note, right-aligned in the lower-right corner; smaller in a small inset (the
// panels of a page), so that they keep to a line or two.
void draw_inset_text(cairo_t* cr, const Scene& scene, const Rect& box) {
  const double width = box.width - 2 * kTextMargin;
  const double title_pt = std::min(kTitlePt, box.width / kWidthPerTitlePt);
  const double note_pt = std::min(kNotePt, box.width / kWidthPerNotePt);
  double bottom = box.bottom() - kTextMargin;
  for (const auto& [text, size, bold] : {std::tuple{scene.style.inset_note, note_pt, false},
                                         std::tuple{scene.style.inset_title, title_pt, true}}) {
    if (text.empty()) continue;
    const TextStyle style = text_style(scene.style, size, bold, {0x33, 0x33, 0x33});
    auto layout = make_layout(cr, text, style, width);
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_RIGHT);
    const TextSize extent = layout_size(layout.get());
    bottom -= extent.height;
    draw_layout(cr, layout.get(), box.right() - kTextMargin - width, bottom, style.color, size * 0.3);
  }
}

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
  draw_land(cr, scene, transform, box, grid_pt, pixel_pt);
  draw_units(cr, scene, transform, box, grid_pt, pixel_pt);
  draw_graticule(cr, scene, transform);
  // The line comes as thin polygons (the shared data draws its dashes so): filled, and outlined so that it
  // stays visible when the inset's scale makes them thinner than a hairline.
  if (!scene.inset_boundary.empty())
    fill_and_outline(cr, scene.inset_boundary, transform, box, grid_pt, kBoundaryColor, kBoundaryWidthPt);
  draw_inset_text(cr, scene, box);
  cairo_reset_clip(cr);
  cairo_rectangle(cr, box.x, box.y, box.width, box.height);
  cairo_set_line_width(cr, kFrameWidthPt);
  set_source(cr, kFrameColor);
  cairo_stroke(cr);
}

}  // namespace covermap::render
