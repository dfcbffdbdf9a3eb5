#include "app/tiles_command.hpp"

#include <algorithm>
#include <iostream>

#include "app/commands.hpp"
#include "app/map_file.hpp"
#include "app/progress_line.hpp"
#include "geo/error.hpp"
#include "geo/number.hpp"
#include "outputs/tile_job.hpp"

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

int run_tiles(const std::string& map_path, const TilesOptions& options) {
  outputs::TileJobOptions job;
  job.output = options.output;
  job.zoom = options.zoom;
  job.threads = options.threads;
  job.tile_size = options.tile_size;
  job.format = outputs::parse_tile_format(options.format);
  job.bounds = options.bounds;
  job.allow_unmatched = options.allow_unmatched;
  job.zoom_text = options.zoom_text;
  job.confirmed = options.yes;
  ProgressLine progress("tiles", options.progress);
  job.progress = [&](std::uint64_t done, std::uint64_t total) { progress.update(done, total); };
  const geo::GeosContext geos;
  const outputs::TileJobResult result = outputs::make_tiles(load_map_file(map_path), job, geos);
  std::cout << "wrote " << options.output << " (" << result.written << " tiles of " << result.total
            << ", zoom " << options.zoom.min << "-" << options.zoom.max << ", "
            << static_cast<long>(static_cast<double>(result.total) / std::max(result.seconds, 1e-3))
            << " tiles/s on " << result.threads << (result.threads == 1 ? " thread" : " threads") << ")\n";
  return kDone;
}

}  // namespace covermap::app
