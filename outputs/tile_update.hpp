#pragma once
// Internal to outputs/: an update of an earlier tile output, for write_tiles. Which tiles must be drawn
// again (those showing a unit whose fill changed, as the renderer says: render::TileRenderer::units_drawn),
// and the others copied from the earlier output, checked against what its fills imply.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/tile_math.hpp"
#include "outputs/tile_encoding.hpp"
#include "outputs/tile_sink.hpp"
#include "render/tile_renderer.hpp"
#include "styles/color.hpp"

namespace covermap::outputs {

class TileUpdate {
 public:
  // EarlierTilesMismatch naming `earlier_path` when the two lists are not of the same units.
  TileUpdate(const std::vector<std::optional<styles::Color>>& before,
             const std::vector<std::optional<styles::Color>>& after, std::string earlier_path);

  std::size_t changed_units() const { return changed_count_; }

  // Of one zoom's tiles (the zoom `renderer` is prepared for), those to draw again, in their order; the
  // other tiles that show a unit are remembered for copy_kept.
  std::vector<geo::TileId> tiles_to_draw(const render::TileRenderer& renderer,
                                         const std::vector<geo::TileId>& tiles);

  // Puts every remembered tile into `sink` with the earlier output's bytes, and returns how many. Throws
  // EarlierTilesMismatch when the earlier output does not hold exactly the tiles drawn again and those
  // remembered; the sink is then to be abandoned, uncommitted.
  std::uint64_t copy_kept(TileFormat format, TileSink& sink);

  // When no unit changed: puts every tile of the earlier output into `sink` as it is, without preparing any
  // zoom; EarlierTilesMismatch for a tile outside `zoom`.
  std::uint64_t copy_all(TileFormat format, const geo::ZoomRange& zoom, TileSink& sink);

 private:
  bool shows_change(const std::vector<std::uint32_t>& units) const;

  std::string earlier_path_;
  std::vector<bool> changed_;
  std::size_t changed_count_ = 0;
  std::vector<std::uint64_t> kept_;     // PMTiles ids of the tiles to copy
  std::vector<std::uint64_t> redrawn_;  // and of those drawn again
};

}  // namespace covermap::outputs
