#pragma once
// Re-checks a PMTiles archive (covermap's or anyone's) against itself, as a step after writing or merging.
#include <string>
#include <vector>

#include "outputs/pmtiles_reader.hpp"

namespace covermap::outputs {

// The problems found, one line each, empty when the archive is consistent:
// - the root directory ends within the first 16 KiB;
// - the header's addressed tiles, tile entries and tile contents match the directories (0 means unknown);
// - when clustered, each new content starts where the previous one ended and each repeat points at the
//   start of an earlier content, with no bytes of the tile data section left unused;
// - min and max zoom are those of the first and last tile, and every tile lies inside the header's bounds.
// Damage that stops the directories being read in order (see PmtilesReader::for_each_entry; entries outside
// the tile data section are among it) ends the check and is the last problem listed. Per-tile problems are
// listed up to a limit and then counted. Memory: 8 bytes per distinct content (clustered) or per entry.
std::vector<std::string> verify_pmtiles(const PmtilesReader& reader);

}  // namespace covermap::outputs
