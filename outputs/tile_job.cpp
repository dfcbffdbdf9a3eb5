#include "outputs/tile_job.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <thread>

#include "geo/error.hpp"
#include "geo/interrupt.hpp"
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
  if (!spec.path.empty()) {
    std::filesystem::path output = std::filesystem::absolute(options.output).lexically_normal();
    if (output.filename().empty()) output = output.parent_path();  // "web/" is the folder "web"
    const std::filesystem::path folder = output.parent_path();
    info.map_file =
        std::filesystem::absolute(spec.path).lexically_normal().lexically_relative(folder).generic_string();
  }
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

TileMap classify_tile_map(const styles::MapSpec& spec, const TileJobOptions& options,
                          const geo::GeosContext& geos) {
  const bool vector = options.format == TileFormat::mvt;
  if (!vector && options.tile_size != 256 && options.tile_size != 512)
    throw InputError("--tile-size", "tile size " + std::to_string(options.tile_size), "use 256 or 512");
  require_confirmed_zoom(options);
  styles::BoundaryStore store(geos, {spec});
  styles::JoinedMap joined = styles::join_map(spec, store, geos);
  styles::require_clean_join(joined, options.output, options.allow_unmatched);
  TileMap map{spec, styles::classify_units(joined), {}, {}};
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

TileJobResult write_tiles(TileMap map, const TileJobOptions& options, const EarlierTiles* earlier) {
  const bool vector = map.vector.has_value();
  if (vector && earlier)  // a vector tile carries values and names, not just fills: no update by fills
    throw std::logic_error("write_tiles: vector tiles are not updated from an earlier output");
  TileJobResult result;
  result.threads = options.threads > 0 ? options.threads
                                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::optional<TileUpdate> update;
  if (earlier) update.emplace(earlier->fills, unit_fills(map), options.output);
  // One of the two: the raster renderer, or the vector tile builder (which has its own renderer on the
  // vector tiles' grid, and its own GEOS context on this thread).
  std::optional<render::TileRenderer> raster;
  std::optional<geo::GeosContext> builder_geos;
  std::optional<render::VectorTileBuilder> builder;
  if (vector) {
    builder_geos.emplace();
    builder.emplace(std::move(map.units), *builder_geos, result.threads);
  } else {
    raster.emplace(std::move(map.units),
                   raster_tile_style(map.spec, options.tile_size));
  }
  const geo::Box bounds =
      options.bounds.value_or(vector ? builder->lon_lat_bounds() : raster->lon_lat_bounds());
  require_confirmed_count(options, tile_count(bounds, options.zoom));

  auto sink = open_tile_sink(options.output, options.format);
  std::vector<std::vector<geo::TileId>> tiles_of_zoom;
  for (int z = options.zoom.min; z <= options.zoom.max; ++z) {
    tiles_of_zoom.push_back(geo::tiles_in_hilbert_order(bounds, z));
    result.total += tiles_of_zoom.back().size();
  }

  std::uint64_t done = 0;
  const auto emit = [&](const geo::TileId& tile, std::string&& encoded) {
    geo::throw_if_interrupted(options.output);
    if (!encoded.empty()) {  // tiles outside every unit are left out: web maps show nothing there
      sink->put(tile, encoded);
      ++result.written;
    }
    if (options.progress) options.progress(++done, result.total);
  };
  const auto make_vector_worker = [&]() -> render::TileMaker {
    auto encoder = std::make_shared<VectorTileEncoder>(*map.vector);
    auto worker_geos = std::make_shared<geo::GeosContext>();
    return [&, encoder, worker_geos](const geo::TileId& tile) {
      return encoder->encode(builder->build(tile, *worker_geos));
    };
  };
  const auto started = std::chrono::steady_clock::now();
  // Same fills (only the title or the legend's text changed, say): the tiles are copied, no zoom prepared.
  if (update && update->changed_units() == 0) {
    result.written = update->copy_all(options.format, options.zoom, *sink);
    tiles_of_zoom.clear();
    if (options.progress) options.progress(result.total, result.total);
  }
  for (const auto& tiles : tiles_of_zoom) {
    if (tiles.empty()) continue;
    geo::throw_if_interrupted(options.output);
    const int z = tiles.front().z;
    if (vector) {
      builder->prepare_zoom(z, result.threads);
      result.rendered += tiles.size();
      render::make_tiles_in_order(tiles, result.threads, make_vector_worker, emit);
      continue;
    }
    raster->prepare_zoom(z, result.threads);
    // An update draws only the tiles showing a changed unit; the others count as done at once.
    const std::vector<geo::TileId> draw = update ? update->tiles_to_draw(*raster, tiles) : tiles;
    done += tiles.size() - draw.size();
    if (options.progress) options.progress(done, result.total);
    result.rendered += draw.size();
    render::render_tiles(
        *raster, draw, result.threads,
        [&](const render::TileRaster& tile_raster) { return encode_raster(tile_raster, options.format); },
        emit);
  }
  if (update && update->changed_units() > 0) result.written += update->copy_kept(options.format, *sink);
  sink->commit(tile_set_info(map.spec, map.classified, options, bounds, vector ? &*map.vector : nullptr));
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

TileJobResult make_tiles(const styles::MapSpec& spec, const TileJobOptions& options,
                         const geo::GeosContext& geos) {
  return write_tiles(classify_tile_map(spec, options, geos), options);
}

}  // namespace covermap::outputs
