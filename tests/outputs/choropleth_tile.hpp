#pragma once
// Test pixels that look like a choropleth tile: a jittered grid of units (shared edges, so no gaps) filled
// with a few class colours, some left empty (transparent, like the sea), white anti-aliased borders on top.
#include <cairo.h>

#include <cstddef>
#include <cstdint>
#include <vector>

#include "render/cairo_handles.hpp"

namespace covermap::test {

struct TilePixels {
  render::CairoSurfacePtr surface;
  const unsigned char* data() const { return cairo_image_surface_get_data(surface.get()); }
  int width() const { return cairo_image_surface_get_width(surface.get()); }
  int height() const { return cairo_image_surface_get_height(surface.get()); }
  int stride() const { return cairo_image_surface_get_stride(surface.get()); }
  std::uint32_t pixel(int x, int y) const {
    return *reinterpret_cast<const std::uint32_t*>(data() + std::ptrdiff_t{y} * stride() +
                                                   std::ptrdiff_t{x} * 4);
  }
};

// `cells` units per side; `seed` moves the grid's vertices.
inline TilePixels choropleth_tile(int size, int cells, unsigned seed) {
  TilePixels tile{render::CairoSurfacePtr(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size))};
  render::CairoPtr cr(cairo_create(tile.surface.get()));
  unsigned state = seed * 2654435761u + 12345;
  const auto next = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<double>((state >> 8) & 0xffff) / 65535.0;
  };
  const double step = static_cast<double>(size) / cells;
  const auto side = static_cast<std::size_t>(cells) + 1;
  std::vector<double> vx(side * side), vy(vx.size());
  for (int j = 0; j <= cells; ++j)
    for (int i = 0; i <= cells; ++i) {
      const bool edge_x = i == 0 || i == cells, edge_y = j == 0 || j == cells;
      vx[j * (cells + 1) + i] = i * step + (edge_x ? 0 : (next() - 0.5) * step * 0.6);
      vy[j * (cells + 1) + i] = j * step + (edge_y ? 0 : (next() - 0.5) * step * 0.6);
    }
  const double classes[5][3] = {
      {0xfe, 0xe5, 0xd9}, {0xfc, 0xae, 0x91}, {0xfb, 0x6a, 0x4a}, {0xde, 0x2d, 0x26}, {0xa5, 0x0f, 0x15}};
  const auto cell_path = [&](int i, int j) {
    const int a = j * (cells + 1) + i;
    cairo_move_to(cr.get(), vx[a], vy[a]);
    cairo_line_to(cr.get(), vx[a + 1], vy[a + 1]);
    cairo_line_to(cr.get(), vx[a + cells + 2], vy[a + cells + 2]);
    cairo_line_to(cr.get(), vx[a + cells + 1], vy[a + cells + 1]);
    cairo_close_path(cr.get());
  };
  std::vector<bool> filled(static_cast<std::size_t>(cells) * cells);
  for (int j = 0; j < cells; ++j)
    for (int i = 0; i < cells; ++i) {
      const int cls = static_cast<int>(next() * 6);
      if (cls == 5) continue;  // no unit here
      filled[j * cells + i] = true;
      cell_path(i, j);
      cairo_set_source_rgb(cr.get(), classes[cls][0] / 255, classes[cls][1] / 255, classes[cls][2] / 255);
      cairo_fill(cr.get());
    }
  cairo_set_source_rgb(cr.get(), 1, 1, 1);
  cairo_set_line_width(cr.get(), size / 256.0);
  for (int j = 0; j < cells; ++j)
    for (int i = 0; i < cells; ++i)
      if (filled[j * cells + i]) cell_path(i, j);
  cairo_stroke(cr.get());
  cairo_surface_flush(tile.surface.get());
  return tile;
}

// One flat colour everywhere (inside a unit, or all transparent outside every unit).
inline TilePixels flat_tile(int size, double r, double g, double b, double a) {
  TilePixels tile{render::CairoSurfacePtr(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, size, size))};
  render::CairoPtr cr(cairo_create(tile.surface.get()));
  cairo_set_operator(cr.get(), CAIRO_OPERATOR_SOURCE);
  cairo_set_source_rgba(cr.get(), r, g, b, a);
  cairo_paint(cr.get());
  cairo_surface_flush(tile.surface.get());
  return tile;
}

}  // namespace covermap::test
