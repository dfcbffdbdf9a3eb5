#include "outputs/tile_source.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <vector>

#include "geo/error.hpp"
#include "geo/number.hpp"
#include "geo/tile_math.hpp"
#include "outputs/file_descriptor.hpp"
#include "outputs/mbtiles_reader.hpp"
#include "outputs/pmtiles_reader.hpp"

namespace covermap::outputs {
namespace {

// The archive file, held open: tiles and whole-file reads come from it, whatever is renamed over the path.
std::shared_ptr<const FileDescriptor> open_archive(const std::string& path, FileIdentity& identity) {
  struct stat status {};
  auto file = open_regular_file(path, "give the path of a tile archive", status);
  identity = file_identity(status);
  return file;
}

// "a,b,c,..." as numbers; empty when any part is not one.
std::vector<double> numbers_in(const std::string& text) {
  std::vector<double> numbers;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    const auto value = geo::parse_number(text.substr(start, comma - start));
    if (!value) return {};
    numbers.push_back(*value);
    start = comma + 1;
  }
  return numbers;
}

const char* extension_of(pmtiles::TileType type) {
  switch (type) {
    case pmtiles::TileType::png:
      return "png";
    case pmtiles::TileType::webp:
      return "webp";
    case pmtiles::TileType::jpeg:
      return "jpg";
    case pmtiles::TileType::mvt:
      return "pbf";
    case pmtiles::TileType::avif:
      return "avif";
    case pmtiles::TileType::unknown:
      break;
  }
  return "";
}

// MBTiles' `format` row to the URL extension.
std::string extension_of_format(const std::string& format) {
  if (format == "jpeg" || format == "jpg") return "jpg";
  if (format == "pbf" || format == "mvt") return "pbf";
  return format.empty() ? "png" : format;
}

class PmtilesSource : public TileSource {
 public:
  PmtilesSource(const std::string& path, FileIdentity identity,
                const std::shared_ptr<const FileDescriptor>& file)
      : TileSource(path),
        file_(file),
        reader_(
            [file, path](std::uint64_t offset, std::uint64_t length) {
              std::string bytes(length, '\0');
              if (!read_at(file->get(), offset, bytes.data(), bytes.size())) bytes.clear();
              return bytes;
            },
            static_cast<std::uint64_t>(identity.size), path) {
    identity_ = identity;
    const pmtiles::Header& header = reader_.header();
    facts_.kind = TileSinkKind::pmtiles;
    facts_.extension = extension_of(header.tile_type);
    if (facts_.extension.empty())
      throw InputError(path, "the PMTiles archive does not say what its tiles are (tile type 0)");
    facts_.vector = header.tile_type == pmtiles::TileType::mvt;
    facts_.min_zoom = header.min_zoom;
    facts_.max_zoom = header.max_zoom;
    facts_.bounds = {pmtiles::from_e7(header.min_lon_e7), pmtiles::from_e7(header.min_lat_e7),
                     pmtiles::from_e7(header.max_lon_e7), pmtiles::from_e7(header.max_lat_e7)};
    nlohmann::ordered_json stored = nlohmann::ordered_json::object();
    const std::string metadata = reader_.metadata();
    if (!metadata.empty()) {
      stored = nlohmann::ordered_json::parse(metadata, nullptr, false);
      if (!stored.is_object()) throw InputError(path, "the PMTiles metadata is not a JSON object");
    }
    facts_.tilejson = detail::describe_tile_set(
        stored, facts_,
        geo::Point{pmtiles::from_e7(header.center_lon_e7), pmtiles::from_e7(header.center_lat_e7)},
        header.center_zoom);
  }

  std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y) const override {
    return reader_.tile(z, x, y);
  }
  int archive_fd() const override { return file_->get(); }

 private:
  std::shared_ptr<const FileDescriptor> file_;
  PmtilesReader reader_;
};

// SQLite statements are not shared between threads: each request borrows a reader of its own from a pool
// that grows to the number of threads reading at once.
class MbtilesSource : public TileSource {
  static constexpr int kReaderCacheKib = 256;

 public:
  MbtilesSource(const std::string& path, FileIdentity identity, std::shared_ptr<const FileDescriptor> file)
      : TileSource(path), file_(std::move(file)) {
    identity_ = identity;
    auto reader = std::make_unique<MbtilesReader>(path, MbtilesReader::Unchanging{kReaderCacheKib});
    const std::map<std::string, std::string> rows = reader->metadata();
    const auto row = [&](const char* name) {
      const auto found = rows.find(name);
      return found == rows.end() ? std::string() : found->second;
    };
    facts_.kind = TileSinkKind::mbtiles;
    facts_.extension = extension_of_format(row("format"));
    facts_.vector = facts_.extension == "pbf";
    const auto min_zoom = geo::parse_number(row("minzoom")), max_zoom = geo::parse_number(row("maxzoom"));
    if (min_zoom && max_zoom) {
      facts_.min_zoom = static_cast<int>(*min_zoom);
      facts_.max_zoom = static_cast<int>(*max_zoom);
    } else if (const auto levels = reader->zoom_levels()) {
      std::tie(facts_.min_zoom, facts_.max_zoom) = *levels;
    }
    if (const auto bounds = numbers_in(row("bounds")); bounds.size() == 4)
      facts_.bounds = {bounds[0], bounds[1], bounds[2], bounds[3]};
    std::optional<geo::Point> center;
    int center_zoom = -1;
    if (const auto numbers = numbers_in(row("center")); numbers.size() == 3) {
      center = geo::Point{numbers[0], numbers[1]};
      center_zoom = static_cast<int>(numbers[2]);
    }
    nlohmann::ordered_json stored = nlohmann::ordered_json::object();
    for (const char* key : {"name", "description", "attribution"})
      if (rows.count(key)) stored[key] = row(key);
    if (const auto json = nlohmann::ordered_json::parse(row("json"), nullptr, false); json.is_object())
      stored.update(json);
    facts_.tilejson = detail::describe_tile_set(stored, facts_, center, center_zoom);
    idle_.push_back(std::move(reader));
  }

  std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y) const override {
    std::unique_ptr<MbtilesReader> reader;
    {
      const std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        reader = std::move(idle_.back());
        idle_.pop_back();
      }
    }
    if (!reader) {
      reader = std::make_unique<MbtilesReader>(path(), MbtilesReader::Unchanging{kReaderCacheKib});
    }
    std::optional<std::string> bytes = reader->tile(z, x, y);
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(reader));
    return bytes;
  }
  int archive_fd() const override { return file_->get(); }

 private:
  std::shared_ptr<const FileDescriptor> file_;
  mutable std::mutex mutex_;
  mutable std::vector<std::unique_ptr<MbtilesReader>> idle_;
};

}  // namespace

std::optional<std::string> TileSource::style() const {
  if (!facts_.vector) return std::nullopt;
  const std::string path = style_path(path_);
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  struct stat status {};
  const auto file = open_regular_file(path, "the MapLibre style covermap writes beside vector tiles", status);
  std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
  if (!read_at(file->get(), 0, bytes.data(), bytes.size()))
    throw InputError(path, "cannot read: the file ended early", "was it changed while being read?");
  return bytes;
}

std::unique_ptr<TileSource> open_tile_source(const std::string& path) {
  switch (tile_sink_kind(path)) {
    case TileSinkKind::pmtiles:
      return detail::open_pmtiles_source(path);
    case TileSinkKind::mbtiles:
      return detail::open_mbtiles_source(path);
    case TileSinkKind::directory:
      break;
  }
  return detail::open_folder_source(path);
}

namespace detail {

std::unique_ptr<TileSource> open_pmtiles_source(const std::string& path) {
  FileIdentity identity;
  auto file = open_archive(path, identity);
  return std::make_unique<PmtilesSource>(path, identity, std::move(file));
}

std::unique_ptr<TileSource> open_mbtiles_source(const std::string& path) {
  FileIdentity identity;
  auto file = open_archive(path, identity);
  return std::make_unique<MbtilesSource>(path, identity, std::move(file));
}

nlohmann::ordered_json describe_tile_set(const nlohmann::ordered_json& stored, const TileSetFacts& facts,
                                         const std::optional<geo::Point>& center, int center_zoom) {
  nlohmann::ordered_json json;
  json["tilejson"] = "3.0.0";
  json["tiles"] = nlohmann::ordered_json::array();
  for (const char* key : {"name", "description", "attribution"})
    if (stored.contains(key) && stored[key].is_string()) json[key] = stored[key];
  json["scheme"] = "xyz";
  json["minzoom"] = facts.min_zoom;
  json["maxzoom"] = facts.max_zoom;
  const geo::Box& b = facts.bounds;
  json["bounds"] = {b.min_x, b.min_y, b.max_x, b.max_y};
  const bool center_inside =
      center && center->x >= b.min_x && center->x <= b.max_x && center->y >= b.min_y && center->y <= b.max_y;
  const geo::Point middle =
      center_inside ? *center : geo::Point{(b.min_x + b.max_x) / 2, (b.min_y + b.max_y) / 2};
  json["center"] = {middle.x, middle.y, std::clamp(center_zoom, facts.min_zoom, facts.max_zoom)};
  json["format"] = facts.extension;
  if (stored.contains("tile_size") && stored["tile_size"].is_number_integer())
    json["tile_size"] = stored["tile_size"];
  if (facts.vector)
    json["vector_layers"] = stored.contains("vector_layers") && stored["vector_layers"].is_array()
                                ? stored["vector_layers"]
                                : nlohmann::ordered_json::array();

  const auto legend = stored.find("legend");
  if (legend != stored.end() && legend->is_array()) {  // covermap's legend before it moved under "covermap"
    TileSetInfo info;
    info.legend = *legend;
    json.update(covermap_fields(info));
  } else {
    if (legend != stored.end() && legend->is_string()) json["legend"] = *legend;
    if (stored.contains("covermap") && stored["covermap"].is_object()) json["covermap"] = stored["covermap"];
  }
  return json;
}

}  // namespace detail
}  // namespace covermap::outputs
