#pragma once
// Reads YAML nodes of one map file, every error naming the file and the line of the offending node.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "app/map_file.hpp"
#include "boundaries/name_key.hpp"
#include "geo/error.hpp"
#include "geo/number.hpp"
#include "styles/color.hpp"

namespace covermap::app {

class MapReader {
 public:
  explicit MapReader(std::string path) : path_(std::move(path)) {}

  // The node's line in the file, from 1; 0 when unknown.
  static long line_of(const YAML::Node& node) { return node.Mark().is_null() ? 0 : node.Mark().line + 1; }

  InputError error_at(const YAML::Node& node, const std::string& what, const std::string& hint = {}) const {
    const long line = line_of(node);
    return line > 0 ? input_error_at_row(path_, line, what, hint) : InputError(path_, what, hint);
  }

  // Unknown keys are typos far more often than intent: say so, with the nearest known key, rather than
  // ignore them.
  void check_keys(const YAML::Node& map, const std::set<std::string>& known,
                  const std::string& section) const {
    if (!map.IsMap()) throw error_at(map, section + " must be a mapping");
    for (const auto& item : map) {
      const std::string key = item.first.Scalar();
      if (known.count(key)) continue;
      const std::string nearest = MapReader::nearest(key, known);
      throw error_at(
          item.first, "unknown key '" + key + "'" + (section.empty() ? "" : " in " + section),
          nearest.empty() ? "known keys: " + comma_list(known) : "did you mean '" + nearest + "'?");
    }
  }

  std::string text(const YAML::Node& node, const std::string& key, const std::string& fallback = {}) const {
    const YAML::Node value = node[key];
    if (!value || value.IsNull()) return fallback;
    if (!value.IsScalar()) throw error_at(value, key + " must be a single value");
    return value.as<std::string>();
  }

  double number(const YAML::Node& node, const std::string& key, double fallback) const {
    const YAML::Node value = node[key];
    if (!value || value.IsNull()) return fallback;
    return number_at(value, key + " must be a number");
  }

  // The number a scalar node holds, read as every number covermap reads (geo/number.hpp); else the error
  // `what`, naming the node's line and what it holds.
  double number_at(const YAML::Node& value, const std::string& what) const {
    if (value.IsScalar())
      if (const auto number = geo::parse_number(value.Scalar())) return *number;
    const std::string text = value.IsScalar() ? value.Scalar() : "a list or mapping";
    const std::string hint = geo::not_a_number_hint(text);
    throw error_at(value, what, "got '" + text + "'" + (hint.empty() ? "" : ": " + hint));
  }

  bool flag(const YAML::Node& node, const std::string& key, bool fallback) const {
    const YAML::Node value = node[key];
    if (!value || value.IsNull()) return fallback;
    try {
      return value.as<bool>();
    } catch (const YAML::Exception&) {
      throw error_at(value, key + " must be true or false");
    }
  }

  styles::Color color(const YAML::Node& node, const std::string& key, const styles::Color& fallback) const {
    const YAML::Node value = node[key];
    if (!value || value.IsNull()) return fallback;
    try {
      return styles::parse_color(value.as<std::string>(), key);
    } catch (const InputError& e) {
      throw error_at(value, e.detail(), e.hint());
    }
  }

  // Paths in the map file are relative to the map file, not to where covermap runs.
  std::string resolve(const std::string& path) const {
    if (path.empty() || path.rfind("builtin:", 0) == 0 || std::filesystem::path(path).is_absolute())
      return path;
    return (std::filesystem::path(path_).parent_path() / path).lexically_normal().string();
  }

  const std::string& path() const { return path_; }

  // The known name a misspelt one is most likely meant to be, or "" when none is close: one edit for names
  // of up to three letters, else two, or a third of the name for long ones.
  template <typename Names>
  static std::string nearest(const std::string& name, const Names& known) {
    std::string found;
    std::size_t best = (name.size() <= 3 ? 1 : std::max<std::size_t>(2, name.size() / 3)) + 1;
    for (const auto& candidate : known)
      if (const std::size_t distance = boundaries::edit_distance(name, candidate); distance < best)
        best = distance, found = candidate;
    return found;
  }

 private:
  std::string path_;
};

// Defined in map_file.cpp, used by map_panels.cpp too.
// One map from a YAML mapping: the top level of a map file, or a panel laid over it.
styles::MapSpec read_map(const MapReader& reader, const YAML::Node& root);
// The file's YAML, a mapping; errors name the file (and the line, for a syntax error).
YAML::Node load_map_yaml(const std::string& path);
// A YAML file that must be a mapping: "no such KIND", "not valid YAML" with the line, "is not a KIND (HINT)".
YAML::Node load_yaml_mapping(const std::string& path, const std::string& kind, const std::string& hint);

}  // namespace covermap::app
