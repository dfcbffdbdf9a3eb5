#include "render/tile_renderer.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "boundaries/boundary_cache.hpp"
#include "geo/error.hpp"
#include "geo/parallel_for.hpp"
#include "render/hatch.hpp"
#include "render/polygon_paint.hpp"
#include "render/text.hpp"
#include "render/tile_path.hpp"

namespace covermap::render {
namespace {

// Tiles without borders: the opaque base under the anti-aliased fills sets the pixels a colour covers at
// least this much, and rings whose box is within kSmallRingPx (at 256 px tiles) are stroked too.
constexpr double kBaseCoverage = 0.25;
constexpr double kSmallRingPx = 2;

// The rings of `path` whose box is within `size` pixels each way, into `out`.
void copy_small_rings(const RingPath& path, double size, RingPath& out) {
  out.clear();
  std::uint32_t begin = 0;
  for (const std::uint32_t end : path.ring_ends) {
    geo::Box box;
    for (std::uint32_t i = begin; i < end; ++i) box.expand(path.points[i]);
    if (box.width() <= size && box.height() <= size) {
      out.points.insert(out.points.end(), path.points.begin() + begin, path.points.begin() + end);
      out.close_ring();
    }
    begin = end;
  }
}

geo::Point to_world(geo::Point lon_lat) {
  const geo::Point m = geo::lon_lat_to_mercator(lon_lat);
  constexpr double kWorld = 2 * geo::kWebMercatorHalfWorld;
  return {(m.x + geo::kWebMercatorHalfWorld) / kWorld, (geo::kWebMercatorHalfWorld - m.y) / kWorld};
}

// Lon/lat to normalized Web Mercator, rings oriented for the non-zero fill rule (render/polygon_paint).
WorldShape project(const geo::MultiPolygon& lon_lat) {
  WorldShape out;
  out.reserve(lon_lat.size());
  const auto convert = [](const geo::Ring& ring) {
    geo::Ring world;
    world.reserve(ring.size());
    for (const geo::Point& p : ring) world.push_back(to_world(p));
    return world;
  };
  for (const geo::Polygon& polygon : lon_lat) {
    geo::Polygon world{convert(polygon.outer), {}};
    for (const geo::Ring& hole : polygon.holes) world.holes.push_back(convert(hole));
    out.push_back(std::move(world));
  }
  geo::orient_rings(out);
  return out;
}

std::uint32_t colour_key(const styles::Color& c) {
  return (std::uint32_t{c.r} << 24) | (std::uint32_t{c.g} << 16) | (std::uint32_t{c.b} << 8) | c.a;
}

}  // namespace

double tile_pixels_per_point(int tile_size) {
  return 96.0 / 72.0 * tile_size / 256.0;
}

Workspace::Workspace(int tile_size)
    : tile_size_(tile_size),
      pixels_(static_cast<std::size_t>(tile_size) * static_cast<std::size_t>(tile_size)),
      polygons_(tile_size, tile_size) {}

cairo_t* Workspace::cr() {
  if (cairo_pixels_ != pixels_.data()) {
    cr_.reset();
    surface_.reset(cairo_image_surface_create_for_data(reinterpret_cast<unsigned char*>(pixels_.data()),
                                                       CAIRO_FORMAT_ARGB32, tile_size_, tile_size_,
                                                       4 * tile_size_));
    check_status(surface_.get(), "tile surface");
    cr_.reset(cairo_create(surface_.get()));
    check_status(cr_.get(), "tile surface");
    cairo_pixels_ = pixels_.data();
  }
  return cr_.get();
}

cairo_surface_t* Workspace::surface() {
  cr();
  return surface_.get();
}

void Workspace::check_cairo(const std::string& what) const {
  if (cr_ && cairo_pixels_ == pixels_.data()) check_status(cr_.get(), what);
}

std::vector<std::uint32_t> Workspace::take_pixels() {
  // Cairo lets go of the pixels handed over: it is made again over the next buffer when needed.
  cr_.reset();
  surface_.reset();
  cairo_pixels_ = nullptr;
  std::vector<std::uint32_t> drawn = std::move(pixels_);
  pixels_ = std::move(spare_);
  spare_ = {};
  pixels_.resize(drawn.size());
  return drawn;
}

void Workspace::recycle(std::vector<std::uint32_t>&& pixels) {
  if (pixels.size() == static_cast<std::size_t>(tile_size_) * static_cast<std::size_t>(tile_size_))
    spare_ = std::move(pixels);
}

TileRenderer::TileRenderer(std::vector<TileUnit> units, TileStyle style, int threads,
                           std::shared_ptr<const boundaries::DeferredGeometry> deferred)
    : style_(std::move(style)),
      threads_(threads),
      deferred_(std::move(deferred)),
      world_(units.size()),
      projected_(std::make_unique<std::once_flag[]>(units.size())) {
  if (style_.tile_size <= 0) throw InternalError("tiles", "tile size must be positive");
  if (deferred_ && deferred_->size() != units.size())
    throw InternalError("tiles", "deferred geometry for " + std::to_string(deferred_->size()) +
                                     " units, not " + std::to_string(units.size()));
  lon_lat_.reserve(deferred_ ? 0 : units.size());
  // Each unit's outline: from the boundary cache, or found here from its coordinates (on several threads).
  std::vector<boundaries::UnitOutline> found(deferred_ ? 0 : units.size());
  geo::parallel_for(found.size(), threads, [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) found[i] = boundaries::outline_of(units[i].lon_lat);
  });
  const auto outline = [&](std::size_t unit) -> const boundaries::UnitOutline& {
    return deferred_ ? deferred_->outline(unit) : found[unit];
  };
  // The locator's boxes from the lon/lat boxes' corners (the projection keeps the order of longitudes and of
  // latitudes), widened a little so that each holds its projected ring whatever the last bit of a tangent.
  constexpr double kWiden = 1e-9;  // normalized Web Mercator: 0.3 mm on the ground, 0.0003 px at zoom 10
  std::vector<std::vector<geo::Box>> outer_boxes(units.size());
  std::vector<std::string> unit_hashes(units.size());
  for (std::size_t i = 0; i < units.size(); ++i) {
    for (const geo::Box& box : outline(i).outer_boxes) {
      if (box.empty()) {
        outer_boxes[i].push_back(box);
        continue;
      }
      const geo::Point top_left = to_world({box.min_x, box.max_y});
      const geo::Point bottom_right = to_world({box.max_x, box.min_y});
      outer_boxes[i].push_back(
          {top_left.x - kWiden, top_left.y - kWiden, bottom_right.x + kWiden, bottom_right.y + kWiden});
    }
    lon_lat_bounds_.expand(outline(i).bounds);
    unit_hashes[i] = outline(i).coordinates_hash;
    group_of_unit_.push_back(units[i].fill ? std::int64_t{colour_key(*units[i].fill)} : -1);
    fills_.push_back(units[i].fill);
    if (!deferred_) lon_lat_.push_back(std::move(units[i].lon_lat));
  }
  const double per_point = tile_pixels_per_point(style_.tile_size);
  border_px_ = style_.borders.visible ? std::max(0.0, style_.borders.width_pt) * per_point : 0;
  // Without borders, slivers in the data between units would show as hairlines: see draw_fills.
  closing_px_ = style_.borders.visible ? 0 : 0.5 * style_.tile_size / 256.0;
  margin_px_ = style_.index_margin_px.value_or(std::max(border_px_, closing_px_) / 2 + 1);
  locator_ = UnitLocator(outer_boxes);
  cache_ = ZoomCache(boundaries::cache_directory(), unit_hashes, style_.tile_size, margin_px_,
                     style_.simplify_px, style_.coarse_sources);
}

const WorldShape& TileRenderer::world_of(std::size_t unit) const {
  std::call_once(projected_[unit],
                 [&] { world_[unit] = project(deferred_ ? deferred_->geometry(unit) : lon_lat_[unit]); });
  return world_[unit];
}

int TileRenderer::locate(geo::Point world_point) const {
  return locator_.locate(world_point,
                         [&](std::uint32_t unit) -> const WorldShape& { return world_of(unit); });
}

const std::vector<WorldShape>& TileRenderer::world() const {
  std::call_once(all_projected_, [&] {
    geo::parallel_for(world_.size(), threads_, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) world_of(i);
    });
  });
  return world_;
}

namespace {

// A zoom's simplified parts back in normalized coordinates, one shape per unit: the source of lower zooms.
std::vector<WorldShape> to_world(const ZoomGeometry& geometry, std::size_t units, int tile_size) {
  const double scale = std::ldexp(static_cast<double>(tile_size), geometry.zoom());
  std::vector<WorldShape> out(units);
  for (const PixelPart& part : geometry.parts()) {
    const auto convert = [&](const PixelRing& ring) {
      geo::Ring world;
      world.reserve(ring.points.size());
      for (const geo::Point& p : ring.points) world.push_back({p.x / scale, p.y / scale});
      return world;
    };
    geo::Polygon polygon{convert(part.rings.front()), {}};
    for (std::size_t r = 1; r < part.rings.size(); ++r) polygon.holes.push_back(convert(part.rings[r]));
    out[part.unit].push_back(std::move(polygon));
  }
  return out;
}

}  // namespace

void TileRenderer::prepare_zoom(int z, int threads) {
  for (auto& zoom : zooms_) zoom.reset();  // free the other zooms' geometry before building the next
  add_zoom(z, threads);
}

void TileRenderer::add_zoom(int z, int threads) {
  if (z < 0 || z > geo::kMaxTileZoom)
    throw InternalError("tiles", "zoom " + std::to_string(z) + " out of range");
  if (!zooms_[static_cast<std::size_t>(z)])
    zooms_[static_cast<std::size_t>(z)] = std::make_unique<const ZoomGeometry>(geometry_of(z, threads));
}

void TileRenderer::release_zoom(int z) {
  if (z >= 0 && z <= geo::kMaxTileZoom) zooms_[static_cast<std::size_t>(z)].reset();
}

const ZoomGeometry& TileRenderer::zoom_geometry(int z) const {
  if (z < 0 || z > geo::kMaxTileZoom || !zooms_[static_cast<std::size_t>(z)])
    throw InternalError("tiles", "zoom " + std::to_string(z) + " used before prepare_zoom");
  return *zooms_[static_cast<std::size_t>(z)];
}

ZoomGeometry TileRenderer::geometry_of(int z, int threads) {
  if (std::optional<ZoomGeometry> cached = cache_.read(z)) return std::move(*cached);
  ZoomGeometry geometry(source_for(z, threads), z, style_.tile_size, margin_px_, threads, style_.simplify_px);
  cache_.write(geometry);
  return geometry;
}

// Low zooms start from geometry already simplified for a higher one (zoom 8 for zooms 5-7, zoom 5 for 0-4;
// unless the style's coarse_sources is off):
// the same result to well under a pixel, from far fewer vertices. Which source a zoom uses depends only on
// the zoom, so tiles are the same whatever zooms are rendered, in whatever order, and whether a zoom came
// from the cache or not.
const std::vector<WorldShape>& TileRenderer::source_for(int z, int threads) {
  if (z >= kCoarseZoom || !style_.coarse_sources) return world();
  if (coarse_.empty()) coarse_ = to_world(geometry_of(kCoarseZoom, threads), world_.size(), style_.tile_size);
  if (z >= kCoarserZoom) return coarse_;
  if (coarser_.empty())
    coarser_ = to_world(geometry_of(kCoarserZoom, threads), world_.size(), style_.tile_size);
  return coarser_;
}

styles::Color TileRenderer::colour_of(int unit) const {
  return fills_[static_cast<std::size_t>(unit)].value_or(style_.no_data.fill);
}

int TileRenderer::unit_covering(const geo::TileId& tile) const {
  const double tiles = std::ldexp(1.0, tile.z);
  return locate({(tile.x + 0.5) / tiles, (tile.y + 0.5) / tiles});
}

int TileRenderer::unit_beneath(const geo::TileId& tile, std::span<const std::uint32_t> touching,
                               const std::function<bool(double, double)>& covered) const {
  const ZoomGeometry& zoom = zoom_geometry(tile.z);
  const double tiles = std::ldexp(1.0, tile.z);
  for (const auto& [fx, fy] : {std::pair{0.5, 0.5}, std::pair{0.05, 0.05}, std::pair{0.95, 0.05},
                               std::pair{0.05, 0.95}, std::pair{0.95, 0.95}}) {
    if (covered(fx, fy)) continue;
    const int unit = locate({(tile.x + fx) / tiles, (tile.y + fy) / tiles});
    if (unit < 0) continue;
    if (std::none_of(touching.begin(), touching.end(), [&](std::uint32_t part) {
          return zoom.parts()[part].unit == static_cast<std::uint32_t>(unit);
        }))
      return unit;
  }
  return -1;
}

TileRaster TileRenderer::render(const geo::TileId& tile, Workspace& ws) const {
  const ZoomGeometry& zoom = zoom_geometry(tile.z);
  const std::span<const std::uint32_t> touching = zoom.parts_touching(tile);
  if (!touching.empty()) {
    const std::vector<std::uint32_t> parts(touching.begin(), touching.end());
    TileRaster raster = draw(tile, zoom, parts, -1, ws);
    const auto size = static_cast<std::size_t>(raster.size);
    const int beneath = unit_beneath(tile, touching, [&](double fx, double fy) {
      const auto x = static_cast<std::size_t>(fx * static_cast<double>(size));
      const auto y = static_cast<std::size_t>(fy * static_cast<double>(size));
      return (raster.pixels[y * size + x] >> 24) != 0;
    });
    if (beneath < 0) return raster;  // not the conditional operator, which would copy the pixels
    ws.recycle(std::move(raster.pixels));
    return draw(tile, zoom, parts, beneath, ws);
  }
  const int unit = unit_covering(tile);
  TileRaster raster;
  raster.size = style_.tile_size;
  if (unit < 0) return raster;
  if (!fills_[static_cast<std::size_t>(unit)] && style_.no_data.hatch) return draw(tile, zoom, {}, unit, ws);
  raster.kind = TileRaster::Kind::solid;
  raster.color = colour_of(unit);
  return raster;
}

TileWork TileRenderer::work(const geo::TileId& tile, bool hatch_counts) const {
  const ZoomGeometry& zoom = zoom_geometry(tile.z);
  TileWork work;
  const std::span<const std::uint32_t> touching = zoom.parts_touching(tile);
  if (touching.empty()) {
    const int unit = hatch_counts ? unit_covering(tile) : -1;
    work.drawn = unit >= 0 && !fills_[static_cast<std::size_t>(unit)] && style_.no_data.hatch;
    return work;
  }
  work.drawn = true;
  const double size = style_.tile_size;
  const geo::Box frame{tile.x * size - margin_px_, tile.y * size - margin_px_,
                       (tile.x + 1) * size + margin_px_, (tile.y + 1) * size + margin_px_};
  for (const std::uint32_t part : touching)
    for (const PixelRing& ring : zoom.parts()[part].rings)
      if (ring.box.intersects(frame)) work.vertices += ring.points.size();
  return work;
}

std::vector<std::uint32_t> TileRenderer::units_drawn(const geo::TileId& tile) const {
  const ZoomGeometry& zoom = zoom_geometry(tile.z);
  std::vector<std::uint32_t> units;
  for (const std::uint32_t part : zoom.parts_touching(tile)) units.push_back(zoom.parts()[part].unit);
  if (units.empty()) {
    if (const int unit = unit_covering(tile); unit >= 0) units.push_back(static_cast<std::uint32_t>(unit));
    return units;
  }
  std::sort(units.begin(), units.end());
  units.erase(std::unique(units.begin(), units.end()), units.end());
  return units;
}

TileRaster TileRenderer::rasterize(const geo::TileId& tile, Workspace& ws) const {
  const ZoomGeometry& zoom = zoom_geometry(tile.z);
  const double size = style_.tile_size;
  const geo::Box frame{tile.x * size - margin_px_, tile.y * size - margin_px_,
                       (tile.x + 1) * size + margin_px_, (tile.y + 1) * size + margin_px_};
  std::vector<std::uint32_t> parts;
  for (std::uint32_t i = 0; i < zoom.parts().size(); ++i)
    if (zoom.parts()[i].box.intersects(frame)) parts.push_back(i);
  return draw(tile, zoom, parts, -1, ws);
}

TileRaster TileRenderer::draw(const geo::TileId& tile, const ZoomGeometry& zoom,
                              const std::vector<std::uint32_t>& parts, int inside_unit, Workspace& ws) const {
  const auto n = static_cast<std::size_t>(style_.tile_size);
  const double x0 = static_cast<double>(tile.x) * style_.tile_size;
  const double y0 = static_cast<double>(tile.y) * style_.tile_size;
  std::uint32_t* pixels = ws.pixels();
  std::fill(pixels, pixels + n * n, inside_unit >= 0 ? premultiplied_argb(colour_of(inside_unit)) : 0u);
  if (inside_unit >= 0 && !fills_[static_cast<std::size_t>(inside_unit)] && style_.no_data.hatch)
    hatch(ws, x0, y0, nullptr);
  if (border_px_ > 0)
    draw_units_with_borders(ws, zoom, parts, x0, y0);
  else
    draw_fills(ws, zoom, parts, x0, y0);
  ws.check_cairo("tile " + std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" +
                 std::to_string(tile.y));
  TileRaster raster;
  raster.kind = TileRaster::Kind::image;
  raster.size = style_.tile_size;
  raster.pixels = ws.take_pixels();
  return raster;
}

void TileRenderer::draw_fills(Workspace& ws, const ZoomGeometry& zoom,
                              const std::vector<std::uint32_t>& parts, double x0, double y0) const {
  if (parts.empty()) return;
  // One fill per colour: neighbours of one colour are one path, so no anti-aliasing seam runs between them.
  std::vector<std::pair<std::int64_t, std::uint32_t>> order;
  order.reserve(parts.size());
  for (std::uint32_t part : parts) order.emplace_back(group_of_unit_[zoom.parts()[part].unit], part);
  std::sort(order.begin(), order.end());
  TilePath path(x0, y0, style_.tile_size, margin_px_);
  PolygonRaster& polygons = ws.polygons();
  std::uint32_t* pixels = ws.pixels();
  // Calls `paint(group, unit, path)` once per colour with that colour's parts.
  const auto for_each_colour = [&](const auto& paint) {
    std::size_t group = 0;
    for (std::size_t i = 0; i < order.size(); ++group) {
      const int unit = static_cast<int>(zoom.parts()[order[i].second].unit);
      path.clear();
      std::size_t j = i;
      for (; j < order.size() && order[j].first == order[i].first; ++j)
        path.append(zoom.parts()[order[j].second]);
      i = j;
      paint(group, unit, path.path());
    }
  };
  // Each colour's fill is painted twice with a base (what it covers found once), so kept by colour.
  std::vector<PolygonRaster::Coverage>& fills = ws.fill_coverages();
  if (closing_px_ > 0) {
    // Without borders nothing hides a hairline where the data leaves a sliver between two units: first an
    // opaque base, not anti-aliased, filling each pixel at least a quarter inside a unit. A sliver narrower
    // than about a third of a pixel then leaves every pixel it crosses covered a quarter by one side or the
    // other: no pixel of its own. Rings smaller than kSmallRingPx, islands at low zooms, get a closing_px_
    // stroke as well (the pixels it covers half), so that they still show as a pixel. The anti-aliased
    // fills then smooth the edges over it.
    RingPath& small = ws.small_rings();
    for_each_colour([&](std::size_t group, int unit, const RingPath& p) {
      if (fills.size() <= group) fills.resize(group + 1);
      const std::uint32_t colour = premultiplied_argb(colour_of(unit));
      polygons.cover(p, fills[group]);
      polygons.paint(fills[group], colour, pixels, false, true, kBaseCoverage);
      copy_small_rings(p, kSmallRingPx * style_.tile_size / 256.0, small);
      if (!small.ring_ends.empty()) polygons.stroke(small, closing_px_, colour, pixels, false);
    });
  }
  for_each_colour([&](std::size_t group, int unit, const RingPath& p) {
    const std::uint32_t colour = premultiplied_argb(colour_of(unit));
    if (closing_px_ > 0)
      polygons.paint(fills[group], colour, pixels, true);
    else
      polygons.fill(p, colour, pixels, true);
    if (!fills_[static_cast<std::size_t>(unit)] && style_.no_data.hatch) hatch(ws, x0, y0, &p);
  });
}

void TileRenderer::draw_units_with_borders(Workspace& ws, const ZoomGeometry& zoom,
                                           const std::vector<std::uint32_t>& parts, double x0,
                                           double y0) const {
  TilePath path(x0, y0, style_.tile_size, margin_px_);
  PolygonRaster& polygons = ws.polygons();
  std::uint32_t* pixels = ws.pixels();
  const std::uint32_t border = premultiplied_argb(style_.borders.color);
  for (std::size_t i = 0; i < parts.size();) {
    const std::uint32_t unit = zoom.parts()[parts[i]].unit;
    path.clear();
    for (; i < parts.size() && zoom.parts()[parts[i]].unit == unit; ++i) path.append(zoom.parts()[parts[i]]);
    polygons.fill(path.path(), premultiplied_argb(colour_of(static_cast<int>(unit))), pixels, true);
    if (!fills_[unit] && style_.no_data.hatch) hatch(ws, x0, y0, &path.path());
    polygons.stroke(path.path(), border_px_, border, pixels, true);
  }
}

// The figures' hatching in points, anchored to the world's corner so it runs on across tiles; drawn by Cairo
// over the pixels drawn so far.
void TileRenderer::hatch(Workspace& ws, double x0, double y0, const RingPath* clip) const {
  cairo_t* cr = ws.cr();
  cairo_surface_mark_dirty(ws.surface());
  {
    CairoSaveGuard guard(cr);
    if (clip) {
      set_cairo_path(cr, *clip);
      use_polygon_fill(cr);
      cairo_clip(cr);
    }
    cairo_translate(cr, -x0, -y0);
    const double per_point = tile_pixels_per_point(style_.tile_size);
    cairo_scale(cr, per_point, per_point);
    hatch_clip(cr, 0);
  }
  cairo_surface_flush(ws.surface());
}

}  // namespace covermap::render
