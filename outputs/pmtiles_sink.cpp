// PMTiles v3 writer: tiles are buffered in a TileBlobStore and, at commit, laid out as header, root
// directory, metadata, leaf directories, then the tile data in tile-id order (clustered), each distinct
// content once.
#include <cerrno>
#include <cstdio>
#include <memory>

#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "outputs/gzip.hpp"
#include "outputs/pmtiles_format.hpp"
#include "outputs/tile_blob_store.hpp"
#include "outputs/tile_sinks.hpp"

namespace covermap::outputs::detail {
namespace {

pmtiles::TileType tile_type(TileFormat format) {
  switch (format) {
    case TileFormat::png:
      break;
    case TileFormat::webp:
      return pmtiles::TileType::webp;
    case TileFormat::mvt:
      return pmtiles::TileType::mvt;
  }
  return pmtiles::TileType::png;
}

class PmtilesSink : public TileSink {
 public:
  PmtilesSink(const std::string& path, TileFormat format)
      : path_(path), format_(format), output_(path), store_(output_.temp_path() + ".tiles", path) {}

  void put(const geo::TileId& tile, std::string_view encoded) override { store_.put(tile, encoded); }

  void commit(const TileSetInfo& info) override {
    check_info(info, format_, path_);
    auto& tiles = store_.entries();
    sort_tiles(tiles, geo::pmtiles_tile_id, path_);

    // Offsets in tile-id order of first use; a run of equal contents on consecutive ids is one entry.
    std::vector<std::uint64_t> offset_of(store_.blob_count(), ~std::uint64_t{0});
    std::vector<std::uint32_t> data_order;
    std::vector<pmtiles::Entry> entries;
    std::uint64_t data_length = 0;
    for (const auto& tile : tiles) {
      const std::uint64_t id = geo::pmtiles_tile_id(tile.tile);
      if (offset_of[tile.blob] == ~std::uint64_t{0}) {
        offset_of[tile.blob] = data_length;
        data_length += store_.blob_length(tile.blob);
        data_order.push_back(tile.blob);
      }
      pmtiles::add_tile(entries, id, offset_of[tile.blob], store_.blob_length(tile.blob));
    }
    const pmtiles::Directories directories = pmtiles::build_directories(entries, gzip);
    const std::string metadata = gzip(metadata_json(info).dump());

    pmtiles::Header header;
    header.root_offset = pmtiles::kHeaderBytes;
    header.root_length = directories.root.size();
    header.metadata_offset = header.root_offset + header.root_length;
    header.metadata_length = metadata.size();
    header.leaves_offset = header.metadata_offset + header.metadata_length;
    header.leaves_length = directories.leaves.size();
    header.tile_data_offset = header.leaves_offset + header.leaves_length;
    header.tile_data_length = data_length;
    header.addressed_tiles = tiles.size();
    header.tile_entries = entries.size();
    header.tile_contents = data_order.size();
    header.clustered = true;
    header.internal_compression = pmtiles::Compression::gzip;
    header.tile_compression =
        format_ == TileFormat::mvt ? pmtiles::Compression::gzip : pmtiles::Compression::none;
    header.tile_type = tile_type(format_);
    header.min_zoom = static_cast<std::uint8_t>(info.min_zoom);
    header.max_zoom = static_cast<std::uint8_t>(info.max_zoom);
    const geo::Box bounds = clamped_bounds(info);
    header.min_lon_e7 = pmtiles::to_e7(bounds.min_x);
    header.min_lat_e7 = pmtiles::to_e7(bounds.min_y);
    header.max_lon_e7 = pmtiles::to_e7(bounds.max_x);
    header.max_lat_e7 = pmtiles::to_e7(bounds.max_y);
    header.center_zoom = static_cast<std::uint8_t>(info.center_zoom);
    header.center_lon_e7 = pmtiles::to_e7(info.center.x);
    header.center_lat_e7 = pmtiles::to_e7(info.center.y);

    {
      FilePtr file(std::fopen(output_.temp_path().c_str(), "wb"));
      if (!file) throw geo::write_error(path_, errno);
      write(file.get(), pmtiles::serialize_header(header));
      write(file.get(), directories.root);
      write(file.get(), metadata);
      write(file.get(), directories.leaves);
      std::string bytes;
      for (const std::uint32_t blob : data_order) {
        store_.read(blob, bytes);
        write(file.get(), bytes);
      }
      if (std::fclose(file.release()) != 0) throw geo::write_error(path_, errno);
    }
    output_.commit();
    write_tilejson(path_, info);
  }

 private:
  void write(std::FILE* file, std::string_view bytes) {
    if (std::fwrite(bytes.data(), 1, bytes.size(), file) != bytes.size())
      throw geo::write_error(path_, errno);
  }

  nlohmann::ordered_json metadata_json(const TileSetInfo& info) const {
    nlohmann::ordered_json metadata;
    metadata["name"] = info.name;
    metadata["description"] = info.description;
    metadata["attribution"] = info.attribution;
    metadata["type"] = "overlay";
    metadata["version"] = "1";
    metadata["format"] = tile_format_name(format_);
    metadata["tile_size"] = info.tile_size;
    if (!info.vector_layers.is_null()) metadata["vector_layers"] = info.vector_layers;
    metadata.update(covermap_fields(info));
    return metadata;
  }

  std::string path_;
  TileFormat format_;
  geo::AtomicOutput output_;
  TileBlobStore store_;
};

}  // namespace

std::unique_ptr<TileSink> make_pmtiles_sink(const std::string& path, TileFormat format) {
  return std::make_unique<PmtilesSink>(path, format);
}

}  // namespace covermap::outputs::detail
