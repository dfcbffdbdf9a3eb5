#include "render/draw_figure.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "render/draw_legend.hpp"
#include "render/page_layout.hpp"
#include "render/text.hpp"

namespace covermap::render {
namespace {

constexpr double kMarginMm = 6;
constexpr double kGap = 4;
constexpr double kCellGapMm = 5;      // between neighbouring panels, across and down
constexpr double kHeadingGap = 3;     // between a panel's heading and its map
constexpr double kHeadingSizePt = 9;  // between the subtitle's 9 pt and the title's 13 pt, bold

TextStyle heading_style(const styles::MapStyle& page) {
  return text_style(page, kHeadingSizePt, true, {0x1a, 0x1a, 0x1a});
}

// Paints the paper, the title block and the source line; returns the area left for the maps.
Rect draw_page(cairo_t* cr, const styles::MapStyle& style) {
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
    const std::string label = style.words == styles::Language::zh ? "资料来源：" : "Source: ";
    auto layout = make_layout(cr, label + style.source, source_style, text_width);
    const TextSize size = layout_size(layout.get());
    bottom -= size.height;
    draw_layout(cr, layout.get(), margin, bottom, source_style.color);
    bottom -= kGap;
  }
  return {margin, top, text_width, std::max(1.0, bottom - top)};
}

// The smallest scale at which every panel's extent fits a cell of `grid` (0 when one does not fit at all).
double smallest_scale(const Figure& figure, const Grid& grid, double width, double height,
                      double heading_height) {
  const double gap = points_from_mm(kCellGapMm);
  const double cell_width = (width - gap * (grid.columns - 1)) / grid.columns;
  const double cell_height = (height - gap * (grid.rows - 1)) / grid.rows - heading_height;
  if (cell_width <= 0 || cell_height <= 0) return 0;
  double smallest = std::numeric_limits<double>::infinity();
  for (const Panel& panel : figure.panels) {
    const geo::Box& extent = panel.scene.extent;
    if (extent.empty() || extent.width() <= 0 || extent.height() <= 0) continue;
    // In page points per extent width: comparable across panels of different extents.
    const double fitted = std::min(cell_width, cell_height * extent.width() / extent.height());
    smallest = std::min(smallest, fitted);
  }
  return std::isfinite(smallest) ? smallest : std::min(cell_width, cell_height);
}

bool same_extent(const geo::Box& a, const geo::Box& b) {
  return a.min_x == b.min_x && a.min_y == b.min_y && a.max_x == b.max_x && a.max_y == b.max_y;
}

// Per panel, the legend box its map keeps clear of. Panels of one extent and legend corner share it: the
// union of their legends' boxes, so that their maps go to the same place at one scale and their areas
// compare.
std::vector<std::optional<Rect>> shared_legend_boxes(cairo_t* cr, const Figure& figure,
                                                     const std::vector<Rect>& frames) {
  std::vector<std::optional<Rect>> own;  // relative to the frame's top-left corner
  for (std::size_t i = 0; i < figure.panels.size(); ++i) {
    std::optional<Rect> box = legend_box(cr, figure.panels[i].scene, frames[i]);
    if (box) box = Rect{box->x - frames[i].x, box->y - frames[i].y, box->width, box->height};
    own.push_back(box);
  }
  std::vector<std::optional<Rect>> shared;
  for (std::size_t i = 0; i < figure.panels.size(); ++i) {
    const Scene& scene = figure.panels[i].scene;
    std::optional<Rect> box = own[i];
    for (std::size_t j = 0; j < figure.panels.size(); ++j) {
      const Scene& other = figure.panels[j].scene;
      if (!own[j] || !same_extent(scene.extent, other.extent) ||
          scene.style.legend.position != other.style.legend.position)
        continue;
      if (!box) {
        box = own[j];
        continue;
      }
      // The union of the two boxes, both anchored at the same corner of equal frames.
      const double left = std::min(box->x, own[j]->x), top = std::min(box->y, own[j]->y);
      const double right = std::max(box->right(), own[j]->right());
      const double bottom = std::max(box->bottom(), own[j]->bottom());
      box = Rect{left, top, right - left, bottom - top};
    }
    if (box) box = Rect{box->x + frames[i].x, box->y + frames[i].y, box->width, box->height};
    shared.push_back(box);
  }
  return shared;
}

}  // namespace

Grid panel_grid(const Figure& figure, double width, double height, double heading_height) {
  const int count = std::max<int>(1, static_cast<int>(figure.panels.size()));
  const auto rows_for = [&](int columns) { return (count + columns - 1) / columns; };
  if (figure.columns > 0) {
    const int columns = std::min(figure.columns, count);
    return {columns, rows_for(columns)};
  }
  Grid best{1, count};
  double best_scale = -1;
  int best_empty = 0;
  for (int columns = 1; columns <= count; ++columns) {
    const Grid grid{columns, rows_for(columns)};
    const double scale = smallest_scale(figure, grid, width, height, heading_height);
    const int empty = grid.columns * grid.rows - count;
    // A map 2% larger is no reason to leave more cells empty.
    const bool better = scale > best_scale * 1.02 || (scale >= best_scale * 0.98 && empty < best_empty) ||
                        (scale >= best_scale * 0.98 && empty == best_empty &&
                         std::abs(grid.columns - grid.rows) < std::abs(best.columns - best.rows));
    if (best_scale < 0 || better) {
      best = grid;
      best_scale = scale;
      best_empty = empty;
    }
  }
  return best;
}

void draw_figure(cairo_t* cr, const Figure& figure, const DeviceResolution& resolution) {
  const Rect area = draw_page(cr, figure.page);
  if (figure.panels.size() == 1 && figure.panels.front().heading.empty()) {
    draw_map(cr, figure.panels.front().scene, area, resolution);
    check_status(cr, "drawing the figure");
    return;
  }
  const TextStyle style = heading_style(figure.page);
  // The headings' height: one line to choose the grid, then wrapped to the cells' width (a long heading
  // takes two lines rather than losing words), the same for every cell so that the maps line up.
  const auto headings_height = [&](double width) {
    double height = 0;
    for (const Panel& panel : figure.panels)
      if (!panel.heading.empty()) {
        auto layout = make_layout(cr, panel.heading, style, width);
        height = std::max(height, layout_size(layout.get()).height + kHeadingGap);
      }
    return height;
  };
  const Grid grid = panel_grid(figure, area.width, area.height, headings_height(0));
  const double gap = points_from_mm(kCellGapMm);
  const double cell_width = (area.width - gap * (grid.columns - 1)) / grid.columns;
  const double cell_height = (area.height - gap * (grid.rows - 1)) / grid.rows;
  const double heading_height = headings_height(cell_width);
  std::vector<Rect> cells;
  for (std::size_t i = 0; i < figure.panels.size(); ++i) {
    const int column = static_cast<int>(i) % grid.columns;
    const int row = static_cast<int>(i) / grid.columns;
    cells.push_back(
        {area.x + column * (cell_width + gap), area.y + row * (cell_height + gap), cell_width, cell_height});
  }
  const auto frame_of = [&](const Rect& cell) {
    return Rect{cell.x, cell.y + heading_height, cell.width, std::max(1.0, cell.height - heading_height)};
  };
  std::vector<Rect> frames;
  frames.reserve(cells.size());
  for (const Rect& cell : cells) frames.push_back(frame_of(cell));
  const std::vector<std::optional<Rect>> legends = shared_legend_boxes(cr, figure, frames);
  for (std::size_t i = 0; i < figure.panels.size(); ++i) {
    const Panel& panel = figure.panels[i];
    const Rect& frame = frames[i];
    if (!panel.heading.empty()) {
      auto layout = make_layout(cr, panel.heading, style, cells[i].width);
      draw_layout(cr, layout.get(), cells[i].x, cells[i].y, style.color);
    }
    draw_map(cr, panel.scene, frame, resolution, map_area(panel.scene, frame, legends[i]));
  }
  check_status(cr, "drawing the figure");
}

void draw_figure(cairo_t* cr, const Scene& scene, const DeviceResolution& resolution) {
  const Rect area = draw_page(cr, scene.style);
  draw_map(cr, scene, area, resolution);
  check_status(cr, "drawing the figure");
}

}  // namespace covermap::render
