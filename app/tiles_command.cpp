#include "app/tiles_command.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>

#include "app/commands.hpp"
#include "app/map_file.hpp"
#include "app/progress_line.hpp"
#include "geo/error.hpp"
#include "outputs/tile_job.hpp"

namespace covermap::app {

std::optional<geo::ZoomRange> parse_zoom_range(const std::string& text) {
  int min = -1, max = -1;
  char dash = 0;
  std::istringstream in(text);
  if (!(in >> min)) return std::nullopt;
  if (in >> dash) {
    if (dash != '-' || !(in >> max)) return std::nullopt;
    char extra;
    if (in >> extra) return std::nullopt;
  } else {
    max = min;
  }
  if (min < 0 || max > 22 || min > max) return std::nullopt;
  return geo::ZoomRange{min, max};
}

std::optional<geo::Box> parse_bounds(const std::string& text) {
  double v[4];
  char comma[3];
  std::istringstream in(text);
  if (!(in >> v[0] >> comma[0] >> v[1] >> comma[1] >> v[2] >> comma[2] >> v[3])) return std::nullopt;
  if (comma[0] != ',' || comma[1] != ',' || comma[2] != ',') return std::nullopt;
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
