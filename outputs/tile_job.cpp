#include "outputs/tile_job.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "geo/error.hpp"
#include "geo/interrupt.hpp"
#include "outputs/tile_sink.hpp"
#include "render/render_tiles.hpp"
#include "render/tile_renderer.hpp"
#include "styles/choropleth.hpp"
#include "styles/classify.hpp"
#include "styles/legend.hpp"

namespace covermap::outputs {
namespace {

// The zoom a web map opens at, within the pyramid: 4 shows China whole on a laptop screen.
constexpr int kPreferredCenterZoom = 4;

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
                          const TileJobOptions& options, const geo::Box& bounds) {
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
  info.legend = nlohmann::ordered_json::array();
  for (const auto& entry : styles::legend_entries(classified.classification, classified.class_of_unit,
                                                  style.legend, style.no_data))
    info.legend.push_back({{"label", entry.label}, {"color", entry.fill.hex()}});
  return info;
}

std::string encode(const render::TileRaster& raster, TileFormat format) {
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

}  // namespace

TileJobResult make_tiles(const styles::MapSpec& spec, const TileJobOptions& options,
                         const geo::GeosContext& geos) {
  if (options.tile_size != 256 && options.tile_size != 512)
    throw InputError("--tile-size", "tile size " + std::to_string(options.tile_size), "use 256 or 512");
  require_confirmed_zoom(options);
  styles::BoundaryStore store(geos, {spec});
  styles::JoinedMap joined = styles::join_map(spec, store, geos);
  styles::require_clean_join(joined, options.output, options.allow_unmatched);
  const styles::ClassifiedUnits classified = styles::classify_units(joined);

  render::TileRenderer renderer(tile_units(joined, classified),
                                {spec.style.borders, spec.style.no_data, options.tile_size});
  const geo::Box bounds = options.bounds.value_or(renderer.lon_lat_bounds());
  require_confirmed_count(options, tile_count(bounds, options.zoom));

  auto sink = open_tile_sink(options.output, options.format);
  std::vector<std::vector<geo::TileId>> tiles_of_zoom;
  TileJobResult result;
  for (int z = options.zoom.min; z <= options.zoom.max; ++z) {
    tiles_of_zoom.push_back(geo::tiles_in_hilbert_order(bounds, z));
    result.total += tiles_of_zoom.back().size();
  }

  result.threads = options.threads > 0 ? options.threads
                                       : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  std::uint64_t done = 0;
  const auto started = std::chrono::steady_clock::now();
  for (const auto& tiles : tiles_of_zoom) {
    if (tiles.empty()) continue;
    geo::throw_if_interrupted(options.output);
    renderer.prepare_zoom(tiles.front().z, result.threads);
    render::render_tiles(
        renderer, tiles, result.threads,
        [&](const render::TileRaster& raster) { return encode(raster, options.format); },
        [&](const geo::TileId& tile, std::string&& encoded) {
          geo::throw_if_interrupted(options.output);
          if (!encoded.empty()) {  // tiles outside every unit are left out: web maps show nothing there
            sink->put(tile, encoded);
            ++result.written;
          }
          if (options.progress) options.progress(++done, result.total);
        });
  }
  sink->commit(tile_set_info(spec, classified, options, bounds));
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return result;
}

}  // namespace covermap::outputs
