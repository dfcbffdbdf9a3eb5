#include "app/tiles_command.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/build_inputs.hpp"
#include "app/commands.hpp"
#include "app/map_file.hpp"
#include "app/progress_line.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/number.hpp"
#include "outputs/tile_job.hpp"
#include "outputs/tile_merge.hpp"
#include "outputs/tile_sink.hpp"
#include "styles/classify.hpp"

namespace covermap::app {

std::optional<geo::ZoomRange> parse_zoom_range(const std::string& text) {
  const auto dash = text.find('-', 1);  // not a leading minus: "-1" is not a range
  const auto min = geo::parse_integer(text.substr(0, dash));
  const auto max = dash == std::string::npos ? min : geo::parse_integer(text.substr(dash + 1));
  if (!min || !max || *min < 0 || *max > kMaxZoom || *min > *max) return std::nullopt;
  return geo::ZoomRange{static_cast<int>(*min), static_cast<int>(*max)};
}

std::optional<geo::Box> parse_bounds(const std::string& text) {
  double v[4];
  std::size_t start = 0;
  for (int i = 0; i < 4; ++i) {
    const std::size_t comma = i < 3 ? text.find(',', start) : text.size();
    if (comma == std::string::npos) return std::nullopt;
    const auto number = geo::parse_number(std::string_view(text).substr(start, comma - start));
    if (!number) return std::nullopt;
    v[i] = *number;
    start = comma + 1;
  }
  if (!(v[0] < v[2] && v[1] < v[3] && v[0] >= -180 && v[2] <= 180 && v[1] >= -90 && v[3] <= 90))
    return std::nullopt;
  return geo::Box{v[0], v[1], v[2], v[3]};
}

namespace {

// The hash every part of a job carries: covermap itself, the map file, the boundaries and data (their
// bytes, as `covermap build` hashes them), the tile settings and how many shares.
std::string job_hash(const std::string& map_path, const styles::MapSpec& spec, const TilesOptions& options,
                     int count) {
  ProjectTiles tiles;
  tiles.zoom = options.zoom;
  tiles.tile_size = options.tile_size;
  tiles.format = options.format;
  tiles.bounds = options.bounds;
  geo::ContentHash hash;
  for (const auto& [name, input] :
       InputHasher(map_path, InputHasher::Remote::by_content).tile_inputs(spec, tiles))
    hash.add(name).add(input);
  hash.add("shares " + std::to_string(count));
  return hash.hex();
}

std::string seconds_text(std::uint64_t ns) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", static_cast<double>(ns) / 1e9);
  return text;
}

std::string percent_text(std::uint64_t part, std::uint64_t whole) {
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%",
                whole ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0);
  return text;
}

// `setup_seconds`: how long this plan took to load the map and prepare every zoom, which every share does
// again before its own tiles.
void print_plan(const outputs::TilePlan& plan, const TilesOptions& options, double setup_seconds) {
  std::uint64_t tiles = 0, cost = 0;
  for (const auto& share : plan.shares) tiles += share.tiles, cost += share.cost_ns;
  std::cout << "plan: zoom " << options.zoom.min << "-" << options.zoom.max << " in " << plan.shares.size()
            << " shares, " << styles::format_count(tiles) << " tiles, estimated " << seconds_text(cost)
            << " on one core\n";
  for (const auto& zoom : plan.zooms)
    std::cout << "zoom " << zoom.z << ": " << styles::format_count(zoom.tiles) << " tiles, "
              << styles::format_count(zoom.work.drawn) << " drawn, "
              << styles::format_count(zoom.work.vertices) << " vertices drawn, estimated "
              << seconds_text(zoom.cost_ns) << "\n";
  for (std::size_t k = 0; k < plan.shares.size(); ++k)
    std::cout << "share " << k << "/" << plan.shares.size() << ": "
              << styles::format_count(plan.shares[k].tiles) << " tiles, estimated "
              << seconds_text(plan.shares[k].cost_ns) << " (" << percent_text(plan.shares[k].cost_ns, cost)
              << ")\n";
  std::cout << "each share first loads the map and prepares every zoom, as this plan did: "
            << seconds_text(static_cast<std::uint64_t>(setup_seconds * 1e9)) << " here\n";
}

}  // namespace

int run_tiles(const std::string& map_path, const TilesOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  outputs::TileJobOptions job;
  job.output = options.output;
  job.zoom = options.zoom;
  job.threads = options.threads;
  job.tile_size = options.tile_size;
  job.format = outputs::parse_tile_format(options.format);
  job.bounds = options.bounds;
  job.allow_unmatched = options.allow_unmatched;
  job.zoom_text = options.zoom_text;
  job.confirmed = options.yes || options.plan > 0;  // a plan makes nothing: a large one needs no --yes
  const styles::MapSpec spec = load_map_file(map_path);
  if (!options.shard.empty()) {
    outputs::ShardSpec shard;
    if (!outputs::parse_shard(options.shard, shard.index, shard.count))
      throw UsageError("--shard", "'" + options.shard + "' is not K/N with 0 <= K < N",
                       "e.g. --shard 0/4 to --shard 3/4");
    if (outputs::tile_sink_kind(options.output) == outputs::TileSinkKind::directory)
      throw UsageError(options.output, "a share is written to one file",
                       "name the part PART.pmtiles or PART.mbtiles; covermap merge writes any kind");
    shard.job = job_hash(map_path, spec, options, shard.count);
    job.shard = shard;
  }
  ProgressLine progress(options.plan > 0 ? "zooms" : "tiles", options.progress);
  job.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  const geo::GeosContext geos;
  if (options.plan > 0) {
    const outputs::TilePlan plan =
        outputs::plan_tiles(outputs::classify_tile_map(spec, job, geos), job, options.plan);
    print_plan(plan, options,
               std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    return kDone;
  }
  const outputs::TileJobResult result = outputs::make_tiles(spec, job, geos);
  std::cout << "wrote " << options.output << " (";
  if (job.shard)
    std::cout << "share " << options.shard << ": " << result.written << " tiles of " << result.share_tiles
              << " in the share, " << result.total << " in the range";
  else
    std::cout << result.written << " tiles of " << result.total;
  std::cout << ", zoom " << options.zoom.min << "-" << options.zoom.max << ", "
            << static_cast<long>(static_cast<double>(result.share_tiles) / std::max(result.seconds, 1e-3))
            << " tiles/s on " << result.threads << (result.threads == 1 ? " thread" : " threads") << ")\n";
  return kDone;
}

int run_merge(const std::vector<std::string>& parts, const std::string& output) {
  const outputs::MergeResult result = outputs::merge_tile_parts(parts, output);
  std::cout << "wrote " << output << " (" << result.tiles << " tiles from " << result.parts
            << (result.parts == 1 ? " part" : " parts") << ", zoom " << result.zoom << ")\n";
  return kDone;
}

}  // namespace covermap::app
