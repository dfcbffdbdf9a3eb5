#include "app/build_inputs.hpp"

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <filesystem>
#include <set>

#include "app/map_reader.hpp"
#include "boundaries/boundary_cache.hpp"
#include "boundaries/gshhg.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/file_hash_memo.hpp"
#include "geo/gdal_io.hpp"
#include "render/font_files.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCovermap = "covermap";
constexpr const char* kTileSettings = "tile settings";
constexpr const char* kStyle = "style";
constexpr const char* kBoundaries = "boundaries ";

// The YAML tree with mapping keys sorted: comments, quoting, layout and key order do not count.
void canonical(const YAML::Node& node, std::string& out) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      std::map<std::string, YAML::Node> items;
      for (const auto& item : node) items.emplace(item.first.as<std::string>(), item.second);
      out += '{';
      for (const auto& [key, value] : items) {
        out += std::to_string(key.size()) + ':' + key;
        canonical(value, out);
      }
      out += '}';
      return;
    }
    case YAML::NodeType::Sequence:
      out += '[';
      for (const auto& item : node) canonical(item, out);
      out += ']';
      return;
    case YAML::NodeType::Scalar: {
      const std::string& text = node.Scalar();
      out += '"' + std::to_string(text.size()) + ':' + text;
      return;
    }
    default:
      out += '~';
  }
}

// GDAL reads some sources from elsewhere (/vsicurl/, a database): they cannot be hashed, so they count as
// changed at every build.
bool is_remote(const std::string& path) {
  return path.rfind("/vsi", 0) == 0 || path.find(':') < path.find('/');
}

std::string hex_of(const std::string& text) {
  geo::ContentHash hash;
  hash.add(text);
  return hash.hex();
}

}  // namespace

bool redraws_every_tile(const std::string& input_name) {
  return input_name == kCovermap || input_name == kTileSettings || input_name == kStyle ||
         input_name.rfind(kBoundaries, 0) == 0;
}

std::string changed_inputs(const InputHashes& before, const InputHashes& now) {
  std::vector<std::string> names;
  for (const auto& [name, hash] : now)
    if (const auto it = before.find(name); it == before.end() || it->second != hash) names.push_back(name);
  for (const auto& [name, hash] : before)
    if (!now.count(name)) names.push_back(name + " (no longer used)");
  constexpr std::size_t kNamed = 3;
  std::string text;
  for (std::size_t i = 0; i < names.size() && i < kNamed; ++i)
    text += (i == 0 ? "" : i + 1 == names.size() ? " and " : ", ") + names[i];
  if (names.size() > kNamed) text += " and " + std::to_string(names.size() - kNamed) + " more";
  return text.empty() ? text : text + " changed";
}

const std::string& covermap_identity() {
  static const std::string identity = [] {
    geo::ContentHash hash;
    std::error_code error;
    const fs::path exe = fs::read_symlink("/proc/self/exe", error);
    if (!error) hash.add_file(exe.string());
    return std::string(COVERMAP_VERSION) + "+" + hash.hex().substr(0, 16);
  }();
  return identity;
}

InputHasher::InputHasher(const std::string& project_path, Remote remote)
    : project_folder_(fs::absolute(project_path).parent_path().lexically_normal().string()),
      remote_(remote) {}

std::string InputHasher::shown(const std::string& path) const {
  if (path.rfind(boundaries::kBuiltinPrefix, 0) == 0 || is_remote(path)) return path;
  const fs::path relative = fs::absolute(path).lexically_normal().lexically_relative(project_folder_);
  return relative.empty() ? path : relative.string();
}

const std::string& InputHasher::file_hash(const std::string& path) {
  auto it = file_hashes_.find(path);
  if (it == file_hashes_.end())
    it = file_hashes_.emplace(path, geo::memoised_file_hash(path, boundaries::cache_directory())).first;
  return it->second;
}

const std::string& InputHasher::map_file_hash(const std::string& path) {
  auto it = map_hashes_.find(path);
  if (it == map_hashes_.end()) {
    std::string text;
    canonical(load_map_yaml(path), text);
    it = map_hashes_.emplace(path, hex_of(text)).first;
    file_hashes_.emplace(path, it->second);  // watched like the other inputs
  }
  return it->second;
}

void InputHasher::add_dataset(const std::string& role, const std::string& path, InputHashes& inputs) {
  const std::string name = role + " " + shown(path);
  if (inputs.count(name)) return;
  if (is_remote(path) && remote_ == Remote::by_content) {
    inputs[name] = hex_of(geo::is_gdal_virtual_path(path) ? geo::read_gdal_file(path) : path);
    return;
  }
  if (is_remote(path)) {
    // A new hash every time: such an output is rebuilt at every build.
    inputs[name + " (not a local file)"] =
        hex_of(std::to_string(std::chrono::system_clock::now().time_since_epoch().count()));
    return;
  }
  const std::vector<std::string> files = geo::dataset_files(path);
  if (files.empty()) throw InputError(path, "no such file (" + role + ")");
  geo::ContentHash hash;
  for (const std::string& file : files) hash.add(file_hash(file));
  inputs[name] = hash.hex();
}

void InputHasher::add_map_inputs(const styles::MapSpec& spec, InputHashes& inputs) {
  inputs[kCovermap] = covermap_identity();
  inputs["map " + shown(spec.path)] = map_file_hash(spec.path);
  // The boundary cache's key: the spec's fields (layer, id field, CRS...) and the files' bytes.
  const boundaries::BoundarySpec& b = spec.boundaries;
  inputs[kBoundaries + shown(b.source)] =
      boundaries::boundary_cache_key(b, [this](const std::string& path) { return file_hash(path); });
  if (!spec.data.source.empty()) add_dataset("data", spec.data.source, inputs);  // none for a base map
  if (const boundaries::BoundarySpec& coarser = spec.complete_from; !coarser.source.empty())
    inputs["complete_from " + shown(coarser.source)] =
        boundaries::boundary_cache_key(coarser, [this](const std::string& path) { return file_hash(path); });
  for (const auto& [role, source] :
       {std::pair{"parents", spec.parents.source}, {"counties", spec.counties.source}})
    if (!source.empty() && source != b.source) add_dataset(role, source, inputs);
}

InputHashes InputHasher::figure_inputs(const styles::MapDocument& document) {
  InputHashes inputs;
  std::set<std::pair<std::string, std::string>> fonts;
  for (const styles::MapSpec& spec : document.maps) {
    add_map_inputs(spec, inputs);
    if (!spec.points.source.empty() && spec.points.source != spec.data.source)
      add_dataset("points", spec.points.source, inputs);
    if (spec.inset_boundary.from == styles::InsetBoundarySpec::From::file)
      add_dataset("inset boundary", spec.inset_boundary.source, inputs);
    if (spec.style.inset != styles::Inset::none) {  // the inset's land: GSHHG's shorelines
      const std::string land = spec.inset_land.from == styles::InsetLandSpec::From::file
                                   ? spec.inset_land.source
                                   : boundaries::default_gshhg_path();
      if (spec.inset_land.from != styles::InsetLandSpec::From::none && !land.empty() && fs::exists(land))
        add_dataset("inset land", land, inputs);
    }
    fonts.emplace(spec.style.font, spec.style.language);
  }
  fonts.emplace(document.page.font, document.page.language);
  geo::ContentHash hash;
  for (const auto& [family, language] : fonts) {
    hash.add(family).add(language);
    for (const std::string& file : render::font_files(family, language)) hash.add(file).add(file_hash(file));
  }
  inputs["fonts"] = hash.hex();
  return inputs;
}

InputHashes InputHasher::tile_inputs(const styles::MapSpec& spec, const ProjectTiles& tiles) {
  InputHashes inputs;
  add_map_inputs(spec, inputs);
  geo::ContentHash settings;
  settings.add(std::to_string(tiles.zoom.min) + "-" + std::to_string(tiles.zoom.max))
      .add(std::to_string(tiles.tile_size))
      .add(tiles.format);
  if (tiles.bounds)
    for (const double v :
         {tiles.bounds->min_x, tiles.bounds->min_y, tiles.bounds->max_x, tiles.bounds->max_y})
      settings.add(std::to_string(v));
  inputs[kTileSettings] = settings.hex();
  // How units are drawn besides their fills: borders and the no-data fill and hatching.
  const styles::MapStyle& style = spec.style;
  geo::ContentHash drawing;
  drawing.add(style.borders.visible ? "borders" : "none")
      .add(style.borders.color.hex())
      .add(std::to_string(style.borders.width_pt))
      .add(style.no_data.fill.hex())
      .add(style.no_data.hatch ? "hatch" : "plain");
  inputs[kStyle] = drawing.hex();
  return inputs;
}

std::vector<std::string> InputHasher::files() const {
  std::vector<std::string> files;
  for (const auto& [path, hash] : file_hashes_) files.push_back(path);
  return files;
}

}  // namespace covermap::app
