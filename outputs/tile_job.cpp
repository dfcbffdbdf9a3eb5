#include "outputs/tile_job.hpp"

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "geo/error.hpp"
#include "geo/interrupt.hpp"
#include "outputs/tile_shards.hpp"
#include "outputs/tile_sink.hpp"
#include "outputs/tile_update.hpp"
#include "outputs/vector_tiles.hpp"
#include "render/render_tiles.hpp"
#include "render/tile_renderer.hpp"
#include "render/vector_tile_builder.hpp"
#include "styles/choropleth.hpp"
#include "styles/classify.hpp"
#include "styles/legend.hpp"

namespace covermap::outputs {
namespace {

// The zoom a web map opens at, within the pyramid: 4 shows China whole on a laptop screen with 256-pixel
// raster tiles; vector tiles, drawn 512 pixels wide, show the same at 3.
constexpr int kPreferredCenterZoom = 4;
constexpr int kPreferredVectorCenterZoom = kPreferredCenterZoom - 1;

// Past these a pyramid takes hours and gigabytes: made only with --yes. Z18 is street level.
constexpr int kDeepestUnconfirmedZoom = 18;
constexpr std::uint64_t kMostUnconfirmedTiles = 10'000'000;

std::string zoom_flag(const TileJobOptions& options) {
  return "--zoom " + (options.zoom_text.empty()
                          ? std::to_string(options.zoom.min) + "-" + std::to_string(options.zoom.max)
                          : options.zoom_text);
}

void require_confirmed_zoom(const TileJobOptions& options) {
  if (options.confirmed || options.zoom.max <= kDeepestUnconfirmedZoom) return;
  throw UsageError(zoom_flag(options),
                   "zoom " + std::to_string(options.zoom.max) + " is past z" +
                       std::to_string(kDeepestUnconfirmedZoom) +
                       " (street level); each zoom level has four " + "times the tiles of the one before",
                   "add --yes to make them anyway, or stop at --zoom " + std::to_string(options.zoom.min) +
                       "-" + std::to_string(std::max(options.zoom.min, kDeepestUnconfirmedZoom)));
}

std::uint64_t tile_count(const geo::Box& bounds, const geo::ZoomRange& zoom) {
  std::uint64_t total = 0;
  for (int z = zoom.min; z <= zoom.max; ++z) total += geo::tiles_covering(bounds, z).count();
  return total;
}

void require_confirmed_count(const TileJobOptions& options, std::uint64_t total) {
  if (options.confirmed || total <= kMostUnconfirmedTiles) return;
  throw UsageError(
      zoom_flag(options),
      styles::format_count(total) + " tiles, more than " + styles::format_count(kMostUnconfirmedTiles),
      "add --yes to make them anyway, or narrow --zoom or --bounds");
}

}  // namespace

render::TileStyle raster_tile_style(const styles::MapSpec& spec, int tile_size) {
  render::TileStyle style;
  style.borders = spec.style.borders;
  style.no_data = spec.style.no_data;
  style.tile_size = tile_size;
  return style;
}

std::vector<render::TileUnit> tile_units(styles::JoinedMap& joined,
                                         const styles::ClassifiedUnits& classified) {
  std::vector<render::TileUnit> units;
  units.reserve(joined.units.units.size());
  for (std::size_t i = 0; i < joined.units.units.size(); ++i) {
    render::TileUnit unit;
    unit.lon_lat = std::move(joined.units.units[i].geometry);
    if (const int cls = classified.class_of_unit[i]; cls >= 0)
      unit.fill = classified.classification.classes[static_cast<std::size_t>(cls)].fill;
    units.push_back(std::move(unit));
  }
  return units;
}

TileSetInfo tile_set_info(const styles::MapSpec& spec, const styles::ClassifiedUnits& classified,
                          const TileJobOptions& options, const geo::Box& bounds,
                          const VectorTileProperties* vector) {
  const styles::MapStyle& style = spec.style;
  TileSetInfo info;
  info.name = style.title.empty() ? std::filesystem::path(spec.path).stem().string() : style.title;
  info.description = style.subtitle;
  info.attribution = style.source;
  info.format = options.format;
  info.min_zoom = options.zoom.min;
  info.max_zoom = options.zoom.max;
  info.tile_size = options.tile_size;
  info.bounds = bounds;
  info.center = {(bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2};
  info.center_zoom = std::clamp(kPreferredCenterZoom, options.zoom.min, options.zoom.max);
  info.legend_title = style.legend.title;
  info.map_file = relative_map_file(spec.path, options.output);
  info.legend = nlohmann::ordered_json::array();
  for (const auto& entry : styles::legend_entries(classified.classification, classified.class_of_unit,
                                                  style.legend, style.no_data))
    info.legend.push_back({{"label", entry.label}, {"color", entry.fill.hex()}});
  if (vector) {
    info.tile_size = render::kVectorTilePixels;
    info.center_zoom = std::clamp(kPreferredVectorCenterZoom, options.zoom.min, options.zoom.max);
    info.vector_layers = vector_layers(*vector, options.zoom.min, options.zoom.max);
    info.style = VectorStyleSpec{style.borders, style.labels,
                                 style.legend.title.empty() ? spec.value : style.legend.title};
  }
  return info;
}

std::string encode_raster(const render::TileRaster& raster, TileFormat format) {
  switch (raster.kind) {
    case render::TileRaster::Kind::empty:
      return {};
    case render::TileRaster::Kind::solid:
      return encode_solid_tile(raster.color, raster.size, format);
    case render::TileRaster::Kind::image:
      break;
  }
  return encode_tile(reinterpret_cast<const unsigned char*>(raster.pixels.data()), raster.size, raster.size,
                     raster.size * 4, format);
}

namespace {

int thread_count(const TileJobOptions& options) {
  return options.threads > 0 ? options.threads
                             : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace

TileMap classify_tile_map(const styles::MapSpec& spec, const TileJobOptions& options,
                          const geo::GeosContext& geos) {
  const bool vector = options.format == TileFormat::mvt;
  if (!vector && options.tile_size != 256 && options.tile_size != 512)
    throw InputError("--tile-size", "tile size " + std::to_string(options.tile_size), "use 256 or 512");
  require_confirmed_zoom(options);
  // Raster tiles need no unit's coordinates until a zoom is missing from the zoom cache: the boundaries are
  // read from theirs without them (a fifth of a warm run's start went to copying 30 MB of them into fresh
  // memory). Vector tiles clip every unit at every zoom.
  styles::BoundaryStore store(
      geos, {spec}, thread_count(options),
      vector ? boundaries::GeometryLoad::decoded : boundaries::GeometryLoad::deferred);
  styles::JoinedMap joined = styles::join_map(spec, store, geos);
  styles::require_clean_join(joined, options.output, options.allow_unmatched);
  TileMap map{spec, styles::classify_units(joined), {}, {}, joined.units.deferred};
  if (vector) map.vector = vector_tile_properties(joined, map.classified, spec.style.no_data);
  map.units = tile_units(joined, map.classified);
  return map;
}

std::vector<std::optional<styles::Color>> unit_fills(const TileMap& map) {
  std::vector<std::optional<styles::Color>> fills;
  fills.reserve(map.units.size());
  for (const render::TileUnit& unit : map.units) fills.push_back(unit.fill);
  return fills;
}

namespace {

// The raster renderer, or the vector tile builder (which has its own renderer on the vector tiles' grid, and
// its own GEOS context on the calling thread): whichever the format asks for.
class TileMaker {
 public:
  TileMaker(TileMap& map, const TileJobOptions& options, int threads) {
    if (map.vector) {
      if (map.deferred) throw InternalError("tiles", "vector tiles need the units' coordinates");
      builder_geos_.emplace();
      builder_.emplace(std::move(map.units), *builder_geos_, threads);
    } else {
      raster_.emplace(std::move(map.units), raster_tile_style(map.spec, options.tile_size), threads,
                      map.deferred);
    }
  }
  render::TileRenderer* raster() { return raster_ ? &*raster_ : nullptr; }
  const render::VectorTileBuilder& builder() const { return *builder_; }
  geo::Box lon_lat_bounds() const { return raster_ ? raster_->lon_lat_bounds() : builder_->lon_lat_bounds(); }
  void prepare_zoom(int z, int threads) {
    if (raster_)
      raster_->prepare_zoom(z, threads);
    else
      builder_->prepare_zoom(z, threads);
  }
  // As prepare_zoom, keeping the zooms prepared before (TileRenderer::add_zoom).
  void add_zoom(int z, int threads) {
    if (raster_)
      raster_->add_zoom(z, threads);
    else
      builder_->add_zoom(z, threads);
  }
  void release_zoom(int z) {
    if (raster_)
      raster_->release_zoom(z);
    else
      builder_->release_zoom(z);
  }
  // The estimated cost of each of `tiles` (of the prepared zoom): what shares are balanced by.
  std::vector<std::uint64_t> costs(const std::vector<geo::TileId>& tiles, int threads,
                                   WorkTotals* totals = nullptr) const {
    if (raster_)
      return tile_costs(
          tiles, [&](const geo::TileId& tile) { return raster_->work(tile); }, kRasterTileCost, threads,
          totals);
    return tile_costs(
        tiles, [&](const geo::TileId& tile) { return builder_->work(tile); }, kVectorTileCost, threads,
        totals);
  }

 private:
  std::optional<render::TileRenderer> raster_;
  std::optional<geo::GeosContext> builder_geos_;
  std::optional<render::VectorTileBuilder> builder_;
};

geo::Box job_bounds(const TileJobOptions& options, const TileMaker& maker) {
  const geo::Box bounds = options.bounds.value_or(maker.lon_lat_bounds());
  require_confirmed_count(options, tile_count(bounds, options.zoom));
  return bounds;
}

// The tiles of `tiles` (one prepared zoom) that fall to `shard`.
std::vector<geo::TileId> share_of(const std::vector<geo::TileId>& tiles, const TileMaker& maker,
                                  const ShardSpec& shard, int threads) {
  const std::vector<std::uint32_t> shares =
      assign_shares(maker.costs(tiles, threads), tiles.front().z, shard.count);
  std::vector<geo::TileId> mine;
  for (std::size_t i = 0; i < tiles.size(); ++i)
    if (shares[i] == static_cast<std::uint32_t>(shard.index)) mine.push_back(tiles[i]);
  return mine;
}

}  // namespace

TileJobResult write_tiles(TileMap map, const TileJobOptions& options, const EarlierTiles* earlier) {
  const bool vector = map.vector.has_value();
  if (vector && earlier)  // a vector tile carries values and names, not just fills: no update by fills
    throw std::logic_error("write_tiles: vector tiles are not updated from an earlier output");
  if (earlier && options.shard) throw std::logic_error("write_tiles: a share is not updated");
  TileJobResult result;
  result.threads = thread_count(options);
  std::optional<TileUpdate> update;
  if (earlier) update.emplace(earlier->fills, unit_fills(map), options.output);
  TileMaker maker(map, options, result.threads);
  const geo::Box bounds = job_bounds(options, maker);

  auto sink = open_tile_sink(options.output, options.format);
  std::vector<std::vector<geo::TileId>> tiles_of_zoom;
  for (int z = options.zoom.min; z <= options.zoom.max; ++z) {
    tiles_of_zoom.push_back(geo::tiles_in_hilbert_order(bounds, z));
    result.total += tiles_of_zoom.back().size();
  }

  std::uint64_t done = 0;
  TileDigest digest;
  // A folder's tiles are written by the workers that make them (one writer would hold two threads back to
  // the speed of creating files); the other outputs' by the emitting thread, in order.
  const bool put_on_workers = sink->concurrent_puts();
  const auto emit = [&](const geo::TileId& tile, std::string&& encoded) {
    geo::throw_if_interrupted(options.output);
    if (!encoded.empty()) {  // tiles outside every unit are left out: web maps show nothing there
      if (!put_on_workers) sink->put(tile, encoded);
      if (options.shard) digest.add(tile, encoded);
      ++result.written;
    }
    if (options.progress) options.progress(++done, result.total);
  };
  const auto delivered = [&](const geo::TileId& tile, std::string encoded) {
    if (put_on_workers && !encoded.empty()) sink->put(tile, encoded);
    return encoded;
  };
  const auto make_vector_worker = [&]() -> render::TileMaker {
    auto encoder = std::make_shared<VectorTileEncoder>(*map.vector);
    auto worker_geos = std::make_shared<geo::GeosContext>();
    return [&, encoder, worker_geos](const geo::TileId& tile) {
      return delivered(tile, encoder->encode(maker.builder().build(tile, *worker_geos)));
    };
  };
  const auto make_raster_worker = [&] {
    return render::raster_tile_maker(*maker.raster(),
                                     [&](const geo::TileId& tile, const render::TileRaster& raster) {
                                       return delivered(tile, encode_raster(raster, options.format));
                                     });
  };
  const auto started = std::chrono::steady_clock::now();
  // Same fills (only the title or the legend's text changed, say): the tiles are copied, no zoom prepared.
  if (update && update->changed_units() == 0) {
    result.written = update->copy_all(options.format, options.zoom, *sink);
    tiles_of_zoom.clear();
    if (options.progress) options.progress(result.total, result.total);
  }
  render::TilePipeline pipeline(
      result.threads, vector ? std::function<render::TileMaker()>(make_vector_worker) : make_raster_worker,
      emit);
  // The zooms whose tiles are in the pipeline, not all emitted yet, and where each one's tiles end. With
  // more than one thread the workers start on a zoom while the calling thread emits the zooms before it:
  // zooms are added until the workers have their window's worth queued beyond the oldest, so the few tiles
  // of the low zooms are drawn side by side, and at most two large zooms are held at once.
  std::deque<std::pair<int, std::size_t>> in_flight;
  const auto emit_zooms = [&](bool all) {
    while (!in_flight.empty()) {
      const bool enough_queued =
          in_flight.size() > 1 && pipeline.added() - in_flight.front().second >= pipeline.window();
      if (!all && result.threads > 1 && !enough_queued) break;
      pipeline.emit_until(in_flight.front().second);
      maker.release_zoom(in_flight.front().first);
      in_flight.pop_front();
    }
  };
  for (auto& tiles : tiles_of_zoom) {
    if (tiles.empty()) continue;
    geo::throw_if_interrupted(options.output);
    const int z = tiles.front().z;
    maker.add_zoom(z, result.threads);
    // A share makes its own tiles; the others' count as done at once, as do those an update keeps.
    const std::size_t in_zoom = tiles.size();
    std::vector<geo::TileId> draw = options.shard ? share_of(tiles, maker, *options.shard, result.threads)
                                    : update      ? update->tiles_to_draw(*maker.raster(), tiles)
                                                  : std::move(tiles);
    result.share_tiles += draw.size();
    done += in_zoom - draw.size();
    if (options.progress) options.progress(done, result.total);
    result.rendered += draw.size();
    pipeline.add(draw);
    in_flight.emplace_back(z, pipeline.added());
    emit_zooms(false);
  }
  emit_zooms(true);
  if (update && update->changed_units() > 0) result.written += update->copy_kept(options.format, *sink);
  TileSetInfo info =
      tile_set_info(map.spec, map.classified, options, bounds, vector ? &*map.vector : nullptr);
  if (options.shard) {
    PartInfo part{*options.shard, std::to_string(options.zoom.min) + "-" + std::to_string(options.zoom.max),
                  result.written, digest.hex(), info};
    part.info.map_file =
        map.spec.path.empty() ? "" : std::filesystem::absolute(map.spec.path).lexically_normal().string();
    info.shard = part_json(part);
  }
  sink->commit(info);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

TilePlan plan_tiles(TileMap map, const TileJobOptions& options, int count) {
  const int threads = thread_count(options);
  TileMaker maker(map, options, threads);
  const geo::Box bounds = job_bounds(options, maker);
  TilePlan plan;
  plan.shares.resize(static_cast<std::size_t>(count));
  for (int z = options.zoom.min; z <= options.zoom.max; ++z) {
    geo::throw_if_interrupted(options.output);
    const std::vector<geo::TileId> tiles = geo::tiles_in_hilbert_order(bounds, z);
    ZoomEstimate& zoom = plan.zooms.emplace_back();
    zoom.z = z;
    zoom.tiles = tiles.size();
    if (tiles.empty()) continue;
    maker.prepare_zoom(z, threads);
    const std::vector<std::uint64_t> costs = maker.costs(tiles, threads, &zoom.work);
    const std::vector<std::uint32_t> share = assign_shares(costs, z, count);
    for (std::size_t i = 0; i < tiles.size(); ++i) {
      ++plan.shares[share[i]].tiles;
      plan.shares[share[i]].cost_ns += costs[i];
      zoom.cost_ns += costs[i];
    }
    if (options.progress) {
      const int zooms_done = z - options.zoom.min + 1, zooms = options.zoom.max - options.zoom.min + 1;
      options.progress(static_cast<std::uint64_t>(zooms_done), static_cast<std::uint64_t>(zooms));
    }
  }
  return plan;
}

TileJobResult make_tiles(const styles::MapSpec& spec, const TileJobOptions& options,
                         const geo::GeosContext& geos) {
  return write_tiles(classify_tile_map(spec, options, geos), options);
}

}  // namespace covermap::outputs
