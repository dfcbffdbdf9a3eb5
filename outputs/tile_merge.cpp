#include "outputs/tile_merge.hpp"

#include <algorithm>
#include <map>

#include "geo/error.hpp"
#include "geo/interrupt.hpp"
#include "outputs/mbtiles_reader.hpp"
#include "outputs/pmtiles_reader.hpp"
#include "outputs/stored_tiles.hpp"
#include "outputs/tile_shards.hpp"
#include "outputs/tile_sink.hpp"

namespace covermap::outputs {
namespace {

constexpr const char* kRemake = "make it again with covermap tiles ... --shard K/N";

std::string share_name(const ShardSpec& shard) {
  return std::to_string(shard.index) + "/" + std::to_string(shard.count);
}

// The archive's metadata JSON, where the sinks keep covermap's fields.
nlohmann::ordered_json archive_metadata(const std::string& path) {
  std::string text;
  switch (tile_sink_kind(path)) {
    case TileSinkKind::pmtiles:
      text = PmtilesReader(path).metadata();
      break;
    case TileSinkKind::mbtiles: {
      const auto metadata = MbtilesReader(path).metadata();
      const auto json = metadata.find("json");
      if (json != metadata.end()) text = json->second;
      break;
    }
    case TileSinkKind::directory:
      throw InputError(path, "is not a part: parts are .pmtiles or .mbtiles files",
                       "make parts with covermap tiles MAP.yaml -o PART.pmtiles --shard K/N");
  }
  auto json = nlohmann::ordered_json::parse(text, nullptr, false);
  if (json.is_discarded()) throw InputError(path, "is damaged: its metadata is not JSON", kRemake);
  return json;
}

PartInfo read_part(const std::string& path) {
  const nlohmann::ordered_json metadata = archive_metadata(path);
  if (!metadata.is_object() || !metadata.contains("covermap") || !metadata["covermap"].is_object() ||
      !metadata["covermap"].contains("shard"))
    throw InputError(path, "is not a part of a tile job split in shares (no share in its metadata)",
                     "make parts with covermap tiles MAP.yaml -o PART.pmtiles --zoom A-B --shard K/N");
  return part_from_json(metadata["covermap"]["shard"], path);
}

}  // namespace

MergeResult merge_tile_parts(const std::vector<std::string>& paths, const std::string& output,
                             const TileSinkMemory& memory) {
  if (paths.empty()) throw UsageError("merge", "no parts given", "name every part of the job");
  std::vector<PartInfo> parts;
  std::map<int, std::size_t> by_index;
  for (const std::string& path : paths) {
    parts.push_back(read_part(path));
    const PartInfo& part = parts.back();
    const PartInfo& first = parts.front();
    if (part.shard.job != first.shard.job || part.shard.count != first.shard.count)
      throw InputError(path,
                       "is a part of another job (share " + share_name(part.shard) + " of zoom " + part.zoom +
                           ") than " + paths.front() + " (share " + share_name(first.shard) + " of zoom " +
                           first.zoom + ")",
                       "merge the parts of one job: the same map, inputs, --zoom, settings and N");
    const auto [it, added] = by_index.emplace(part.shard.index, parts.size() - 1);
    if (!added)
      throw InputError(path,
                       "share " + share_name(part.shard) + " is given twice (also " + paths[it->second] + ")",
                       "name each share once");
  }
  const int count = parts.front().shard.count;
  for (int index = 0; index < count; ++index)
    if (!by_index.count(index))
      throw InputError(output,
                       "share " + std::to_string(index) + "/" + std::to_string(count) + " of zoom " +
                           parts.front().zoom + " is missing",
                       "make it with covermap tiles ... --shard " + std::to_string(index) + "/" +
                           std::to_string(count) + " and merge again");

  TileSetInfo info = parts.front().info;
  info.map_file = relative_map_file(info.map_file, output);
  auto sink = open_tile_sink(output, info.format, memory);
  MergeResult result{0, count, parts.front().zoom};
  for (const auto& [index, position] : by_index) {
    const PartInfo& part = parts[position];
    const std::string& path = paths[position];
    TileDigest digest;
    std::uint64_t tiles = 0;
    for_each_stored_tile(path, info.format, [&](const geo::TileId& tile, std::string_view bytes) {
      geo::throw_if_interrupted(output);
      digest.add(tile, bytes);
      sink->put(tile, bytes);
      ++tiles;
    });
    if (tiles != part.tiles)
      throw InputError(path,
                       "is damaged: it holds " + std::to_string(tiles) + " tiles, share " +
                           share_name(part.shard) + " was written with " + std::to_string(part.tiles),
                       kRemake);
    if (digest.hex() != part.digest)
      throw InputError(
          path,
          "is damaged: its tiles' bytes are not those share " + share_name(part.shard) + " was written with",
          kRemake);
    result.tiles += tiles;
  }
  sink->commit(info);
  return result;
}

}  // namespace covermap::outputs
