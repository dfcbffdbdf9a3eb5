#include "app/tile_catalog.hpp"

#include <filesystem>
#include <set>

#include "app/map_file.hpp"
#include "app/project_file.hpp"
#include "app/tile_route.hpp"
#include "geo/error.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;

// The map file a covermap tile set names in its TileJSON ("covermap": {"map": ...}, relative to the set's
// folder), when it is there.
std::string map_named_by(const outputs::TileSource& source) {
  const auto& tilejson = source.facts().tilejson;
  const auto covermap = tilejson.find("covermap");
  if (covermap == tilejson.end() || !covermap->is_object()) return {};
  const auto map = covermap->find("map");
  if (map == covermap->end() || !map->is_string()) return {};
  fs::path set = fs::path(source.path()).lexically_normal();
  if (set.filename().empty()) set = set.parent_path();  // "web/" is the folder "web"
  const fs::path folder = set.parent_path();
  const fs::path path = folder / map->get<std::string>();
  std::error_code error;
  return fs::is_regular_file(path, error) ? path.string() : std::string();
}

// What `covermap build` leaves when it has made a tile set: the archive, or the folder with its TileJSON.
bool tile_set_built(const std::string& output) {
  std::error_code error;
  if (outputs::tile_sink_kind(output) != outputs::TileSinkKind::directory)
    return fs::is_regular_file(output, error);
  return fs::is_regular_file(outputs::tilejson_path(output), error);
}

}  // namespace

bool is_map_file(const std::string& path) {
  const std::string extension = fs::path(path).extension().string();
  return extension == ".yaml" || extension == ".yml";
}

std::unique_ptr<outputs::TileSource> open_served(const std::string& path,
                                                 const outputs::MapTileOptions& map_options) {
  if (is_map_file(path)) return outputs::open_map_tile_source(load_map_file(path), map_options);
  return outputs::open_tile_source(path);
}

ServedPaths served_paths(const std::vector<std::string>& paths) {
  ServedPaths served;
  for (const auto& path : paths) {
    if (!is_map_file(path) || !is_project_file(path)) {
      served.entries.push_back({tile_set_name(path), path, is_map_file(path) ? path : ""});
      continue;
    }
    const Project project = load_project(path);
    if (served.basemap.empty()) served.basemap = project.basemap;
    const std::size_t before = served.entries.size();
    for (const ProjectMap& map : project.maps)
      for (const ProjectTiles& tiles : map.tiles) {
        if (!tile_set_built(tiles.output))
          throw input_error_at_row(path, tiles.line, "the tiles " + tiles.output + " are not built yet",
                                   "run covermap build " + path + " first");
        served.entries.push_back({tile_set_name(tiles.output), tiles.output, map.map});
      }
    if (served.entries.size() == before)
      throw InputError(path, "this project makes no tile sets to serve",
                       "add tiles: {output: NAME.pmtiles, zoom: 0-8} to a map");
  }
  return served;
}

std::vector<CatalogEntry> catalog_entries(const std::vector<std::string>& paths) {
  return served_paths(paths).entries;
}

struct TileCatalog::Set {
  CatalogEntry entry;
  mutable std::mutex mutex;
  mutable std::shared_ptr<const outputs::TileSource> current;
  mutable std::optional<outputs::FileIdentity> refused;  // a replacement that could not be opened
  mutable std::mutex query_mutex;                        // held while a map loads: others wait for it
  mutable std::shared_ptr<const styles::UnitQuery> query;
  mutable std::optional<outputs::FileIdentity> query_map;
};

std::string tile_set_name(const std::string& path) {
  fs::path p = fs::path(path).lexically_normal();
  if (p.filename().empty()) p = p.parent_path();  // "tiles/" -> "tiles"
  if (outputs::tile_sink_kind(p.string()) == outputs::TileSinkKind::directory && !is_map_file(p.string()))
    return p.filename().string();
  return p.stem().string();
}

TileCatalog::TileCatalog(std::vector<CatalogEntry> entries, Warn warn, Opener open)
    : warn_(std::move(warn)), open_(std::move(open)) {
  std::set<std::string> names;
  for (auto& entry : entries) {
    if (!is_tile_set_name(entry.name))
      throw InputError(entry.path, "cannot be served as \"" + entry.name + "\"",
                       "rename it: tile set names may not be empty, start with '_' or be 'healthz'");
    if (!names.insert(entry.name).second)
      throw InputError(entry.path, "another tile set is also named \"" + entry.name + "\"",
                       "serve one of them, or rename one");
    auto set = std::make_unique<Set>();
    set->current = open_(entry.path);
    if (entry.map_path.empty()) entry.map_path = map_named_by(*set->current);
    set->entry = std::move(entry);
    sets_.push_back(std::move(set));
  }
}

TileCatalog::~TileCatalog() = default;

const TileCatalog::Set* TileCatalog::find(std::string_view name) const {
  for (const auto& set : sets_)
    if (set->entry.name == name) return set.get();
  return nullptr;
}

const std::string& TileCatalog::name(const Set& set) const {
  return set.entry.name;
}

bool TileCatalog::has_map(const Set& set) const {
  return !set.entry.map_path.empty();
}

std::shared_ptr<const outputs::TileSource> TileCatalog::source(const Set& set) const {
  std::shared_ptr<const outputs::TileSource> current;
  std::optional<outputs::FileIdentity> refused;
  {
    const std::lock_guard lock(set.mutex);
    current = set.current;
    refused = set.refused;
  }
  // Nothing at the path (a folder between its two renames), the same file, or one already refused: serve
  // what is open. The look at the disk is outside the lock, so requests do not queue for it.
  const auto now = current->identity_on_disk();
  if (!now || *now == current->identity() || (refused && *now == *refused)) return current;
  const std::lock_guard lock(set.mutex);
  // Another request opened it, or failed to, meanwhile.
  if (set.current != current || (set.refused && *now == *set.refused)) return set.current;
  try {
    set.current = open_(set.entry.path);
    set.refused.reset();
  } catch (const std::exception& error) {
    set.refused = now;
    warn_(std::string("kept the earlier tiles of \"") + set.entry.name + "\": " + error.what());
  }
  return set.current;
}

std::shared_ptr<const styles::UnitQuery> TileCatalog::query(const Set& set) const {
  if (set.entry.map_path.empty()) return nullptr;
  // A map file served itself answers as its tiles stand (map and data file); an archive's map by its file.
  const auto map = set.entry.map_path == set.entry.path ? std::optional(source(set)->identity())
                                                        : outputs::file_identity(set.entry.map_path);
  const std::lock_guard lock(set.query_mutex);
  if (set.query && (!map || map == set.query_map)) return set.query;
  const geo::GeosContext geos;
  styles::BoundaryStore store(geos);
  styles::JoinedMap joined = styles::join_map(load_map_file(set.entry.map_path), store, geos);
  const styles::ClassifiedUnits classified = styles::classify_units(joined);
  set.query = std::make_shared<const styles::UnitQuery>(std::move(joined), classified);
  set.query_map = map;
  return set.query;
}

}  // namespace covermap::app
