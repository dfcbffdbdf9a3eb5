#pragma once
// Reads an MBTiles file (SQLite, opened read-only): its metadata, a tile by z/x/y, and every tile in order.
// The file stores TMS rows (from the south); callers see XYZ rows (from the north), flipped by geo::tms_row,
// the same function the writer uses. Every SQLite call is checked; problems are InputErrors naming the file.
// A reader keeps a prepared statement, so use one reader per thread.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "geo/tile_math.hpp"
#include "outputs/sqlite_handles.hpp"

namespace covermap::outputs {

class MbtilesReader {
 public:
  // InputError naming `path` when it cannot be opened or has no `tiles` table or view.
  explicit MbtilesReader(const std::string& path);

  // A file that is replaced by renaming, never written in place (as covermap writes every output): SQLite
  // then takes no file lock per query (its locks go through one process-wide mutex, which many readers in
  // one process queue on), and keeps at most `cache_kib` KiB of pages of its own.
  struct Unchanging {
    int cache_kib = 256;
  };
  MbtilesReader(const std::string& path, Unchanging options);

  const std::string& path() const { return db_.path(); }

  // The `metadata` table as name -> value.
  std::map<std::string, std::string> metadata();

  // The lowest and highest zoom_level the tiles hold; nullopt when there are none.
  std::optional<std::pair<int, int>> zoom_levels();

  // One tile's bytes by z/x/y with y from the north; nullopt when absent or impossible.
  std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y);

  // Every tile by zoom, then column, then row from the south: the order of the usual (zoom_level,
  // tile_column, tile_row) index, so SQLite streams it without sorting. `bytes` lives until visit returns.
  void for_each_tile(const std::function<void(const geo::TileId& tile, std::string_view bytes)>& visit);

 private:
  void prepare_queries();

  SqliteDatabase db_;
  SqliteStatementPtr tile_query_;
};

}  // namespace covermap::outputs
