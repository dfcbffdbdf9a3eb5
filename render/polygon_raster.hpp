#pragma once
// Tiles' polygons, filled and stroked straight into the tile's pixels by exact-area anti-aliasing (the cell
// method of libart, AGG and font rasterizers: each edge adds its signed height and area to the pixels it
// crosses, and a sweep along each row sums them into coverage). The rules are polygon_paint.hpp's, as the
// figures' Cairo paths follow them: non-zero winding, mitred joins at Mapnik's limit (bevelled beyond), butt
// caps. Cairo's scan converter samples 15 rows a pixel, so a tile's short simplified edges cost it 15 steps a
// pixel row where this costs one or two cells; drawing a county tile takes a fraction of Cairo's time.
#include <cstdint>
#include <vector>

#include "geo/geometry.hpp"
#include "styles/color.hpp"

namespace covermap::render {

// Closed rings in a tile's pixel coordinates.
struct RingPath {
  std::vector<geo::Point> points;
  std::vector<std::uint32_t> ring_ends;  // one past each ring's last point
  void clear() {
    points.clear();
    ring_ends.clear();
  }
  void add_point(const geo::Point& p) { points.push_back(p); }
  // Ends the ring begun after the previous one (a ring of fewer than 2 points is dropped).
  void close_ring();
};

// `colour` as a premultiplied ARGB32 pixel.
std::uint32_t premultiplied_argb(const styles::Color& colour);

// ARGB32 pixels, premultiplied (Cairo's CAIRO_FORMAT_ARGB32), `width` a row.
class PolygonRaster {
 public:
  PolygonRaster(int width, int height);

  // Composites `colour` (premultiplied ARGB32) over `pixels` where `path` covers them. Anti-aliased: by each
  // pixel's covered area; otherwise each pixel at least half covered, wholly.
  void fill(const RingPath& path, std::uint32_t colour, std::uint32_t* pixels, bool antialias);
  // The same for the outline of the path's rings, `width` pixels wide.
  void stroke(const RingPath& path, double width, std::uint32_t colour, std::uint32_t* pixels,
              bool antialias);

  // What a fill covers, to paint more than once (tiles without borders paint each colour's fill twice).
  struct Cell {
    std::int32_t x;
    double cover;  // signed height of the edges within the pixel
    double area;   // that height times the distance of each edge piece from the pixel's left side
  };
  struct Coverage {
    std::vector<Cell> cells;                // by row, then column; one a pixel
    std::vector<std::uint32_t> row_starts;  // each row's first cell, from first_row
    std::vector<float> left;                // each row's cover of the pieces left of the raster
    int first_row = 0, end_row = 0;
  };
  // fill() in two steps: what `path` covers, then painting it.
  void cover(const RingPath& path, Coverage& out);
  // Not anti-aliased, the pixels at least `threshold` covered are set wholly. `base_under_antialiased`: the
  // non-anti-aliased base under an anti-aliased paint of the same coverage and colour still to come, which
  // sets the pixels it covers wholly (an opaque colour at full coverage) whatever lies under them: those are
  // left alone here.
  void paint(const Coverage& coverage, std::uint32_t colour, std::uint32_t* pixels, bool antialias,
             bool base_under_antialiased = false, double threshold = 0.5) const;

 private:
  // Adds a polygon's edges. A polygon wholly outside the raster is left out (its edges change no pixel's
  // winding).
  void add_polygon(const geo::Point* points, std::size_t count);
  void add_left(double y0, double y1);  // a piece left of the raster: only the winding of its rows
  void add_line(geo::Point a, geo::Point b);
  void add_in_columns(geo::Point a, geo::Point b);  // a.x and b.x within [0, width]
  void add_row_piece(int row, double x0, double y0, double x1, double y1);
  void add_to_cell(int x, int y, double cover, double area);
  void flush_cell();
  void take_coverage(Coverage& out);  // the cells and pieces added since the last, sorted

  // The edges' pieces are summed by pixel as they are added (in the order added), and each row's pixels
  // reached are marked in a bit set, which take_coverage walks in column order: no sorting.
  struct Sums {
    double cover = 0, area = 0;
  };
  struct Piece {  // the pixel the last pieces fell in, summed before being added to sums_
    std::int32_t x, y;
    float cover, area;
  };

  int width_, height_;
  std::size_t columns_, words_;  // width + 1 (a piece may lie on the right side), and 64-bit words a row
  std::vector<Sums> sums_;       // columns_ by row
  std::vector<std::uint64_t> reached_;       // words_ by row
  int reached_first_ = 0, reached_end_ = 0;  // the rows any pixel was reached in; empty when equal
  Coverage scratch_;
  std::vector<geo::Point> ring_, directions_, offset_, other_offset_;  // stroke()'s, kept for their memory
  std::vector<float> left_cover_;      // by row: the cover of the pieces left of the raster
  int left_first_ = 0, left_end_ = 0;  // the rows left_cover_ may hold non-zero values in
  Piece current_{};
  bool has_current_ = false;
};

}  // namespace covermap::render
