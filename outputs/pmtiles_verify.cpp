#include "outputs/pmtiles_verify.hpp"

#include <algorithm>
#include <array>
#include <optional>

#include "geo/error.hpp"
#include "geo/tile_math.hpp"

namespace covermap::outputs {
namespace {

constexpr std::size_t kMaxListedProblems = 20;
// One unit of the header's fixed-point degrees: the bounds may have been rounded by this much.
constexpr double kE7 = 1e-7;

// Keeps the first problems and counts the rest, so a damaged archive of millions of tiles gives a short list.
class Problems {
 public:
  void add(std::string problem) {
    if (listed_.size() < kMaxListedProblems)
      listed_.push_back(std::move(problem));
    else
      ++unlisted_;
  }
  // The list, ending with `last` when given: the problem that stopped the check is never left uncounted.
  std::vector<std::string> take(std::string last = {}) {
    if (unlisted_ > 0) listed_.push_back("and " + std::to_string(unlisted_) + " more problems");
    if (!last.empty()) listed_.push_back(std::move(last));
    return std::move(listed_);
  }

 private:
  std::vector<std::string> listed_;
  std::uint64_t unlisted_ = 0;
};

// "tile 3/6/3 lies" or "tiles 5/8-11/4-7 lie".
std::string describe(const geo::TileRange& tiles) {
  const auto span = [](std::uint32_t first, std::uint32_t last) {
    return first == last ? std::to_string(first) : std::to_string(first) + "-" + std::to_string(last);
  };
  const bool one = tiles.count() == 1;
  return (one ? "tile " : "tiles ") + std::to_string(tiles.z) + "/" + span(tiles.min_x, tiles.max_x) + "/" +
         span(tiles.min_y, tiles.max_y) + (one ? " lies" : " lie");
}

// The tiles of ids [id, id + count) as squares: 4^k ids from a multiple of 4^k within a zoom are one square
// of 2^k x 2^k tiles (the Hilbert curve fills a square before it leaves it), so a long run is a few squares.
template <typename Visit>
void for_each_square(std::uint64_t id, std::uint64_t count, Visit visit) {
  while (count > 0) {
    const geo::TileId tile = geo::tile_from_pmtiles_id(id);
    const std::uint64_t position = id - geo::pmtiles_first_tile_id(tile.z);
    int k = 0;
    while (k < tile.z && position % (std::uint64_t{4} << (2 * k)) == 0 &&
           (std::uint64_t{4} << (2 * k)) <= count)
      ++k;
    const std::uint32_t side = std::uint32_t{1} << k;
    const std::uint32_t x = tile.x & ~(side - 1), y = tile.y & ~(side - 1);
    visit(geo::TileRange{tile.z, x, y, x + side - 1, y + side - 1});
    id += std::uint64_t{1} << (2 * k);
    count -= std::uint64_t{1} << (2 * k);
  }
}

// The header's bounds as lon/lat, or nullopt (with a problem) when they enclose nothing.
std::optional<geo::Box> header_bounds(const pmtiles::Header& header, Problems& problems) {
  geo::Box box;
  box.min_x = pmtiles::from_e7(header.min_lon_e7) - kE7;
  box.min_y = pmtiles::from_e7(header.min_lat_e7) - kE7;
  box.max_x = pmtiles::from_e7(header.max_lon_e7) + kE7;
  box.max_y = pmtiles::from_e7(header.max_lat_e7) + kE7;
  if (header.min_lon_e7 < header.max_lon_e7 && header.min_lat_e7 < header.max_lat_e7 &&
      box.min_x >= -180 - kE7 && box.max_x <= 180 + kE7 && box.min_y >= -90 - kE7 && box.max_y <= 90 + kE7)
    return box;
  problems.add("the header's bounds (" + std::to_string(box.min_x + kE7) + ", " +
               std::to_string(box.min_y + kE7) + ", " + std::to_string(box.max_x - kE7) + ", " +
               std::to_string(box.max_y - kE7) + ") enclose no area on the globe");
  return std::nullopt;
}

// What the directories say, gathered entry by entry in tile id order.
struct Tally {
  std::uint64_t addressed = 0, entries = 0;
  std::uint64_t first_id = 0, last_id = 0;
  std::uint64_t data_end = 0;  // clustered: where the next new content must start
  std::vector<std::uint64_t>
      content_starts;  // clustered: in increasing order; otherwise every entry's offset
};

void check_clustering(const pmtiles::Entry& entry, Tally& tally, Problems& problems) {
  const std::string where =
      "tile id " + std::to_string(entry.tile_id) + " at byte " + std::to_string(entry.offset);
  if (entry.offset < tally.data_end) {
    if (!std::binary_search(tally.content_starts.begin(), tally.content_starts.end(), entry.offset))
      problems.add(where + " of the tile data points inside an earlier tile's bytes");
    return;
  }
  if (entry.offset > tally.data_end)
    problems.add("clustered, but " + where + " of the tile data skips past byte " +
                 std::to_string(tally.data_end));
  tally.content_starts.push_back(entry.offset);
  tally.data_end = entry.offset + entry.length;
}

void check_counts(const pmtiles::Header& header, Tally& tally, Problems& problems) {
  if (!header.clustered) {
    std::sort(tally.content_starts.begin(), tally.content_starts.end());
    tally.content_starts.erase(std::unique(tally.content_starts.begin(), tally.content_starts.end()),
                               tally.content_starts.end());
  }
  const std::array<std::tuple<const char*, std::uint64_t, std::uint64_t>, 3> counts = {{
      {"addressed tiles", header.addressed_tiles, tally.addressed},
      {"tile entries", header.tile_entries, tally.entries},
      {"tile contents", header.tile_contents, tally.content_starts.size()},
  }};
  for (const auto& [name, claimed, found] : counts)
    if (claimed != 0 && claimed != found)
      problems.add(std::string("the header counts ") + std::to_string(claimed) + " " + name +
                   ", the directories " + std::to_string(found));
  if (header.clustered && tally.data_end != header.tile_data_length)
    problems.add("clustered, but the tiles use " + std::to_string(tally.data_end) + " of the " +
                 std::to_string(header.tile_data_length) + " bytes of tile data");
}

void check_zooms(const pmtiles::Header& header, const Tally& tally, Problems& problems) {
  if (header.min_zoom > header.max_zoom)
    problems.add("the header's min zoom " + std::to_string(header.min_zoom) + " is above its max zoom " +
                 std::to_string(header.max_zoom));
  if (tally.entries == 0) return;
  const int first = geo::tile_from_pmtiles_id(tally.first_id).z,
            last = geo::tile_from_pmtiles_id(tally.last_id).z;
  if (first != header.min_zoom)
    problems.add("the header's min zoom is " + std::to_string(header.min_zoom) + ", the first tile's zoom " +
                 std::to_string(first));
  if (last != header.max_zoom)
    problems.add("the header's max zoom is " + std::to_string(header.max_zoom) + ", the last tile's zoom " +
                 std::to_string(last));
}

}  // namespace

std::vector<std::string> verify_pmtiles(const PmtilesReader& reader) {
  const pmtiles::Header& header = reader.header();
  Problems problems;
  const std::uint64_t root_end = header.root_offset + header.root_length;
  if (root_end > pmtiles::kHeaderBytes + pmtiles::kMaxRootDirectoryBytes)
    problems.add("the root directory ends at byte " + std::to_string(root_end) + ", past the first " +
                 std::to_string(pmtiles::kHeaderBytes + pmtiles::kMaxRootDirectoryBytes) + " bytes");
  const std::optional<geo::Box> bounds = header_bounds(header, problems);
  std::array<std::optional<geo::TileRange>, geo::kMaxTileZoom + 1> covering;

  Tally tally;
  try {
    reader.for_each_entry([&](const pmtiles::Entry& entry) {
      if (tally.entries++ == 0) tally.first_id = entry.tile_id;
      tally.addressed += entry.run_length;
      tally.last_id = entry.tile_id + entry.run_length - 1;
      if (header.clustered)
        check_clustering(entry, tally, problems);
      else
        tally.content_starts.push_back(entry.offset);
      if (!bounds) return;
      for_each_square(entry.tile_id, entry.run_length, [&](const geo::TileRange& square) {
        auto& allowed = covering[static_cast<std::size_t>(square.z)];
        if (!allowed) allowed = geo::tiles_covering(*bounds, square.z);
        if (square.min_x < allowed->min_x || square.max_x > allowed->max_x || square.min_y < allowed->min_y ||
            square.max_y > allowed->max_y)
          problems.add(describe(square) + " outside the header's bounds");
      });
    });
  } catch (const InputError& error) {
    return problems.take(error.detail());
  }
  check_counts(header, tally, problems);
  check_zooms(header, tally, problems);
  return problems.take();
}

}  // namespace covermap::outputs
