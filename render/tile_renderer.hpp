#pragma once
// The tile renderer: units projected to Web Mercator once (when first needed), per-zoom quantized geometry
// with a tile index, and one tile drawn at a time into a worker's own pixels (render/polygon_raster.hpp;
// Cairo, on the same pixels, only hatches units without data). Tiles no edge comes near are not rasterized
// at all: the unit under the tile's centre decides them (solid colour, or empty outside every unit).
//
// Looks like the figures: the same fills, no-data hatching (anchored to world pixels, so it runs on from tile
// to tile) and borders. Sizes given in points convert at 96 dpi on a 256-pixel tile (the web's CSS pixel),
// scaled with the tile: border width in pixels = width_pt * 96 / 72 * tile_size / 256 (0.3 pt -> 0.4 px at
// 256).
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <vector>

#include "boundaries/boundary_cache.hpp"
#include "geo/geometry.hpp"
#include "geo/tile_math.hpp"
#include "render/cairo_handles.hpp"
#include "render/polygon_raster.hpp"
#include "render/tile_geometry.hpp"
#include "render/unit_locator.hpp"
#include "render/zoom_cache.hpp"
#include "styles/color.hpp"
#include "styles/map_style.hpp"

namespace covermap::render {

struct TileUnit {
  geo::MultiPolygon lon_lat;          // empty when the renderer is given the units' deferred geometry
  std::optional<styles::Color> fill;  // none: no data
};

struct TileStyle {
  styles::BorderStyle borders;
  styles::NoDataStyle no_data;
  int tile_size = 256;
  // How near a part's edge must come to a tile to be listed for it (ZoomGeometry::parts_touching); default:
  // what the borders and the closing stroke reach, plus a pixel. Vector tiles ask for their buffer.
  std::optional<double> index_margin_px;
  // How far the simplified outlines may stray (render/tile_geometry.hpp); vector tiles allow one unit of
  // their grid.
  double simplify_px = kSimplifyPx;
  // Whether low zooms start from geometry already simplified for a higher one (TileRenderer::source_for):
  // faster raster tiles, the same to well under a pixel. Vector tiles prepare every zoom from the units
  // themselves: the chain of coarser grids left hairline wedges between neighbours at zooms 3-4 (county
  // layer: 5 pairs, none without it; bench/mvt_gaps.py), and sparing them saves a vector run no time.
  bool coarse_sources = true;
};

// What making one tile of a prepared zoom takes, known before it is made: the measure shares of a pyramid
// are balanced by (outputs/tile_shards.hpp). A tile no edge comes near is decided without drawing (unless
// hatched); the others cost in proportion to the vertices of the rings that reach them.
struct TileWork {
  bool drawn = false;          // rasterized (or clipped, for vector tiles), not solid or empty
  std::uint64_t vertices = 0;  // of the rings whose box meets the tile and its margin
};

struct TileRaster {
  enum class Kind { empty, solid, image };
  Kind kind = Kind::empty;
  styles::Color color;  // solid: every pixel is this colour
  int size = 0;         // pixels per side
  // image: size * size pixels row by row, Cairo's ARGB32 (premultiplied alpha, one native-endian uint32
  // each).
  std::vector<std::uint32_t> pixels;
};

// One worker's drawing surface; not shared between threads. A tile is drawn into pixels() and handed over
// whole with take_pixels() (no copy); recycle() gives a finished raster's pixels back to draw the next one.
class Workspace {
 public:
  explicit Workspace(int tile_size);
  // The pixels being drawn, tile_size a row: premultiplied ARGB32, as Cairo's CAIRO_FORMAT_ARGB32.
  std::uint32_t* pixels() { return pixels_.data(); }
  // Cairo over pixels(), for what it still draws (hatching): made on first use for each buffer.
  cairo_t* cr();
  cairo_surface_t* surface();
  // Throws InternalError if Cairo failed while drawing into the current pixels.
  void check_cairo(const std::string& what) const;
  // The drawn pixels; drawing goes on in a recycled (or new) buffer.
  std::vector<std::uint32_t> take_pixels();
  void recycle(std::vector<std::uint32_t>&& pixels);
  PolygonRaster& polygons() { return polygons_; }
  std::vector<PolygonRaster::Coverage>& fill_coverages() { return fill_coverages_; }
  RingPath& small_rings() { return small_rings_; }

 private:
  int tile_size_;
  std::vector<std::uint32_t> pixels_, spare_;
  CairoSurfacePtr surface_;  // over pixels_ while cairo_pixels_ is pixels_.data(), until take_pixels()
  CairoPtr cr_;
  const std::uint32_t* cairo_pixels_ = nullptr;
  PolygonRaster polygons_;
  std::vector<PolygonRaster::Coverage> fill_coverages_;  // by colour, kept for their memory
  RingPath small_rings_;                                 // tiles without borders: the rings stroked
};

// Pixels per point on a tile of `tile_size` pixels: 96/72 at 256.
double tile_pixels_per_point(int tile_size);

class TileRenderer {
 public:
  // `deferred`: the units' geometry left in the boundary cache (boundaries::BoundarySet::deferred), one per
  // unit, in order. Then their outlines set up the renderer and the coordinates are decoded only where
  // needed: a unit a tile is looked up in, or every unit for a zoom not in the zoom cache.
  TileRenderer(std::vector<TileUnit> units, TileStyle style, int threads = 1,
               std::shared_ptr<const boundaries::DeferredGeometry> deferred = nullptr);

  const TileStyle& style() const { return style_; }
  geo::Box lon_lat_bounds() const { return lon_lat_bounds_; }

  // Builds zoom z's geometry and index with `threads` threads (same result for any number); render() then
  // draws tiles of zoom z. Zooms prepared before are released first. Not to be called while tiles are being
  // rendered.
  void prepare_zoom(int z, int threads = 1);
  // As prepare_zoom, keeping the zooms prepared before, so a run can go on drawing tiles of those while it
  // prepares the next (render/render_tiles.hpp, TilePipeline). May be called while tiles of other zooms are
  // rendered, not tiles of z; release_zoom likewise.
  void add_zoom(int z, int threads = 1);
  void release_zoom(int z);
  // A prepared zoom's geometry; InternalError for a zoom not prepared.
  const ZoomGeometry& zoom_geometry(int z) const;
  // The units in normalized Web Mercator, as given (outer rings and holes wound opposite ways). Projected
  // on first use, on the constructor's threads: a run that finds every zoom in the cache projects only the
  // units it looks a tile up in (projecting all, a tangent and a logarithm a vertex, was a third of its fixed
  // cost).
  const std::vector<WorldShape>& world() const;
  // For a tile of the prepared zoom that no part's edge comes near: the unit covering it whole (its margin
  // too), or -1 when it lies outside every unit.
  int unit_covering(const geo::TileId& tile) const;
  // For a tile that parts' edges cross: a unit covering it whole with no edge near it, beneath those parts
  // (a unit the source draws over another without cutting a hole in it, as China's county layer does with
  // the corps cities of Xinjiang), or -1. Looked up at the first of a few points of the tile (its centre,
  // then points near its corners) that `covered(fx, fy)` (fractions of the tile from its top left) says the
  // tile's own parts leave empty.
  int unit_beneath(const geo::TileId& tile, std::span<const std::uint32_t> touching,
                   const std::function<bool(double, double)>& covered) const;

  // What render(tile) will do, without doing it (thread-safe). `hatch_counts`: a hatched no-data tile is
  // drawn (raster tiles) rather than written as one unit (vector tiles).
  TileWork work(const geo::TileId& tile, bool hatch_counts = true) const;
  // Thread-safe (each thread with its own Workspace). Throws InternalError for a tile of another zoom.
  TileRaster render(const geo::TileId& tile, Workspace& ws) const;
  // The units whose fills render(tile) shows, ascending: those with a part near the tile, or else the unit
  // under its centre; empty for a tile render() leaves empty. A tile's pixels depend on these units' fills
  // and on nothing else that varies with the data, so a change of fills redraws exactly the tiles listing a
  // changed unit (borders and anti-aliasing included: the index's margin covers them).
  std::vector<std::uint32_t> units_drawn(const geo::TileId& tile) const;
  // Always rasterizes, with every part whose box meets the tile: the reference render() must agree with.
  TileRaster rasterize(const geo::TileId& tile, Workspace& ws) const;

 private:
  TileRaster draw(const geo::TileId& tile, const ZoomGeometry& zoom, const std::vector<std::uint32_t>& parts,
                  int inside_unit, Workspace& ws) const;
  // Without borders: one fill per colour, so neighbours of one colour show no seam.
  void draw_fills(Workspace& ws, const ZoomGeometry& zoom, const std::vector<std::uint32_t>& parts, double x0,
                  double y0) const;
  // With borders: unit by unit in the boundaries' order, its fill and then its border, as Mapnik draws a
  // choropleth (a polygon and a line symbolizer per feature). At zooms where a county is a few pixels across
  // the 0.4 px borders touch most pixels, and drawing them in Mapnik's order is what makes the two agree
  // (98.9% of pixels on the sampled county tiles; all fills first, then all borders: 97.5%). Seams between
  // fills lie under the borders.
  void draw_units_with_borders(Workspace& ws, const ZoomGeometry& zoom,
                               const std::vector<std::uint32_t>& parts, double x0, double y0) const;
  // Hatching over the pixels drawn so far, clipped to `clip` (or the whole tile, without one).
  void hatch(Workspace& ws, double x0, double y0, const RingPath* clip) const;
  styles::Color colour_of(int unit) const;
  // Zoom z's geometry from the cache, or prepared (and cached) from source_for(z).
  ZoomGeometry geometry_of(int z, int threads);
  const std::vector<WorldShape>& source_for(int z, int threads);
  const WorldShape& world_of(std::size_t unit) const;  // projected on first use (thread-safe)
  int locate(geo::Point world_point) const;            // the unit holding the point, or -1

  TileStyle style_;
  int threads_;
  std::vector<geo::MultiPolygon> lon_lat_;  // the units as given (none with deferred_)
  std::shared_ptr<const boundaries::DeferredGeometry> deferred_;
  // lon_lat_ projected to normalized Web Mercator, outer rings and holes wound opposite ways: a unit once its
  // flag has been called, all once all_projected_ has.
  mutable std::vector<WorldShape> world_;
  std::unique_ptr<std::once_flag[]> projected_;
  mutable std::once_flag all_projected_;
  static constexpr int kCoarseZoom = 8;
  static constexpr int kCoarserZoom = 5;
  std::vector<WorldShape> coarse_;   // world_ as simplified for kCoarseZoom, the source of zooms below it
  std::vector<WorldShape> coarser_;  // coarse_ as simplified for kCoarserZoom, the source of zooms below it
  std::vector<std::optional<styles::Color>> fills_;
  // Units of one colour (or all without data) share a group, drawn as one fill; groups are drawn in the
  // order of their colour (no data first), so a tile's drawing order depends on its own units' colours
  // only, and recolouring a unit elsewhere leaves it alone (what units_drawn promises).
  std::vector<std::int64_t> group_of_unit_;  // the colour as 0xRRGGBBAA, or -1 without data
  geo::Box lon_lat_bounds_;
  UnitLocator locator_;
  double border_px_ = 0;
  double closing_px_ = 0;  // without borders: width of the opaque base's stroke around small rings (islands)
  double margin_px_ = 1;
  // The prepared zooms, by zoom; each written only by add_zoom and release_zoom, which run on one thread.
  std::array<std::unique_ptr<const ZoomGeometry>, geo::kMaxTileZoom + 1> zooms_;
  ZoomCache cache_;
};

}  // namespace covermap::render
