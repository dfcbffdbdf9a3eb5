#pragma once
// A map file's tiles drawn on demand, for `covermap serve MAP.yaml`: a tile set that is never written,
// so a map can be looked at on the web while it is being made. The map is joined and classified when the
// source opens; each tile is drawn when first asked for and kept (up to a memory bound) until the source
// goes. Drawing needs a zoom's geometry prepared: one zoom at a time, so moving between zooms costs a
// preparation (a fraction of a second for China's counties), and tiles already drawn are kept.
#include <memory>
#include <string>

#include "geo/tile_math.hpp"
#include "outputs/tile_encoding.hpp"
#include "outputs/tile_source.hpp"
#include "styles/map_spec.hpp"

namespace covermap::outputs {

struct MapTileOptions {
  geo::ZoomRange zoom{0, 10};
  int tile_size = 256;
  TileFormat format = TileFormat::png;
  int threads = 0;                                   // to prepare a zoom; 0: one per core
  std::size_t cache_bytes = std::size_t{128} << 20;  // tiles kept once drawn
};

// The set changes on disk (identity_on_disk) when the map file or its data file does. The join need not be
// clean: what does not join is left without data, as the preview of a map still being made.
std::unique_ptr<TileSource> open_map_tile_source(const styles::MapSpec& spec, const MapTileOptions& options);

}  // namespace covermap::outputs
