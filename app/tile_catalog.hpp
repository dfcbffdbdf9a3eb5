#pragma once
// The tile sets `covermap serve` serves, by name, each picked up again when a new build replaces it on disk:
// every request looks at what the path names now, and a set renamed over (as covermap writes every output)
// is opened afresh, while requests already under way finish on the set they began with. A replacement that
// cannot be opened (half-copied by hand, damaged) is reported once and the last good set goes on serving.
// Sets made from a map file can also tell which unit lies under a point.
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "outputs/map_tile_source.hpp"
#include "outputs/tile_source.hpp"
#include "styles/unit_query.hpp"

namespace covermap::app {

struct CatalogEntry {
  std::string name;      // in URLs
  std::string path;      // the tile folder or archive
  std::string map_path;  // the map file the tiles were made from, for queries; may be empty
};

// A map file (*.yaml, *.yml) is drawn on demand (outputs/map_tile_source); anything else is a tile set on
// disk (outputs/tile_source).
bool is_map_file(const std::string& path);
std::unique_ptr<outputs::TileSource> open_served(const std::string& path,
                                                 const outputs::MapTileOptions& map_options = {});

class TileCatalog {
 public:
  using Opener = std::function<std::unique_ptr<outputs::TileSource>(const std::string& path)>;
  using Warn = std::function<void(const std::string& message)>;

  // Opens every set now: an InputError for a set that cannot be opened, or for a name given twice or not
  // usable in URLs.
  TileCatalog(
      std::vector<CatalogEntry> entries, Warn warn,
      Opener open = [](const std::string& path) { return open_served(path); });
  ~TileCatalog();

  struct Set;
  // nullptr when no set has this name.
  const Set* find(std::string_view name) const;
  const std::vector<std::unique_ptr<Set>>& sets() const { return sets_; }
  const std::string& name(const Set& set) const;

  // The set as it is on disk now (reopened when it was replaced since the last request).
  std::shared_ptr<const outputs::TileSource> source(const Set& set) const;

  // The unit under points of the set's map, loaded on first use (and again when the map file changes, or
  // for a map file served itself, its data file); nullptr when the set has no map. Throws InputError when
  // the map cannot be loaded.
  std::shared_ptr<const styles::UnitQuery> query(const Set& set) const;
  bool has_map(const Set& set) const;

 private:
  std::vector<std::unique_ptr<Set>> sets_;
  Warn warn_;
  Opener open_;
};

// The name a path gets in URLs: the file or folder name without its extension ("cover.pmtiles" -> "cover").
std::string tile_set_name(const std::string& path);

// What the command line's paths ask to serve: each named by tile_set_name; a map file is also its own map
// for queries; a project file (app/project_file) is every tile set it makes, each with its map. The
// basemap is the first project's serve.basemap.
struct ServedPaths {
  std::vector<CatalogEntry> entries;
  std::string basemap;
};
// InputError naming the project file and line for a tile set it makes that is not built yet: the sets are
// fixed when the server starts, so one left out could not appear when its build ends (and a project served
// in part would pass for the whole of it).
ServedPaths served_paths(const std::vector<std::string>& paths);
std::vector<CatalogEntry> catalog_entries(const std::vector<std::string>& paths);

}  // namespace covermap::app
