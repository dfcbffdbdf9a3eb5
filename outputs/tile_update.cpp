#include "outputs/tile_update.hpp"

#include <algorithm>

#include "outputs/stored_tiles.hpp"
#include "outputs/tile_job.hpp"

namespace covermap::outputs {
namespace {

std::string tile_name(const geo::TileId& tile) {
  return std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y);
}

constexpr const char* kRebuildHint = "it changed since it was written; a full rebuild replaces it";

}  // namespace

TileUpdate::TileUpdate(const std::vector<std::optional<styles::Color>>& before,
                       const std::vector<std::optional<styles::Color>>& after, std::string earlier_path)
    : earlier_path_(std::move(earlier_path)), changed_(after.size(), false) {
  if (before.size() != after.size())
    throw EarlierTilesMismatch(
        earlier_path_,
        "was drawn from " + std::to_string(before.size()) + " units, not " + std::to_string(after.size()),
        kRebuildHint);
  for (std::size_t i = 0; i < after.size(); ++i) {
    changed_[i] = before[i] != after[i];
    changed_count_ += changed_[i] ? 1 : 0;
  }
}

bool TileUpdate::shows_change(const std::vector<std::uint32_t>& units) const {
  return std::any_of(units.begin(), units.end(), [&](std::uint32_t unit) { return changed_[unit]; });
}

std::vector<geo::TileId> TileUpdate::tiles_to_draw(const render::TileRenderer& renderer,
                                                   const std::vector<geo::TileId>& tiles) {
  std::vector<geo::TileId> draw;
  for (const geo::TileId& tile : tiles) {
    const std::vector<std::uint32_t> units = renderer.units_drawn(tile);
    if (units.empty()) continue;  // left out of every output: nothing to draw, nothing to copy
    if (shows_change(units)) {
      draw.push_back(tile);
      redrawn_.push_back(geo::pmtiles_tile_id(tile));
    } else {
      kept_.push_back(geo::pmtiles_tile_id(tile));
    }
  }
  return draw;
}

std::uint64_t TileUpdate::copy_kept(TileFormat format, TileSink& sink) {
  std::sort(kept_.begin(), kept_.end());
  std::sort(redrawn_.begin(), redrawn_.end());
  std::uint64_t stored = 0, copied = 0;
  for_each_stored_tile(earlier_path_, format, [&](const geo::TileId& tile, std::string_view bytes) {
    const std::uint64_t id = geo::pmtiles_tile_id(tile);
    ++stored;
    if (std::binary_search(kept_.begin(), kept_.end(), id)) {
      sink.put(tile, bytes);
      ++copied;
    } else if (!std::binary_search(redrawn_.begin(), redrawn_.end(), id)) {
      throw EarlierTilesMismatch(
          earlier_path_, "holds tile " + tile_name(tile) + ", which this map leaves out", kRebuildHint);
    }
  });
  if (stored != kept_.size() + redrawn_.size())
    throw EarlierTilesMismatch(earlier_path_,
                               "holds " + std::to_string(stored) + " tiles where this map has " +
                                   std::to_string(kept_.size() + redrawn_.size()),
                               kRebuildHint);
  return copied;
}

std::uint64_t TileUpdate::copy_all(TileFormat format, const geo::ZoomRange& zoom, TileSink& sink) {
  std::uint64_t copied = 0;
  for_each_stored_tile(earlier_path_, format, [&](const geo::TileId& tile, std::string_view bytes) {
    if (tile.z < zoom.min || tile.z > zoom.max)
      throw EarlierTilesMismatch(
          earlier_path_, "holds tile " + tile_name(tile) + ", outside the zooms asked for", kRebuildHint);
    sink.put(tile, bytes);
    ++copied;
  });
  return copied;
}

}  // namespace covermap::outputs
