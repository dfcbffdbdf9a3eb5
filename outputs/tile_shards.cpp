#include "outputs/tile_shards.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <exception>
#include <mutex>
#include <thread>

#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/number.hpp"
#include "styles/color.hpp"

namespace covermap::outputs {

// Fitted to one-thread runs of the county pyramid's zooms 8-11 on the benchmark machine (docs/scale-out.md):
// the vertices reaching a drawn tile explain its time (each is tested against the tile and most are drawn),
// within 10% at z10-11 and 25% at z8-9, where tiles hold more of each ring.
const TileCostModel kRasterTileCost{3'000, 40'000, 340};
const TileCostModel kVectorTileCost{2'000, 20'000, 90};

namespace {

constexpr int kMaxShards = 10000;
// Positions along a zoom's cost stay below this, so that a position times the share count fits 64 bits.
constexpr std::uint64_t kMostPosition = std::uint64_t{1} << 62;

// 2^32 / golden ratio: consecutive zooms turn the cuts by well-spread fractions of the curve.
constexpr std::uint64_t kGoldenStep = 2654435769u;

}  // namespace

std::uint64_t tile_cost(const render::TileWork& work, const TileCostModel& model) {
  if (!work.drawn) return model.flat_ns;
  return model.drawn_ns + model.per_vertex_ns * work.vertices;
}

std::vector<std::uint64_t> tile_costs(const std::vector<geo::TileId>& tiles,
                                      const std::function<render::TileWork(const geo::TileId&)>& work,
                                      const TileCostModel& model, int threads, WorkTotals* totals) {
  std::vector<std::uint64_t> costs(tiles.size());
  const std::size_t workers = std::clamp<std::size_t>(static_cast<std::size_t>(std::max(threads, 1)), 1,
                                                      std::max<std::size_t>(tiles.size() / 4096, 1));
  std::vector<WorkTotals> sums(workers);
  const auto measure = [&](std::size_t worker) {
    const std::size_t begin = tiles.size() * worker / workers, end = tiles.size() * (worker + 1) / workers;
    for (std::size_t i = begin; i < end; ++i) {
      const render::TileWork tile_work = work(tiles[i]);
      sums[worker].drawn += tile_work.drawn ? 1 : 0;
      sums[worker].vertices += tile_work.vertices;
      costs[i] = tile_cost(tile_work, model);
    }
  };
  const auto add_up = [&] {
    if (!totals) return;
    for (const WorkTotals& sum : sums) totals->drawn += sum.drawn, totals->vertices += sum.vertices;
  };
  if (workers == 1) {
    measure(0);
    add_up();
    return costs;
  }
  std::exception_ptr failure;
  std::mutex failure_mutex;
  {
    std::vector<std::jthread> pool;
    for (std::size_t w = 0; w < workers; ++w)
      pool.emplace_back([&, w] {
        try {
          measure(w);
        } catch (...) {
          const std::lock_guard lock(failure_mutex);
          if (!failure) failure = std::current_exception();
        }
      });
  }
  if (failure) std::rethrow_exception(failure);
  add_up();
  return costs;
}

std::vector<std::uint32_t> assign_shares(const std::vector<std::uint64_t>& costs, int z, int count) {
  std::vector<std::uint32_t> shares(costs.size(), 0);
  if (count <= 1 || costs.empty()) return shares;
  // In doubled units, so that a tile's midpoint (where it is placed) is a whole number; costs scaled down
  // by a power of two until position * count cannot overflow (only in pyramids of billions of tiles).
  const auto total_of = [&](int shift) {
    std::uint64_t total = 0;
    for (const std::uint64_t cost : costs) {
      const std::uint64_t doubled = 2 * (cost >> shift);
      if (doubled > kMostPosition - total) return kMostPosition + 1;
      total += doubled;
    }
    return total;
  };
  int shift = 0;
  std::uint64_t total = total_of(0);
  while (total > kMostPosition / static_cast<std::uint64_t>(count)) total = total_of(++shift);
  if (total == 0) total = 1;
  const std::uint64_t turn = (kGoldenStep * static_cast<std::uint64_t>(z + 1)) & 0xffffffffu;
  const std::uint64_t offset = ((total & 0xffffffffu) * turn >> 32) + (total >> 32) * turn;
  std::uint64_t before = 0;
  for (std::size_t i = 0; i < costs.size(); ++i) {
    const std::uint64_t cost = costs[i] >> shift;
    const std::uint64_t middle = (before + cost + offset) % total;
    shares[i] = static_cast<std::uint32_t>(middle * static_cast<std::uint64_t>(count) / total);
    before += 2 * cost;
  }
  return shares;
}

bool parse_shard(const std::string& text, int& index, int& count) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  const auto k = geo::parse_integer(text.substr(0, slash));
  const auto n = geo::parse_integer(text.substr(slash + 1));
  if (!k || !n || *n < 1 || *n > kMaxShards || *k < 0 || *k >= *n) return false;
  index = static_cast<int>(*k);
  count = static_cast<int>(*n);
  return true;
}

namespace {

nlohmann::ordered_json info_json(const TileSetInfo& info) {
  nlohmann::ordered_json json;
  json["name"] = info.name;
  json["description"] = info.description;
  json["attribution"] = info.attribution;
  json["format"] = info.format == TileFormat::mvt ? "mvt" : tile_format_name(info.format);  // as --format
  json["min_zoom"] = info.min_zoom;
  json["max_zoom"] = info.max_zoom;
  json["tile_size"] = info.tile_size;
  json["bounds"] = {info.bounds.min_x, info.bounds.min_y, info.bounds.max_x, info.bounds.max_y};
  json["center"] = {info.center.x, info.center.y};
  json["center_zoom"] = info.center_zoom;
  json["legend_title"] = info.legend_title;
  json["legend"] = info.legend;
  json["map_file"] = info.map_file;
  json["vector_layers"] = info.vector_layers;
  if (info.style) {
    const VectorStyleSpec& style = *info.style;
    json["style"] = {{"borders",
                      {{"visible", style.borders.visible},
                       {"color", style.borders.color.hex()},
                       {"width_pt", style.borders.width_pt}}},
                     {"labels", {{"field", style.labels.field}, {"size_pt", style.labels.size_pt}}},
                     {"legend_title", style.legend_title}};
  }
  return json;
}

TileSetInfo info_from_json(const nlohmann::ordered_json& json, const std::string& path) {
  TileSetInfo info;
  info.name = json.at("name").get<std::string>();
  info.description = json.at("description").get<std::string>();
  info.attribution = json.at("attribution").get<std::string>();
  info.format = parse_tile_format(json.at("format").get<std::string>());
  info.min_zoom = json.at("min_zoom").get<int>();
  info.max_zoom = json.at("max_zoom").get<int>();
  info.tile_size = json.at("tile_size").get<int>();
  const auto& bounds = json.at("bounds");
  info.bounds = {bounds.at(0).get<double>(), bounds.at(1).get<double>(), bounds.at(2).get<double>(),
                 bounds.at(3).get<double>()};
  info.center = {json.at("center").at(0).get<double>(), json.at("center").at(1).get<double>()};
  info.center_zoom = json.at("center_zoom").get<int>();
  info.legend_title = json.at("legend_title").get<std::string>();
  info.legend = json.at("legend");
  info.map_file = json.at("map_file").get<std::string>();
  info.vector_layers = json.at("vector_layers");
  if (json.contains("style")) {
    const auto& style = json.at("style");
    VectorStyleSpec spec;
    spec.borders.visible = style.at("borders").at("visible").get<bool>();
    spec.borders.color = styles::parse_color(style.at("borders").at("color").get<std::string>(), path);
    spec.borders.width_pt = style.at("borders").at("width_pt").get<double>();
    spec.labels.field = style.at("labels").at("field").get<std::string>();
    spec.labels.size_pt = style.at("labels").at("size_pt").get<double>();
    spec.legend_title = style.at("legend_title").get<std::string>();
    info.style = spec;
  }
  return info;
}

}  // namespace

nlohmann::ordered_json part_json(const PartInfo& part) {
  nlohmann::ordered_json json;
  json["job"] = part.shard.job;
  json["index"] = part.shard.index;
  json["count"] = part.shard.count;
  json["zoom"] = part.zoom;
  json["tiles"] = part.tiles;
  json["digest"] = part.digest;
  json["info"] = info_json(part.info);
  return json;
}

PartInfo part_from_json(const nlohmann::ordered_json& json, const std::string& path) {
  try {
    PartInfo part;
    part.shard.job = json.at("job").get<std::string>();
    part.shard.index = json.at("index").get<int>();
    part.shard.count = json.at("count").get<int>();
    part.zoom = json.at("zoom").get<std::string>();
    part.tiles = json.at("tiles").get<std::uint64_t>();
    part.digest = json.at("digest").get<std::string>();
    part.info = info_from_json(json.at("info"), path);
    if (part.shard.count < 1 || part.shard.index < 0 || part.shard.index >= part.shard.count)
      throw InputError(path, "is damaged: share " + std::to_string(part.shard.index) + "/" +
                                 std::to_string(part.shard.count) + " is not a share");
    return part;
  } catch (const nlohmann::json::exception& error) {
    throw InputError(path, std::string("is damaged: its share metadata is incomplete (") + error.what() + ")",
                     "make this share again");
  } catch (const InputError& error) {
    if (error.where() == path) throw;
    throw InputError(path, "is damaged: its share metadata does not read (" + error.detail() + ")",
                     "make this share again");
  }
}

void TileDigest::add(const geo::TileId& tile, std::string_view bytes) {
  geo::ContentHash hash;
  hash.add(std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" + std::to_string(tile.y)).add(bytes);
  const std::string hex = hash.hex();
  std::uint64_t high = 0, low = 0;
  std::from_chars(hex.data(), hex.data() + 16, high, 16);
  std::from_chars(hex.data() + 16, hex.data() + 32, low, 16);
  sum_ += high;  // sums: the same whatever order the tiles come in
  mixed_ += low;
}

std::string TileDigest::hex() const {
  char text[33];
  std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(sum_),
                static_cast<unsigned long long>(mixed_));
  return text;
}

}  // namespace covermap::outputs
