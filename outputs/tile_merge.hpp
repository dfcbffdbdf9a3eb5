#pragma once
// `covermap merge`: the parts of a tile job made in shares (outputs/tile_shards.hpp) joined into one tile
// set, byte for byte what a single run of the job writes: the tiles are streamed from each part into the
// same sinks a run writes to, which sort and deduplicate at commit whatever order tiles come in.
#include <cstdint>
#include <string>
#include <vector>

#include "outputs/tile_sink.hpp"

namespace covermap::outputs {

struct MergeResult {
  std::uint64_t tiles = 0;
  int parts = 0;
  std::string zoom;  // "A-B"
};

// Refuses, before writing anything, a file that is not a part, parts of different jobs, a share given twice
// and a missing share; a part whose tiles do not match its digest (damaged) is refused as it is read, and
// nothing is written then either. Every refusal is an InputError naming the part (or `output` for a missing
// share).
// The output's index of tiles stays within `memory` (see TileSinkMemory), so a merge's memory does not grow
// with the number of tiles: parts are read one directory or row at a time.
MergeResult merge_tile_parts(const std::vector<std::string>& parts, const std::string& output,
                             const TileSinkMemory& memory = {});

}  // namespace covermap::outputs
