#include "render/draw_map.hpp"

#include <algorithm>
#include <vector>

#include "render/draw_graticule.hpp"
#include "render/draw_inset.hpp"
#include "render/draw_legend.hpp"
#include "render/draw_north_arrow.hpp"
#include "render/draw_points.hpp"
#include "render/draw_scale_bar.hpp"
#include "render/draw_units.hpp"
#include "render/map_space.hpp"

namespace covermap::render {
namespace {

constexpr double kLegendGap = 4;      // between the legend and a map moved out of its way
constexpr double kLegendPadding = 4;  // of the legend's box, where land may show through its white ground

bool centred(const Scene& scene) {
  return scene.inset_extent.empty();
}

MapTransform fit(const Scene& scene, const Rect& area) {
  return MapTransform(scene.extent, area,
                      centred(scene) ? MapTransform::Align::centre : MapTransform::Align::top_left);
}

struct Placement {
  Rect area;
  MapTransform transform;
};

// Where the units go: the whole frame, unless the legend would then cover some of them; then the part of the
// frame beside the legend or the part above/below it, whichever shows the map larger.
Placement place_units(const Scene& scene, const Rect& frame, const std::optional<Rect>& legend) {
  const Placement whole{frame, fit(scene, frame)};
  if (!legend) return whole;
  const Rect content{legend->x + kLegendPadding, legend->y + kLegendPadding,
                     legend->width - 2 * kLegendPadding, legend->height - 2 * kLegendPadding};
  if (!shows_units(scene, whole.transform, content)) return whole;
  const bool left = legend->x <= frame.x;
  const bool top = legend->y <= frame.y;
  Rect beside = frame;
  beside.width = frame.width - legend->width - kLegendGap;
  if (left) beside.x = legend->right() + kLegendGap;
  Rect across = frame;
  across.height = frame.height - legend->height - kLegendGap;
  if (top) across.y = legend->bottom() + kLegendGap;
  if (beside.width <= 0 && across.height <= 0) return whole;
  if (across.height <= 0) return {beside, fit(scene, beside)};
  if (beside.width <= 0) return {across, fit(scene, across)};
  const Placement a{beside, fit(scene, beside)};
  const Placement b{across, fit(scene, across)};
  return a.transform.scale() >= b.transform.scale() ? a : b;
}

}  // namespace

Rect map_area(const Scene& scene, const Rect& frame, const std::optional<Rect>& legend) {
  return place_units(scene, frame, legend).area;
}

void draw_map(cairo_t* cr, const Scene& scene, const Rect& frame, const DeviceResolution& resolution,
              const std::optional<Rect>& area) {
  const std::optional<Rect> legend = legend_box(cr, scene, frame);
  const Rect units_area = area ? *area : place_units(scene, frame, legend).area;
  MapTransform transform = fit(scene, units_area);
  const std::optional<Rect> inset = inset_box(scene, frame, transform, legend);
  if (inset && shows_units(scene, transform, *inset)) {
    // No corner is free for the inset: the map stops short of the inset's column rather than lose land
    // under it, when that costs it no more than a third of its width.
    Rect narrower = units_area;
    narrower.width = std::min(units_area.right(), inset->x - kLegendGap) - units_area.x;
    if (narrower.width >= units_area.width * 2 / 3) transform = fit(scene, narrower);
  }
  const std::optional<Rect> north_arrow = north_arrow_box(scene, frame);
  // The points are placed before the units' labels, which keep clear of them and of what is drawn over the
  // map: a point names a place, a unit's label only the unit around it.
  const PointPlacement points = place_points(cr, scene, transform, frame);
  std::vector<Rect> keep_clear = points.boxes;
  for (const auto& box : {inset, north_arrow, legend})
    if (box) keep_clear.push_back(*box);
  {
    CairoSaveGuard clip(cr);
    cairo_rectangle(cr, frame.x, frame.y, frame.width, frame.height);
    cairo_clip(cr);
    draw_units(cr, scene, transform, frame, resolution.grid_pt, resolution.pixel_pt);
    draw_graticule(cr, scene, transform);
    // A label the inset, north arrow or legend would cover is left out, so the next one in line may take
    // the space.
    draw_labels(cr, scene, transform, frame, keep_clear);
    draw_points(cr, scene, points);
  }
  std::vector<Rect> occupied;
  if (inset) {
    draw_inset(cr, scene, *inset, resolution.grid_pt, resolution.pixel_pt);
    occupied.push_back(*inset);
  }
  if (legend) occupied.push_back(*legend);
  if (north_arrow) draw_north_arrow(cr, scene, *north_arrow);
  draw_scale_bar(cr, scene, transform, frame, occupied);
  draw_legend(cr, scene, frame);
  check_status(cr, "drawing the map");
}

}  // namespace covermap::render
