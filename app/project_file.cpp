#include "app/project_file.hpp"

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <map>

#include "app/map_reader.hpp"
#include "app/tiles_command.hpp"
#include "geo/error.hpp"
#include "outputs/figure_writer.hpp"
#include "outputs/tile_encoding.hpp"
#include "outputs/tile_sink.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;

ProjectTiles read_tiles(const MapReader& reader, const YAML::Node& node) {
  reader.check_keys(node, {"output", "zoom", "tile_size", "format", "bounds", "threads"}, "tiles");
  ProjectTiles tiles;
  tiles.line = MapReader::line_of(node);
  tiles.output = reader.resolve(reader.text(node, "output"));
  if (tiles.output.empty())
    throw reader.error_at(node, "tiles.output is missing", "an .mbtiles, a .pmtiles or a folder/");
  const std::string zoom = reader.text(node, "zoom");
  const auto range = parse_zoom_range(zoom);
  if (!range)
    throw reader.error_at(node["zoom"] ? node["zoom"] : node,
                          zoom.empty() ? "tiles.zoom is missing" : "tiles.zoom '" + zoom + "' is not a range",
                          "MIN-MAX with 0 <= MIN <= MAX <= 22, e.g. zoom: 0-8");
  tiles.zoom = *range;
  tiles.tile_size = static_cast<int>(reader.number(node, "tile_size", 256));
  if (tiles.tile_size != 256 && tiles.tile_size != 512)
    throw reader.error_at(node["tile_size"], "tiles.tile_size must be 256 or 512");
  tiles.format = reader.text(node, "format", "png");
  try {
    outputs::parse_tile_format(tiles.format);
  } catch (const InputError& e) {
    throw reader.error_at(node["format"], e.detail(), e.hint());
  }
  if (const YAML::Node bounds = node["bounds"]; bounds && !bounds.IsNull()) {
    std::string text;
    for (const auto& item : bounds) text += (text.empty() ? "" : ",") + item.as<std::string>();
    tiles.bounds = parse_bounds(bounds.IsSequence() ? text : bounds.as<std::string>());
    if (!tiles.bounds)
      throw reader.error_at(bounds, "tiles.bounds must be [west, south, east, north] in degrees");
  }
  const double threads = reader.number(node, "threads", 0);
  if (threads < 0 || threads > 256 || threads != static_cast<int>(threads))
    throw reader.error_at(node["threads"], "tiles.threads must be a whole number from 1 to 256");
  tiles.threads = static_cast<int>(threads);
  return tiles;
}

ProjectMap read_map_entry(const MapReader& reader, const YAML::Node& node) {
  if (!node.IsMap())
    throw reader.error_at(node, "each entry of maps must be a mapping",
                          "e.g. - {map: ecd.yaml, outputs: [ecd.pdf]}");
  reader.check_keys(node, {"map", "outputs", "tiles", "allow_unmatched"}, "maps");
  ProjectMap map;
  map.line = MapReader::line_of(node);
  map.allow_unmatched = reader.flag(node, "allow_unmatched", false);
  map.map = reader.resolve(reader.text(node, "map"));
  if (map.map.empty()) throw reader.error_at(node, "map is missing", "the map file this entry draws");
  if (!fs::is_regular_file(map.map)) throw reader.error_at(node["map"], "no such map file " + map.map);
  if (const YAML::Node outputs = node["outputs"]; outputs && !outputs.IsNull()) {
    if (!outputs.IsSequence()) throw reader.error_at(outputs, "outputs must be a list of figure files");
    for (const auto& item : outputs) {
      if (!item.IsScalar())
        throw reader.error_at(item, "each output must be a file name", "e.g. out/ecd.pdf");
      ProjectFigure figure{reader.resolve(item.as<std::string>()), MapReader::line_of(item)};
      try {
        outputs::figure_format(figure.output);
      } catch (const InputError& e) {
        throw reader.error_at(item, e.detail() + " for " + item.as<std::string>(),
                              "a figure is .pdf, .svg or .png; tiles go under tiles:");
      }
      map.figures.push_back(std::move(figure));
    }
  }
  // One tile set, or a list of them.
  if (const YAML::Node tiles = node["tiles"]; tiles && !tiles.IsNull()) {
    if (tiles.IsSequence())
      for (const auto& item : tiles) map.tiles.push_back(read_tiles(reader, item));
    else
      map.tiles.push_back(read_tiles(reader, tiles));
  }
  if (map.figures.empty() && map.tiles.empty())
    throw reader.error_at(node, "this map has no outputs",
                          "add outputs: [a.pdf] or tiles: {output: a.pmtiles, zoom: 0-8}");
  return map;
}

std::string path_key(const std::string& output) {
  std::string key = fs::absolute(output).lexically_normal().string();
  if (key.size() > 1 && key.back() == '/') key.pop_back();  // out/tiles/ is out/tiles
  return key;
}

// Two entries writing one path would overwrite each other's work, and an output inside a tile folder would
// go each time the folder is replaced: either is an error naming both lines.
void check_distinct_outputs(const MapReader& reader, const Project& project) {
  std::map<std::string, long> line_of_path;
  std::vector<std::pair<std::string, long>> folders;  // tile sets that are folders
  const auto claim = [&](const std::string& output, long line) {
    const auto [it, fresh] = line_of_path.emplace(path_key(output), line);
    if (!fresh)
      throw input_error_at_row(reader.path(), line,
                               "two entries write " + output + " (lines " + std::to_string(it->second) +
                                   " and " + std::to_string(line) + ")",
                               "give each output its own path");
  };
  for (const ProjectMap& map : project.maps) {
    for (const ProjectFigure& figure : map.figures) claim(figure.output, figure.line);
    for (const ProjectTiles& tiles : map.tiles) {
      claim(tiles.output, tiles.line);
      if (outputs::tile_sink_kind(tiles.output) == outputs::TileSinkKind::directory)
        folders.emplace_back(path_key(tiles.output) + "/", tiles.line);
    }
  }
  for (const auto& [path, line] : line_of_path)
    for (const auto& [folder, folder_line] : folders)
      if (path.rfind(folder, 0) == 0)
        throw input_error_at_row(
            reader.path(), line,
            "this output is inside the tile folder of line " + std::to_string(folder_line),
            "a tile folder is replaced whole at each build; write it elsewhere");
}

}  // namespace

Project load_project(const std::string& path) {
  const YAML::Node root =
      load_yaml_mapping(path, "project file", "expected maps: [{map: ..., outputs: [...]}]");
  const MapReader reader(path);
  Project project;
  project.path = path;
  try {
    reader.check_keys(root, {"maps", "serve"}, "");
    const YAML::Node maps = root["maps"];
    if (!maps || !maps.IsSequence() || maps.size() == 0)
      throw reader.error_at(maps ? maps : root, "maps must be a list of maps and their outputs",
                            "e.g. maps: [{map: ecd.yaml, outputs: [out/ecd.pdf]}]");
    for (const auto& entry : maps) project.maps.push_back(read_map_entry(reader, entry));
    if (const YAML::Node serve = root["serve"]; serve && !serve.IsNull()) {
      reader.check_keys(serve, {"basemap"}, "serve");
      project.basemap = reader.text(serve, "basemap");
      if (const std::string problem = basemap_problem(project.basemap);
          !project.basemap.empty() && !problem.empty())
        throw reader.error_at(serve["basemap"], "serve.basemap " + problem,
                              "e.g. basemap: \"https://tile.openstreetmap.org/{z}/{x}/{y}.png\"");
    }
  } catch (const YAML::Exception& e) {
    throw input_error_at_row(path, e.mark.line + 1, e.msg);
  }
  check_distinct_outputs(reader, project);
  return project;
}

bool is_project_file(const std::string& path) {
  try {
    const YAML::Node root = YAML::LoadFile(path);
    return root.IsMap() && static_cast<const YAML::Node&>(root)["maps"];
  } catch (const YAML::Exception&) {
    return false;
  }
}

std::string basemap_problem(const std::string& url) {
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
    return "must be an http:// or https:// URL";
  if (url.find_first_of(" \t\"';<>\\") != std::string::npos) return "must not hold spaces, quotes or ;";
  for (const char* part : {"{z}", "{x}", "{y}"})
    if (url.find(part) == std::string::npos) return std::string("has no ") + part + " in it";
  return {};
}

}  // namespace covermap::app
