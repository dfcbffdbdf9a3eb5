#include "render/draw_figure.hpp"

#include "render/draw_graticule.hpp"
#include "render/draw_inset.hpp"
#include "render/draw_legend.hpp"
#include "render/draw_north_arrow.hpp"
#include "render/draw_points.hpp"
#include "render/draw_scale_bar.hpp"
#include "render/draw_units.hpp"
#include "render/page_layout.hpp"
#include "render/text.hpp"

namespace covermap::render {
namespace {

constexpr double kMarginMm = 6;
constexpr double kGap = 4;

}  // namespace

void draw_figure(cairo_t* cr, const Scene& scene, const DeviceResolution& resolution) {
  const MapStyle& style = scene.style;
  const double page_width = points_from_mm(style.page.width_mm);
  const double page_height = points_from_mm(style.page.height_mm);
  const double margin = points_from_mm(kMarginMm);
  const double text_width = page_width - 2 * margin;

  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);

  double top = margin;
  const TextStyle title_style = text_style(style, 13, true, {0x1a, 0x1a, 0x1a});
  const TextStyle subtitle_style = text_style(style, 9, false, {0x55, 0x55, 0x55});
  const TextStyle source_style = text_style(style, 6.5, false, {0x66, 0x66, 0x66});
  if (!style.title.empty()) {
    auto layout = make_layout(cr, style.title, title_style, text_width);
    draw_layout(cr, layout.get(), margin, top, title_style.color);
    top += layout_size(layout.get()).height + 1;
  }
  if (!style.subtitle.empty()) {
    auto layout = make_layout(cr, style.subtitle, subtitle_style, text_width);
    draw_layout(cr, layout.get(), margin, top, subtitle_style.color);
    top += layout_size(layout.get()).height;
  }
  if (top > margin) top += kGap;

  double bottom = page_height - margin;
  if (!style.source.empty()) {
    auto layout = make_layout(cr, "Source: " + style.source, source_style, text_width);
    const TextSize size = layout_size(layout.get());
    bottom -= size.height;
    draw_layout(cr, layout.get(), margin, bottom, source_style.color);
    bottom -= kGap;
  }

  const Rect frame{margin, top, text_width, std::max(1.0, bottom - top)};
  const MapTransform transform(
      scene.extent, frame,
      scene.inset_extent.empty() ? MapTransform::Align::centre : MapTransform::Align::top_left);
  const std::optional<Rect> legend = legend_box(cr, scene, frame);
  const std::optional<Rect> inset = inset_box(scene, frame, transform, legend);
  const std::optional<Rect> north_arrow = north_arrow_box(scene, frame);
  std::vector<Rect> keep_clear;  // of labels: what is drawn over the map
  for (const auto& box : {inset, north_arrow})
    if (box) keep_clear.push_back(*box);
  {
    CairoSaveGuard clip(cr);
    cairo_rectangle(cr, frame.x, frame.y, frame.width, frame.height);
    cairo_clip(cr);
    draw_fills(cr, scene, transform, frame, resolution.grid_pt, resolution.pixel_pt);
    draw_graticule(cr, scene, transform);
    draw_borders(cr, scene, transform, frame, resolution.grid_pt);
    // A label the inset or north arrow would cover is left out, so the next one in line may take the space.
    draw_labels(cr, scene, transform, frame, keep_clear);
    draw_points(cr, scene, transform, frame);
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
  check_status(cr, "drawing the figure");
}

}  // namespace covermap::render
