#pragma once
// Reads YAML nodes of one map file, every error naming the file and the line of the offending node.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <set>
#include <string>

#include "app/map_file.hpp"
#include "geo/error.hpp"
#include "styles/color.hpp"

namespace covermap::app {

class MapReader {
 public:
  explicit MapReader(std::string path) : path_(std::move(path)) {}

  InputError error_at(const YAML::Node& node, const std::string& what, const std::string& hint = {}) const {
    const long line = node.Mark().is_null() ? 0 : node.Mark().line + 1;
    return line > 0 ? input_error_at_row(path_, line, what, hint) : InputError(path_, what, hint);
  }

  // Unknown keys are typos far more often than intent: say so rather than ignore them.
  void check_keys(const YAML::Node& map, const std::set<std::string>& known,
                  const std::string& section) const {
    if (!map.IsMap()) throw error_at(map, section + " must be a mapping");
    for (const auto& item : map) {
      const std::string key = item.first.as<std::string>();
      if (known.count(key)) continue;
      throw error_at(item.first, "unknown key '" + key + "'" + (section.empty() ? "" : " in " + section),
                     "known keys: " + comma_list(known));
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
    try {
      return value.as<double>();
    } catch (const YAML::Exception&) {
      throw error_at(value, key + " must be a number", "got '" + value.as<std::string>() + "'");
    }
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

 private:
  std::string path_;
};

// Defined in map_file.cpp, used by map_panels.cpp too.
// One map from a YAML mapping: the top level of a map file, or a panel laid over it.
styles::MapSpec read_map(const MapReader& reader, const YAML::Node& root);
// The file's YAML, a mapping; errors name the file (and the line, for a syntax error).
YAML::Node load_map_yaml(const std::string& path);

}  // namespace covermap::app
