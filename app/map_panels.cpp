// The map file as a document: one map, or a page of panels laid over the top level (see docs/map-file.md).
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>
#include <string>

#include "app/map_file.hpp"
#include "app/map_reader.hpp"
#include "geo/error.hpp"

namespace covermap::app {
namespace {

// The keys a single map and each panel may have; the page's own keys only at the top level.
const std::set<std::string> kMapKeys{
    "boundaries", "data",   "value",  "classify", "palette",   "no_data",     "borders",   "projection",
    "extent",     "labels", "legend", "inset",    "scale_bar", "north_arrow", "graticule", "points"};
const std::set<std::string> kPageKeys{"title", "subtitle", "source", "page", "font", "language"};

std::set<std::string> keys_with(std::set<std::string> keys, const std::set<std::string>& more) {
  keys.insert(more.begin(), more.end());
  return keys;
}

// The top level's map keys, each overridden by the panel's: a mapping merged key by key (the panel's keys
// win), anything else replaced. The nodes keep their marks, so errors still name the line they came from.
YAML::Node panel_map(const YAML::Node& root, const YAML::Node& panel) {
  YAML::Node merged(YAML::NodeType::Map);
  for (const auto& item : root) {
    const std::string key = item.first.as<std::string>();
    if (key != "panels" && key != "grid") merged[key] = item.second;
  }
  for (const auto& item : panel) {
    const std::string key = item.first.as<std::string>();
    if (key == "title") continue;
    const YAML::Node inherited = root[key];
    if (inherited && inherited.IsMap() && item.second.IsMap()) {
      YAML::Node both(YAML::NodeType::Map);
      for (const auto& entry : inherited) both[entry.first.as<std::string>()] = entry.second;
      for (const auto& entry : item.second) both[entry.first.as<std::string>()] = entry.second;
      merged[key] = both;
    } else {
      merged[key] = item.second;
    }
  }
  return merged;
}

styles::MapSpec read_panel(const MapReader& reader, const YAML::Node& root, const YAML::Node& panel,
                           std::size_t index) {
  const long line = panel.Mark().is_null() ? 0 : panel.Mark().line + 1;
  if (!panel.IsMap())
    throw reader.error_at(panel, "panels[" + std::to_string(index + 1) + "] must be a mapping",
                          "e.g. - {title: \"WASH pilots\", value: \"WASH\"}");
  reader.check_keys(panel, keys_with(kMapKeys, {"title"}), "panel " + std::to_string(index + 1));
  styles::MapSpec spec;
  const std::string name = "panel " + std::to_string(index + 1);
  try {
    spec = read_map(reader, panel_map(root, panel));
  } catch (const InputError& e) {
    // An error that names no line (a key missing from both levels) names the panel's.
    if (e.where() != reader.path() || line == 0) throw;
    throw input_error_at_row(reader.path(), line, name + ": " + e.detail(), e.hint());
  }
  spec.panel.title = reader.text(panel, "title");
  spec.panel.line = line;
  spec.panel.index = static_cast<int>(index) + 1;
  spec.style.title = spec.panel.title;
  spec.style.subtitle.clear();
  spec.style.source.clear();
  return spec;
}

int read_columns(const MapReader& reader, const YAML::Node& grid, std::size_t panels) {
  if (!grid || grid.IsNull()) return 0;
  reader.check_keys(grid, {"columns"}, "grid");
  const double columns = reader.number(grid, "columns", 0);
  if (columns != std::floor(columns) || columns < 1 || columns > static_cast<double>(panels))
    throw reader.error_at(grid["columns"], "grid.columns must be a whole number from 1 to the panel count (" +
                                               std::to_string(panels) + ")");
  return static_cast<int>(columns);
}

styles::MapDocument read_document(const std::string& path) {
  const YAML::Node root = load_map_yaml(path);
  MapReader reader(path);
  styles::MapDocument document;
  const YAML::Node panels = root["panels"];
  if (!panels) {
    reader.check_keys(root, keys_with(kMapKeys, kPageKeys), "");
    document.maps.push_back(read_map(reader, root));
    document.page = document.maps.front().style;
    return document;
  }
  reader.check_keys(root, keys_with(keys_with(kMapKeys, kPageKeys), {"panels", "grid"}), "");
  if (!panels.IsSequence() || panels.size() == 0)
    throw reader.error_at(
        panels, "panels must be a list of maps",
        "e.g. panels: [{title: \"ECD\", value: \"ECD\"}, {title: \"WASH\", value: \"WASH\"}]");
  document.has_panels = true;
  for (std::size_t i = 0; i < panels.size(); ++i)
    document.maps.push_back(read_panel(reader, root, panels[i], i));
  document.columns = read_columns(reader, root["grid"], panels.size());
  // The page: the top level's title block, page size and font.
  document.page = document.maps.front().style;
  document.page.title = reader.text(root, "title");
  document.page.subtitle = reader.text(root, "subtitle");
  document.page.source = reader.text(root, "source");
  return document;
}

}  // namespace

styles::MapDocument load_map_document(const std::string& path) {
  // Well-formed YAML can still hold a list where covermap converts a node to text or a number (a key such as
  // `? [a, b]`), here or in read_map: the file's fault, so an InputError at the node's line wherever it is.
  try {
    return read_document(path);
  } catch (const YAML::Exception& e) {
    if (e.mark.is_null()) throw InputError(path, e.msg);
    throw input_error_at_row(path, e.mark.line + 1, e.msg);
  }
}

styles::MapSpec load_map_file(const std::string& path) {
  styles::MapDocument document = load_map_document(path);
  if (document.has_panels)
    throw InputError(path, "has panels: this command makes one map",
                     "render it as a figure, or give each panel a map file of its own");
  return std::move(document.maps.front());
}

}  // namespace covermap::app
