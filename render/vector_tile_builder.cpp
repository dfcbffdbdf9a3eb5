#include "render/vector_tile_builder.hpp"

#include <algorithm>
#include <cmath>

#include "geo/error.hpp"
#include "geo/geometry_repair.hpp"
#include "geo/parallel_for.hpp"

namespace covermap::render {
namespace {

std::uint64_t tile_key(std::uint64_t x, std::uint64_t y) {
  return (x << 32) | y;
}

TileStyle vector_tile_style() {
  TileStyle style;
  style.borders.visible = false;
  style.tile_size = kVectorTilePixels;
  style.index_margin_px = kVectorTileBuffer * kQuantumPx;
  style.simplify_px = kVectorTileSimplifyUnits * kQuantumPx;
  style.coarse_sources = false;
  return style;
}

// Label placement needs the point only to a small share of the unit's size; coarser is faster.
constexpr double kLabelToleranceShare = 1.0 / 200;

std::optional<UnitLabel> place_label(const WorldShape& shape, const geo::GeosContext& geos) {
  if (shape.empty()) return std::nullopt;
  const geo::Box box = geo::bounds(shape);
  const double tolerance = std::hypot(box.width(), box.height()) * kLabelToleranceShare;
  if (!(tolerance > 0)) return std::nullopt;
  UnitLabel label;
  label.at = geo::label_point(geos, shape, tolerance);
  // The largest part decides, as it is the one labelled.
  double span = 0, largest = -1;
  for (const geo::Polygon& part : shape)
    if (const double a = geo::area(part); a > largest) {
      largest = a;
      const geo::Box part_box = geo::ring_bounds(part.outer);
      span = std::max(part_box.width(), part_box.height());
    }
  const double zoom = std::log2(kLabelMinSpanPx / (span * kVectorTilePixels));
  label.min_zoom = std::isfinite(zoom)
                       ? std::clamp(static_cast<int>(std::ceil(zoom)), 0, geo::kMaxTileZoom + 1)
                       : geo::kMaxTileZoom + 1;
  return label;
}

// One part in the tile's grid units: world pixels times 8 (exact: they are multiples of 1/8) less the
// tile's origin.
std::vector<GridRing> to_grid(const PixelPart& part, const geo::TileId& tile) {
  const std::int64_t x0 = std::int64_t{tile.x} * kVectorTileExtent;
  const std::int64_t y0 = std::int64_t{tile.y} * kVectorTileExtent;
  std::vector<GridRing> rings;
  rings.reserve(part.rings.size());
  for (const PixelRing& ring : part.rings) {
    GridRing grid;
    grid.reserve(ring.points.size());
    for (std::size_t i = 0; i + 1 < ring.points.size(); ++i)  // closed: the last point repeats the first
      grid.push_back({std::llround(ring.points[i].x / kQuantumPx) - x0,
                      std::llround(ring.points[i].y / kQuantumPx) - y0});
    rings.push_back(std::move(grid));
  }
  return rings;
}

// Whether the rings cover any of the tile itself, not only its buffer.
bool reaches_tile(const std::vector<GridRing>& rings) {
  for (const GridRing& ring : rings)
    for (const GridPoint& p : ring)
      if (p.x > 0 && p.x < kVectorTileExtent && p.y > 0 && p.y < kVectorTileExtent) return true;
  // A ring may cross the tile with every vertex outside it: then its box straddles the tile.
  std::int64_t min_x = INT64_MAX, min_y = INT64_MAX, max_x = INT64_MIN, max_y = INT64_MIN;
  for (const GridRing& ring : rings)
    for (const GridPoint& p : ring) {
      min_x = std::min(min_x, p.x), max_x = std::max(max_x, p.x);
      min_y = std::min(min_y, p.y), max_y = std::max(max_y, p.y);
    }
  return max_x > 0 && min_x < kVectorTileExtent && max_y > 0 && min_y < kVectorTileExtent;
}

geo::MultiPolygon to_polygons(const std::vector<GridRing>& rings) {
  geo::MultiPolygon polygons;
  for (const GridRing& ring : rings) {
    geo::Ring closed;
    closed.reserve(ring.size() + 1);
    for (const GridPoint& p : ring) closed.push_back({static_cast<double>(p.x), static_cast<double>(p.y)});
    closed.push_back(closed.front());
    if (twice_signed_area(ring) > 0 || polygons.empty())
      polygons.push_back({std::move(closed), {}});
    else
      polygons.back().holes.push_back(std::move(closed));
  }
  return polygons;
}

// Back on the grid in MVT order, exteriors positive and holes negative.
std::vector<GridRing> to_grid_rings(const geo::MultiPolygon& polygons) {
  std::vector<GridRing> rings;
  const auto add = [&](const geo::Ring& ring, bool exterior) {
    GridRing grid;
    for (std::size_t i = 0; i + 1 < ring.size(); ++i)
      grid.push_back({std::llround(ring[i].x), std::llround(ring[i].y)});
    if (!clean_ring(grid)) return false;
    if ((twice_signed_area(grid) > 0) != exterior) std::reverse(grid.begin(), grid.end());
    rings.push_back(std::move(grid));
    return true;
  };
  for (const geo::Polygon& polygon : polygons)
    if (add(polygon.outer, true))
      for (const geo::Ring& hole : polygon.holes) add(hole, false);
  return rings;
}

// Whether every vertex is on the tile's grid (whole numbers).
bool on_grid(const geo::MultiPolygon& polygons) {
  bool whole = true;
  geo::for_each_ring(polygons, [&](const geo::Ring& ring) {
    for (const geo::Point& p : ring) whole = whole && p.x == std::round(p.x) && p.y == std::round(p.y);
  });
  return whole;
}

// Where the grid pinched a ring into a crossing or pushed two parts of a unit into each other, GEOS mends
// the unit: first each bad polygon alone (a coastal unit's hundreds of islands are not all redone for one
// bad one), then, if parts still overlap, the unit snapped to the grid as a whole.
std::vector<GridRing> mend_polygons(std::vector<GridRing> rings, const geo::GeosContext& geos) {
  geo::MultiPolygon polygons = to_polygons(rings);
  if (geo::is_valid(geos, polygons)) return rings;
  geo::MultiPolygon mended;
  for (geo::Polygon& polygon : polygons) {
    geo::MultiPolygon single{std::move(polygon)};
    if (geo::is_valid(geos, single))
      mended.push_back(std::move(single.front()));
    else
      for (geo::Polygon& part : geo::make_valid_on_unit_grid(geos, single)) mended.push_back(std::move(part));
  }
  if (!geo::is_valid(geos, mended)) {
    // Parts the grid pushed against each other are dissolved first: where they only meet along edges no
    // vertex moves, so the unit's borders stay its neighbours' (snap-rounding the unit alone would move
    // vertices near its other edges, and open hairlines between it and a neighbour).
    geo::MultiPolygon dissolved = geo::dissolve_overlaps(geos, mended, "tile");
    mended = on_grid(dissolved) && geo::is_valid(geos, dissolved)
                 ? std::move(dissolved)
                 : geo::make_valid_on_unit_grid(geos, mended);
  }
  return to_grid_rings(mended);
}

}  // namespace

VectorTileBuilder::VectorTileBuilder(std::vector<TileUnit> units, const geo::GeosContext& geos, int threads)
    : renderer_(std::move(units), vector_tile_style(), threads) {
  const std::vector<WorldShape>& world = renderer_.world();
  labels_.resize(world.size());
  geo::parallel_for(world.size(), threads, [&](std::size_t begin, std::size_t end) {
    std::optional<geo::GeosContext> own;  // GEOS contexts are not shared between threads
    const geo::GeosContext& context = begin == 0 ? geos : own.emplace();
    for (std::size_t unit = begin; unit < end; ++unit) labels_[unit] = place_label(world[unit], context);
  });
}

void VectorTileBuilder::prepare_zoom(int z, int threads) {
  for (int other = 0; other <= geo::kMaxTileZoom; ++other) release_zoom(other);
  add_zoom(z, threads);
}

void VectorTileBuilder::release_zoom(int z) {
  renderer_.release_zoom(z);
  if (z >= 0 && z <= geo::kMaxTileZoom) placed_[static_cast<std::size_t>(z)] = {};
}

void VectorTileBuilder::add_zoom(int z, int threads) {
  renderer_.add_zoom(z, threads);
  std::vector<PlacedLabel>& placed = placed_[static_cast<std::size_t>(z)];
  placed.clear();
  const double scale = std::ldexp(static_cast<double>(kVectorTileExtent), z);
  for (std::uint32_t unit = 0; unit < labels_.size(); ++unit) {
    if (!labels_[unit] || labels_[unit]->min_zoom > z) continue;
    const auto grid = [&](double v) {
      return std::clamp<std::int64_t>(std::llround(v * scale), 0, static_cast<std::int64_t>(scale) - 1);
    };
    const std::int64_t x = grid(labels_[unit]->at.x), y = grid(labels_[unit]->at.y);
    placed.push_back({tile_key(static_cast<std::uint64_t>(x / kVectorTileExtent),
                               static_cast<std::uint64_t>(y / kVectorTileExtent)),
                      {unit, {x % kVectorTileExtent, y % kVectorTileExtent}}});
  }
  std::sort(placed.begin(), placed.end(), [](const PlacedLabel& a, const PlacedLabel& b) {
    return a.tile_key != b.tile_key ? a.tile_key < b.tile_key : a.label.unit < b.label.unit;
  });
}

VectorTile VectorTileBuilder::build(const geo::TileId& tile, const geo::GeosContext& geos) const {
  const ZoomGeometry& geometry = renderer_.zoom_geometry(tile.z);
  const std::vector<PlacedLabel>& placed = placed_[static_cast<std::size_t>(tile.z)];
  VectorTile out;
  const std::uint64_t key = tile_key(tile.x, tile.y);
  const auto first = std::lower_bound(placed.begin(), placed.end(), key,
                                      [](const PlacedLabel& p, std::uint64_t k) { return p.tile_key < k; });
  for (auto it = first; it != placed.end() && it->tile_key == key; ++it) out.labels.push_back(it->label);

  const GridBox& box = kVectorTileClipBox;
  const std::span<const std::uint32_t> touching = geometry.parts_touching(tile);
  if (touching.empty()) {
    const int unit = renderer_.unit_covering(tile);
    if (unit < 0) return out;  // no label lies outside every unit
    if (out.labels.empty()) {
      out.kind = VectorTile::Kind::inside_unit;
      out.unit = static_cast<std::uint32_t>(unit);
      return out;
    }
    out.kind = VectorTile::Kind::features;
    out.units.push_back({static_cast<std::uint32_t>(unit), {box_ring(box)}});
    return out;
  }
  // Parts come unit by unit (ZoomGeometry keeps the units' order): one feature per unit.
  for (std::size_t i = 0; i < touching.size();) {
    VectorTileFeature feature;
    feature.unit = geometry.parts()[touching[i]].unit;
    for (; i < touching.size() && geometry.parts()[touching[i]].unit == feature.unit; ++i)
      for (GridRing& ring : clip_polygon(to_grid(geometry.parts()[touching[i]], tile), box))
        feature.rings.push_back(std::move(ring));
    if (feature.rings.empty() || !reaches_tile(feature.rings)) continue;
    feature.rings = mend_polygons(std::move(feature.rings), geos);
    if (!feature.rings.empty()) out.units.push_back(std::move(feature));
  }
  // Features that cover the clip box whole (most tiles inside the data) leave no room beneath them: their
  // areas alone say so, without testing points.
  long double covered = 0;
  for (const VectorTileFeature& feature : out.units)
    for (const GridRing& ring : feature.rings) covered += twice_signed_area(ring);
  const int beneath =
      covered >= twice_signed_area(box_ring(box))
          ? -1
          : renderer_.unit_beneath(tile, touching, [&](double fx, double fy) {
              const GridPoint p{std::llround(fx * kVectorTileExtent), std::llround(fy * kVectorTileExtent)};
              return std::any_of(out.units.begin(), out.units.end(), [&](const VectorTileFeature& feature) {
                bool inside = false;  // even-odd over the feature's rings
                for (const GridRing& ring : feature.rings) inside ^= point_in_ring(p, ring);
                return inside;
              });
            });
  if (beneath >= 0) {
    const auto at = std::lower_bound(
        out.units.begin(), out.units.end(), static_cast<std::uint32_t>(beneath),
        [](const VectorTileFeature& feature, std::uint32_t unit) { return feature.unit < unit; });
    out.units.insert(at, {static_cast<std::uint32_t>(beneath), {box_ring(box)}});
  }
  if (!out.units.empty() || !out.labels.empty()) out.kind = VectorTile::Kind::features;
  return out;
}

}  // namespace covermap::render
