#include "outputs/inset_content.hpp"

#include <algorithm>
#include <filesystem>

#include "boundaries/builtin.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/warnings.hpp"
#include "render/scene.hpp"

namespace covermap::outputs {
namespace {

// The boundary line the inset draws: the file the map names, else the boundaries source's own scs_boundary
// layer when it has one; none for built-in boundaries (DCW has no such line).
geo::MultiPolygon load_inset_boundary(const styles::MapSpec& spec) {
  std::string source = spec.inset_boundary.source;
  std::string layer = spec.inset_boundary.layer;
  switch (spec.inset_boundary.from) {
    case styles::InsetBoundarySpec::From::none:
      return {};
    case styles::InsetBoundarySpec::From::detect: {
      if (spec.boundaries.source.rfind(boundaries::kBuiltinPrefix, 0) == 0) return {};
      const auto layers = geo::layer_names(spec.boundaries.source);
      if (std::find(layers.begin(), layers.end(), styles::kInsetBoundaryLayer) == layers.end()) return {};
      source = spec.boundaries.source;
      layer = styles::kInsetBoundaryLayer;
      break;
    }
    case styles::InsetBoundarySpec::From::file:
      break;
  }
  geo::FeatureLayer read = geo::read_polygon_layer(source, {layer, ""});
  geo::MultiPolygon line;
  for (auto& feature : read.features)
    for (auto& part : feature.geometry) line.push_back(std::move(part));
  if (line.empty())
    throw InputError(source, "layer '" + read.layer + "' has no polygons for the inset boundary",
                     "the line is read as thin polygons, as in china-admin.gpkg's scs_boundary");
  return line;
}

// The note, in the map's words: what the inset leaves out. Islands count as drawn when GSHHG's land is, or
// when the boundaries are the user's own (a county source such as china-admin.gpkg has them); the built-in
// DCW provinces have none.
std::string missing_note(const styles::MapSpec& spec, bool line, bool land) {
  const bool builtin = spec.boundaries.source.rfind(boundaries::kBuiltinPrefix, 0) == 0;
  const bool islands = land || !builtin;
  const bool zh = spec.style.words == styles::Language::zh;
  if (!line && !islands) return zh ? "未绘出南海诸岛及断续线" : "Islands and boundary line not drawn";
  if (!line) return zh ? "未绘出断续线" : "Boundary line not drawn";
  if (!islands) return zh ? "未绘出南海诸岛" : "Islands not drawn";
  return {};
}

}  // namespace

const boundaries::Land* InsetLoader::land(const styles::MapSpec& spec) {
  const styles::InsetLandSpec& wanted = spec.inset_land;
  if (wanted.from == styles::InsetLandSpec::From::none) return nullptr;
  const std::string path =
      wanted.from == styles::InsetLandSpec::From::file ? wanted.source : boundaries::default_gshhg_path();
  if (wanted.from == styles::InsetLandSpec::From::automatic && !std::filesystem::exists(path)) {
    warn_once("gshhg:" + path, path +
                                   " not found: the South China Sea inset draws no islands (install Debian's "
                                   "gmt-gshhg-full, or set COVERMAP_GSHHG)");
    return nullptr;
  }
  auto found = land_by_path_.find(path);
  if (found == land_by_path_.end())
    found = land_by_path_.emplace(path, boundaries::read_gshhg_land(path, render::kSouthChinaSeaInset)).first;
  return &found->second;
}

InsetContent InsetLoader::load(const styles::MapSpec& spec) {
  InsetContent content;
  if (spec.style.inset == styles::Inset::none) return content;
  content.boundary = load_inset_boundary(spec);
  content.land = land(spec);
  const bool zh = spec.style.words == styles::Language::zh;
  content.title = spec.inset_title.value_or(zh ? "南海诸岛" : "South China Sea Islands");
  content.note =
      spec.inset_note.value_or(missing_note(spec, !content.boundary.empty(), content.land != nullptr));
  return content;
}

}  // namespace covermap::outputs
