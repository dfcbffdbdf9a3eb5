#include "outputs/tile_sink.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "geo/ascii_text.hpp"
#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "geo/number.hpp"
#include "outputs/tile_sinks.hpp"
#include "render/text_collector.hpp"

namespace covermap::outputs {
namespace {

namespace fs = std::filesystem;

}  // namespace

TileSinkKind tile_sink_kind(const std::string& path) {
  const std::string extension = geo::lowered_extension(path);
  if (extension == ".mbtiles") return TileSinkKind::mbtiles;
  if (extension == ".pmtiles") return TileSinkKind::pmtiles;
  return TileSinkKind::directory;
}

std::unique_ptr<TileSink> open_tile_sink(const std::string& path, TileFormat format,
                                         const TileSinkMemory& memory) {
  const TileSinkKind kind = tile_sink_kind(path);
  std::error_code error;
  if (kind != TileSinkKind::directory && fs::is_directory(path, error))
    throw InputError(path, "is a folder, not an archive file", "choose another name, or remove that folder");
  switch (kind) {
    case TileSinkKind::mbtiles:
      return detail::make_mbtiles_sink(path, format, memory);
    case TileSinkKind::pmtiles:
      return detail::make_pmtiles_sink(path, format, memory);
    case TileSinkKind::directory:
      break;
  }
  return detail::make_directory_sink(path, format);
}

std::string relative_map_file(const std::string& map_path, const std::string& output) {
  if (map_path.empty()) return "";
  fs::path target = fs::absolute(output).lexically_normal();
  if (target.filename().empty()) target = target.parent_path();  // "web/" is the folder "web"
  return fs::absolute(map_path).lexically_normal().lexically_relative(target.parent_path()).generic_string();
}

std::string tilejson_path(const std::string& path) {
  if (tile_sink_kind(path) != TileSinkKind::directory) return path + ".json";
  return (fs::path(path) / "tiles.json").string();
}

std::string style_path(const std::string& path) {
  if (tile_sink_kind(path) != TileSinkKind::directory) return path + ".style.json";
  return (fs::path(path) / "style.json").string();
}

namespace {

// Relative: "{z}/{x}/{y}.png" in a directory, "<archive name without extension>/{z}/{x}/{y}.png" beside an
// archive (where a server publishes it).
std::string tile_url(const std::string& path, const TileSetInfo& info) {
  const std::string suffix = std::string("{z}/{x}/{y}.") + tile_format_name(info.format);
  return tile_sink_kind(path) == TileSinkKind::directory ? suffix
                                                         : fs::path(path).stem().string() + "/" + suffix;
}

}  // namespace

nlohmann::ordered_json tilejson(const std::string& path, const TileSetInfo& info) {
  const std::string url = tile_url(path, info);
  const geo::Box bounds = detail::clamped_bounds(info);
  nlohmann::ordered_json json;
  json["tilejson"] = "3.0.0";
  json["tiles"] = {url};
  json["name"] = info.name;
  json["description"] = info.description;
  json["attribution"] = info.attribution;
  json["scheme"] = "xyz";
  json["minzoom"] = info.min_zoom;
  json["maxzoom"] = info.max_zoom;
  json["bounds"] = {bounds.min_x, bounds.min_y, bounds.max_x, bounds.max_y};
  json["center"] = {info.center.x, info.center.y, info.center_zoom};
  json["format"] = tile_format_name(info.format);
  json["tile_size"] = info.tile_size;
  if (!info.vector_layers.is_null()) json["vector_layers"] = info.vector_layers;
  json.update(covermap_fields(info));
  return json;
}

nlohmann::ordered_json covermap_fields(const TileSetInfo& info) {
  const nlohmann::ordered_json classes =
      info.legend.is_null() ? nlohmann::ordered_json::array() : info.legend;
  // Inline styles, so the legend reads the same in any page that shows it.
  std::string html = "<div class=\"covermap-legend\">";
  if (!info.legend_title.empty()) html += "<strong>" + render::escape_xml(info.legend_title) + "</strong>";
  html += "<ul style=\"list-style:none;margin:0;padding:0\">";
  for (const auto& entry : classes) {
    const std::string color = entry.value("color", "");
    html +=
        "<li><span style=\"display:inline-block;width:1em;height:1em;margin-right:0.4em;"
        "vertical-align:middle;border:1px solid #999;background:" +
        render::escape_xml(color) + "\"></span>" + render::escape_xml(entry.value("label", "")) + "</li>";
  }
  html += "</ul></div>";
  nlohmann::ordered_json fields;
  fields["legend"] = html;
  fields["covermap"] = {{"legend_title", info.legend_title}, {"legend", classes}};
  if (!info.map_file.empty()) fields["covermap"]["map"] = info.map_file;
  if (!info.shard.is_null()) fields["covermap"]["shard"] = info.shard;
  return fields;
}

namespace detail {

void check_info(const TileSetInfo& info, TileFormat format, const std::string& path) {
  if (info.format != format)
    throw InputError(path, std::string("tiles were opened as ") + tile_format_name(format) +
                               " but described as " + tile_format_name(info.format));
  if (info.min_zoom < 0 || info.max_zoom > geo::kMaxTileZoom || info.min_zoom > info.max_zoom)
    throw InputError(path, "zooms " + std::to_string(info.min_zoom) + "-" + std::to_string(info.max_zoom) +
                               " are not a range within 0-" + std::to_string(geo::kMaxTileZoom));
  if (info.center_zoom < 0 || info.center_zoom > geo::kMaxTileZoom)
    throw InputError(path, "center zoom " + std::to_string(info.center_zoom) + " is out of range");
  if (info.tile_size <= 0) throw InputError(path, "tile size must be positive");
}

std::vector<std::pair<std::string, std::string>> mbtiles_metadata(const TileSetInfo& info) {
  const geo::Box bounds = clamped_bounds(info);
  nlohmann::ordered_json json;
  if (!info.vector_layers.is_null()) json["vector_layers"] = info.vector_layers;
  json.update(covermap_fields(info));
  return {
      {"name", info.name},
      {"format", tile_format_name(info.format)},
      {"bounds", geo::shortest_text(bounds.min_x) + "," + geo::shortest_text(bounds.min_y) + "," +
                     geo::shortest_text(bounds.max_x) + "," + geo::shortest_text(bounds.max_y)},
      {"center", geo::shortest_text(info.center.x) + "," + geo::shortest_text(info.center.y) + "," +
                     std::to_string(info.center_zoom)},
      {"minzoom", std::to_string(info.min_zoom)},
      {"maxzoom", std::to_string(info.max_zoom)},
      {"attribution", info.attribution},
      {"description", info.description},
      {"type", "overlay"},
      {"version", "1"},
      {"json", json.dump()},
  };
}

geo::Box clamped_bounds(const TileSetInfo& info) {
  if (info.bounds.empty()) return {-180, -geo::kWebMercatorMaxLatitude, 180, geo::kWebMercatorMaxLatitude};
  return {std::clamp(info.bounds.min_x, -180.0, 180.0),
          std::clamp(info.bounds.min_y, -geo::kWebMercatorMaxLatitude, geo::kWebMercatorMaxLatitude),
          std::clamp(info.bounds.max_x, -180.0, 180.0),
          std::clamp(info.bounds.max_y, -geo::kWebMercatorMaxLatitude, geo::kWebMercatorMaxLatitude)};
}

void write_tilejson(const std::string& path, const TileSetInfo& info) {
  geo::write_file_atomically(tilejson_path(path), tilejson(path, info).dump(2) + "\n");
  if (info.style)
    geo::write_file_atomically(style_path(path),
                               maplibre_style(tile_url(path, info), info, *info.style).dump(2) + "\n");
}

}  // namespace detail
}  // namespace covermap::outputs
