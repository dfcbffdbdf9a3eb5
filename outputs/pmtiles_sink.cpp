// PMTiles v3 writer: tiles are buffered in a TileBlobStore and, at commit, laid out as header, root
// directory, metadata, leaf directories, then the tile data in tile-id order (clustered), each distinct
// content once. The directory entries and the order of the contents go to scratch files beside the output on
// their way, so memory does not grow with the number of tiles.
#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <memory>
#include <vector>

#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "outputs/gzip.hpp"
#include "outputs/pmtiles_format.hpp"
#include "outputs/record_file.hpp"
#include "outputs/spill_file.hpp"
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

// Records read from scratch files this many at a time.
constexpr std::size_t kBufferRecords = 8192;
// Bytes copied from a scratch file into the archive at a time.
constexpr std::size_t kCopyBytes = std::size_t{1} << 20;

// zlib's default level for the directories, as go-pmtiles writes them. Best compression took 34 ms of a
// 70 ms commit for the counties at z0-10 (three leaves, and the root tried whole first) for 1 % smaller
// directories.
constexpr int kDirectoryGzipLevel = 6;

pmtiles::CompressStream gzip_stream() {
  auto stream = std::make_shared<GzipStream>(kDirectoryGzipLevel);
  return {[stream](std::string_view piece) {
            stream->add(piece);
            return stream->compressed_size();
          },
          [stream] { return stream->finish(); }};
}

// Where a distinct content lies in the store, in the order the data section holds them.
struct Content {
  std::uint64_t blob;
  std::uint32_t length, unused;
};

class PmtilesSink : public TileSink {
 public:
  PmtilesSink(const std::string& path, TileFormat format, const TileSinkMemory& memory)
      : path_(path),
        format_(format),
        output_(path),
        store_(output_.temp_path() + ".tiles", path, TileOrder::pmtiles_id, memory) {}

  void put(const geo::TileId& tile, std::string_view encoded) override { store_.put(tile, encoded); }

  void commit(const TileSetInfo& info) override {
    check_info(info, format_, path_);
    const std::string& scratch = store_.scratch_path();
    RecordFile<pmtiles::Entry> entries(scratch + "-entries", path_, kBufferRecords);
    RecordFile<Content> contents(scratch + "-contents", path_, kBufferRecords);
    // The last entry, which the next tile may lengthen, and at most one after it.
    std::vector<pmtiles::Entry> last;
    const StoredTotals totals = store_.for_each_tile([&](const StoredTile& tile) {
      if (tile.first_use) contents.append({tile.blob, tile.length, 0});
      pmtiles::add_tile(last, geo::pmtiles_tile_id(tile.tile), tile.content_offset, tile.length);
      if (last.size() == 2) {
        entries.append(last.front());
        last.erase(last.begin());
      }
    });
    for (const pmtiles::Entry& entry : last) entries.append(entry);

    SpillFile leaves(scratch + "-leaves", path_);
    const pmtiles::DirectoryLayout directories = pmtiles::build_directories(
        entries.size(),
        [&](std::uint64_t begin, std::uint64_t end, const pmtiles::EntryVisit& visit) {
          auto reader = entries.read(begin, end, std::min<std::uint64_t>(end - begin, kBufferRecords));
          pmtiles::Entry entry;
          while (reader.next(entry))
            if (!visit(entry)) return;
        },
        gzip_stream, {[&] { leaves.clear(); }, [&](std::string_view leaf) { leaves.append(leaf); }});
    const std::string metadata = gzip(metadata_json(info).dump());

    pmtiles::Header header;
    header.root_offset = pmtiles::kHeaderBytes;
    header.root_length = directories.root.size();
    header.metadata_offset = header.root_offset + header.root_length;
    header.metadata_length = metadata.size();
    header.leaves_offset = header.metadata_offset + header.metadata_length;
    header.leaves_length = directories.leaves_length;
    header.tile_data_offset = header.leaves_offset + header.leaves_length;
    header.tile_data_length = totals.contents_bytes;
    header.addressed_tiles = totals.tiles;
    header.tile_entries = entries.size();
    header.tile_contents = totals.contents;
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
      std::string bytes;
      for (std::uint64_t at = 0; at < directories.leaves_length; at += bytes.size()) {
        bytes.resize(std::min<std::uint64_t>(kCopyBytes, directories.leaves_length - at));
        leaves.read(at, bytes.data(), bytes.size());
        write(file.get(), bytes);
      }
      // Contents that lie back to back in the store (most: tiles arrive in tile-id order) are copied as one
      // range, kCopyBytes at a time: a read for each of 14,000 tiles took a third of the commit.
      std::uint64_t run = 0, run_length = 0;
      const auto copy_run = [&] {
        for (std::uint64_t at = 0; at < run_length; at += bytes.size()) {
          store_.read(run + at,
                      static_cast<std::uint32_t>(std::min<std::uint64_t>(kCopyBytes, run_length - at)),
                      bytes);
          write(file.get(), bytes);
        }
      };
      auto data_order = contents.read(0, contents.size(), kBufferRecords);
      for (Content content{}; data_order.next(content);) {
        if (run_length > 0 && content.blob == run + run_length) {
          run_length += content.length;
          continue;
        }
        copy_run();
        run = content.blob;
        run_length = content.length;
      }
      copy_run();
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

std::unique_ptr<TileSink> make_pmtiles_sink(const std::string& path, TileFormat format,
                                            const TileSinkMemory& memory) {
  return std::make_unique<PmtilesSink>(path, format, memory);
}

}  // namespace covermap::outputs::detail
