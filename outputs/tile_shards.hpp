#pragma once
// One tile pyramid split into N shares that separate processes (a cluster's nodes) make at once, each into a
// partial archive that `covermap merge` joins into the bytes of a single run. Every share computes the same
// split on its own: each zoom's tiles, along the Hilbert curve, are cut into N runs of equal estimated cost
// (render::TileWork: tiles no edge comes near cost almost nothing, the others in proportion to the vertices
// that reach them), in integers, so any machine cuts the same way.
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "geo/tile_math.hpp"
#include "outputs/tile_sink.hpp"
#include "render/tile_renderer.hpp"

namespace covermap::outputs {

// Share `index` (0 to count - 1) of a job split `count` ways; `job` is the hash of the job's inputs,
// settings and count (app/), which every part carries and merge compares.
struct ShardSpec {
  int index = 0;
  int count = 1;
  std::string job;
};

// Estimated cost of one tile on one core, in nanoseconds, measured on this project's benchmark machine
// (bench/scaleout.sh): only the ratios matter for balancing, the scale for --plan's seconds.
struct TileCostModel {
  std::uint64_t flat_ns;        // a solid or empty tile: looked up and encoded once per colour
  std::uint64_t drawn_ns;       // a drawn tile: the surface cleared, filled and encoded
  std::uint64_t per_vertex_ns;  // each vertex of a ring reaching a drawn tile
};
extern const TileCostModel kRasterTileCost;
extern const TileCostModel kVectorTileCost;

std::uint64_t tile_cost(const render::TileWork& work, const TileCostModel& model);

// What a zoom's tiles take: how many are drawn (the rest are solid or empty) and the vertices reaching them.
struct WorkTotals {
  std::uint64_t drawn = 0;
  std::uint64_t vertices = 0;
};

// The cost of each of `tiles`, measured by `work` on `threads` threads (the same for any number); with
// `totals`, also what they add up to.
std::vector<std::uint64_t> tile_costs(const std::vector<geo::TileId>& tiles,
                                      const std::function<render::TileWork(const geo::TileId&)>& work,
                                      const TileCostModel& model, int threads, WorkTotals* totals = nullptr);

// The share of each tile of zoom `z` (given in Hilbert order with their costs): N runs of equal cost, the
// cuts turned along the curve by a golden-ratio step per zoom, so that the single tiles of the lowest zooms
// fall to different shares.
std::vector<std::uint32_t> assign_shares(const std::vector<std::uint64_t>& costs, int z, int count);

// What one share of a plan holds.
struct ShareEstimate {
  std::uint64_t tiles = 0;
  std::uint64_t cost_ns = 0;
};

// One zoom of a plan: its tiles, what they take and their estimated cost.
struct ZoomEstimate {
  int z = 0;
  std::uint64_t tiles = 0;
  WorkTotals work;
  std::uint64_t cost_ns = 0;
};

struct TilePlan {
  std::vector<ShareEstimate> shares;
  std::vector<ZoomEstimate> zooms;
};

// "K/N" with 0 <= K < N <= 10000; false when the text is not one.
bool parse_shard(const std::string& text, int& index, int& count);

// What a part says of itself in its metadata (under "covermap" -> "shard"): the job, its share, how many
// tiles it holds and their digest (so merge tells a damaged part), and the tile set's description with the
// map file as an absolute path, from which merge writes the whole set's.
// NOLINTNEXTLINE(bugprone-exception-escape): its defaulted members copy strings, as TileSetInfo's do
struct PartInfo {
  ShardSpec shard;
  std::string zoom;  // "A-B", for messages
  std::uint64_t tiles = 0;
  std::string digest;
  TileSetInfo info;
};
nlohmann::ordered_json part_json(const PartInfo& part);
// InputError naming `path` when the JSON is not a part's.
PartInfo part_from_json(const nlohmann::ordered_json& json, const std::string& path);

// Digest of a set of tiles, whatever order they come in.
class TileDigest {
 public:
  void add(const geo::TileId& tile, std::string_view bytes);
  std::string hex() const;

 private:
  std::uint64_t sum_ = 0;
  std::uint64_t mixed_ = 0;
};

}  // namespace covermap::outputs
