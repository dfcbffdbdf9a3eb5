#include "outputs/map_tile_source.hpp"

#include <list>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <unordered_map>

#include "geo/content_hash.hpp"
#include "outputs/tile_job.hpp"

namespace covermap::outputs {
namespace {

// The map file and its data file, as one identity: either changing is a new map.
std::optional<FileIdentity> map_identity(const std::string& map_path, const std::string& data_path) {
  const auto map = file_identity(map_path);
  if (!map) return std::nullopt;
  const auto data =
      data_path.empty() ? std::optional<FileIdentity>(FileIdentity{}) : file_identity(data_path);
  if (!data) return std::nullopt;
  geo::ContentHash hash;
  for (const FileIdentity& part : {*map, *data})
    hash.add(std::to_string(part.device) + ":" + std::to_string(part.inode) + ":" +
             std::to_string(part.size) + ":" + std::to_string(part.modified_ns));
  FileIdentity combined;
  combined.inode = static_cast<ino_t>(std::stoull(hash.hex().substr(0, 15), nullptr, 16));
  combined.size = map->size + data->size;
  combined.modified_ns = std::max(map->modified_ns, data->modified_ns);
  return combined;
}

// Drawn tiles by z/x/y, the least recently used dropped past a byte bound. An empty tile is kept as "".
class TileCache {
 public:
  explicit TileCache(std::size_t max_bytes) : max_bytes_(max_bytes) {}

  std::optional<std::string> find(std::uint64_t key) {
    const std::lock_guard lock(mutex_);
    const auto found = index_.find(key);
    if (found == index_.end()) return std::nullopt;
    order_.splice(order_.begin(), order_, found->second);
    return found->second->second;
  }

  void put(std::uint64_t key, const std::string& bytes) {
    const std::lock_guard lock(mutex_);
    if (index_.count(key)) return;
    order_.emplace_front(key, bytes);
    index_[key] = order_.begin();
    bytes_ += bytes.size() + kEntryBytes;
    while (bytes_ > max_bytes_ && !order_.empty()) {
      bytes_ -= order_.back().second.size() + kEntryBytes;
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }

 private:
  static constexpr std::size_t kEntryBytes = 64;  // the list and map nodes of an entry, roughly
  std::mutex mutex_;
  std::list<std::pair<std::uint64_t, std::string>> order_;
  std::unordered_map<std::uint64_t, std::list<std::pair<std::uint64_t, std::string>>::iterator> index_;
  std::size_t bytes_ = 0;
  const std::size_t max_bytes_;
};

class MapTileSource : public TileSource {
 public:
  MapTileSource(const styles::MapSpec& spec, const MapTileOptions& options)
      : TileSource(spec.path), data_path_(spec.data.source), options_(options), cache_(options.cache_bytes) {
    const auto identity = map_identity(spec.path, data_path_);
    if (identity) identity_ = *identity;
    const geo::GeosContext geos;
    styles::BoundaryStore store(geos, {spec});
    styles::JoinedMap joined = styles::join_map(spec, store, geos);
    const styles::ClassifiedUnits classified = styles::classify_units(joined);
    renderer_ = std::make_unique<render::TileRenderer>(tile_units(joined, classified),
                                                       raster_tile_style(spec, options.tile_size));
    TileJobOptions job;
    job.output = spec.path;
    job.zoom = options.zoom;
    job.tile_size = options.tile_size;
    job.format = options.format;
    const TileSetInfo info = tile_set_info(spec, classified, job, renderer_->lon_lat_bounds());
    facts_.kind = TileSinkKind::directory;  // nothing to serve as an archive
    facts_.extension = tile_format_name(options.format);
    facts_.min_zoom = options.zoom.min;
    facts_.max_zoom = options.zoom.max;
    facts_.bounds = info.bounds;
    nlohmann::ordered_json stored = tilejson(spec.path, info);
    stored["covermap"].erase("map");  // the set is the map itself
    facts_.tilejson = detail::describe_tile_set(stored, facts_, info.center, info.center_zoom);
  }

  std::optional<FileIdentity> identity_on_disk() const override { return map_identity(path(), data_path_); }

  std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y) const override {
    const std::uint64_t key = geo::pmtiles_tile_id({z, x, y});
    std::optional<std::string> bytes = cache_.find(key);
    if (!bytes) {
      bytes = draw({z, x, y});
      cache_.put(key, *bytes);
    }
    if (bytes->empty()) return std::nullopt;
    return bytes;
  }

 private:
  std::string draw(const geo::TileId& tile) const {
    thread_local std::unique_ptr<render::Workspace> workspace;
    thread_local int workspace_size = 0;
    if (!workspace || workspace_size != options_.tile_size) {
      workspace = std::make_unique<render::Workspace>(options_.tile_size);
      workspace_size = options_.tile_size;
    }
    for (;;) {
      {
        const std::shared_lock drawing(zoom_mutex_);
        if (prepared_zoom_ == tile.z) {
          render::TileRaster raster = renderer_->render(tile, *workspace);
          std::string bytes = encode_raster(raster, options_.format);
          workspace->recycle(std::move(raster.pixels));
          return bytes;
        }
      }
      const std::unique_lock preparing(zoom_mutex_);
      if (prepared_zoom_ != tile.z) {
        const int threads = options_.threads > 0
                                ? options_.threads
                                : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
        renderer_->prepare_zoom(tile.z, threads);
        prepared_zoom_ = tile.z;
      }
    }
  }

  std::string data_path_;
  MapTileOptions options_;
  std::unique_ptr<render::TileRenderer> renderer_;
  mutable std::shared_mutex zoom_mutex_;  // shared while drawing, exclusive while preparing another zoom
  mutable int prepared_zoom_ = -1;
  mutable TileCache cache_;
};

}  // namespace

std::unique_ptr<TileSource> open_map_tile_source(const styles::MapSpec& spec, const MapTileOptions& options) {
  return std::make_unique<MapTileSource>(spec, options);
}

}  // namespace covermap::outputs
