#include "outputs/stored_tiles.hpp"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <optional>
#include <vector>

#include "geo/error.hpp"
#include "geo/number.hpp"
#include "outputs/mbtiles_reader.hpp"
#include "outputs/pmtiles_reader.hpp"
#include "outputs/tile_sink.hpp"
#include "outputs/tile_sinks.hpp"

namespace covermap::outputs {
namespace {

namespace fs = std::filesystem;

// A zoom, column or row as a tile URL writes it ("0", "412"; not "0412" nor "+4").
std::optional<std::uint32_t> number_named(const std::string& name) {
  const auto value = geo::parse_plain_unsigned(name);
  if (!value || *value > std::numeric_limits<std::uint32_t>::max()) return std::nullopt;
  return static_cast<std::uint32_t>(*value);
}

// The names in `folder`, sorted, so the walk does not depend on the file system's order.
std::vector<fs::path> sorted_entries(const fs::path& folder) {
  std::vector<fs::path> entries;
  for (const auto& entry : fs::directory_iterator(folder)) entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  return entries;
}

void for_each_file_tile(const std::string& path, TileFormat format,
                        const std::function<void(const geo::TileId&, std::string_view)>& visit) {
  const std::string extension = std::string(".") + tile_format_name(format);
  const auto not_a_tile = [&](const fs::path& entry) {
    return InputError(
        path, "holds " + fs::relative(entry, path).string() + ", which is not a z/x/y" + extension + " tile",
        "covermap writes only tiles and tiles.json there");
  };
  std::string bytes;
  for (const fs::path& zoom : sorted_entries(path)) {
    if (zoom.filename() == "tiles.json") continue;
    const auto z = number_named(zoom.filename().string());
    if (!z || *z > geo::kMaxTileZoom || !fs::is_directory(zoom)) throw not_a_tile(zoom);
    for (const fs::path& column : sorted_entries(zoom)) {
      const auto x = number_named(column.filename().string());
      if (!x || !fs::is_directory(column)) throw not_a_tile(column);
      for (const fs::path& file : sorted_entries(column)) {
        const auto y = file.extension() == extension ? number_named(file.stem().string()) : std::nullopt;
        if (!y || !fs::is_regular_file(file)) throw not_a_tile(file);
        bytes.resize(fs::file_size(file));
        const detail::FilePtr in(std::fopen(file.c_str(), "rb"));
        if (!in || std::fread(bytes.data(), 1, bytes.size(), in.get()) != bytes.size())
          throw InputError(file.string(), "cannot be read");
        visit({static_cast<int>(*z), *x, *y}, bytes);
      }
    }
  }
}

void for_each_pmtiles_tile(const std::string& path,
                           const std::function<void(const geo::TileId&, std::string_view)>& visit) {
  const PmtilesReader reader(path);
  reader.for_each_entry([&](const pmtiles::Entry& entry) {
    const std::string bytes = reader.tile_data(entry);
    for (std::uint64_t i = 0; i < entry.run_length; ++i)
      visit(geo::tile_from_pmtiles_id(entry.tile_id + i), bytes);
  });
}

}  // namespace

void for_each_stored_tile(const std::string& path, TileFormat format,
                          const std::function<void(const geo::TileId& tile, std::string_view bytes)>& visit) {
  switch (tile_sink_kind(path)) {
    case TileSinkKind::directory:
      return for_each_file_tile(path, format, visit);
    case TileSinkKind::mbtiles:
      return MbtilesReader(path).for_each_tile(visit);
    case TileSinkKind::pmtiles:
      return for_each_pmtiles_tile(path, visit);
  }
}

}  // namespace covermap::outputs
