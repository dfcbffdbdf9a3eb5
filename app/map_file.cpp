#include "app/map_file.hpp"

#include "app/map_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <filesystem>
#include <set>

#include "boundaries/aggregate.hpp"
#include "geo/error.hpp"
#include "styles/color.hpp"
#include "styles/palette.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;

// A map file is a few kilobytes; anything near these limits is a wrong file or an attack (a YAML "billion
// laughs" of aliases to aliases), refused before it costs minutes or gigabytes.
constexpr std::uintmax_t kMaxMapFileBytes = 1 << 20;
constexpr std::size_t kMaxMapNodes = 100'000;

// The nodes under `node` with every alias counted each time it is used, counting stopped past the limit.
std::size_t expanded_size(const YAML::Node& node, std::size_t counted) {
  if (++counted > kMaxMapNodes) return counted;
  if (node.IsSequence()) {
    for (const auto& item : node)
      if ((counted = expanded_size(item, counted)) > kMaxMapNodes) break;
  } else if (node.IsMap()) {
    for (const auto& item : node) {
      counted = expanded_size(item.first, counted);
      if ((counted = expanded_size(item.second, counted)) > kMaxMapNodes) break;
    }
  }
  return counted;
}

// A table of named units (adcode, name): a layer of the boundary source (`prefecture`), or {source, layer}.
boundaries::ParentSpec read_named_units(const MapReader& reader, const YAML::Node& node,
                                        const std::string& boundary_source, const std::string& role) {
  boundaries::ParentSpec spec;
  if (!node || node.IsNull()) return spec;
  if (node.IsScalar()) {
    spec = {boundary_source, node.as<std::string>()};
  } else {
    reader.check_keys(node, {"source", "layer"}, role);
    const std::string source = reader.text(node, "source");
    spec.source = source.empty() ? boundary_source : reader.resolve(source);
    spec.layer = reader.text(node, "layer");
  }
  if (spec.source.rfind("builtin:", 0) == 0)
    throw reader.error_at(node, role + " must name a file, or a layer of the boundary file",
                          "e.g. {source: china-admin.gpkg, layer: prefecture}");
  return spec;
}

// `complete_from: {layer: province}` (a layer of the same source), `{source, layer, id, name, encoding}`, or
// a source alone (`builtin:china-provinces`).
void read_complete_from(const MapReader& reader, const YAML::Node& node, styles::MapSpec& spec) {
  if (!node || node.IsNull()) return;
  boundaries::BoundarySpec& coarse = spec.complete_from;
  if (node.IsScalar()) {
    coarse.source = reader.resolve(node.as<std::string>());
  } else {
    reader.check_keys(node, {"source", "layer", "id", "name", "encoding", "crs"}, "boundaries.complete_from");
    const std::string source = reader.text(node, "source");
    coarse.source = source.empty() ? spec.boundaries.source : reader.resolve(source);
    coarse.layer = reader.text(node, "layer");
    coarse.id = reader.text(node, "id");
    coarse.name = reader.text(node, "name");
    coarse.encoding = reader.text(node, "encoding", source.empty() ? spec.boundaries.encoding : "");
    coarse.crs = reader.text(node, "crs", source.empty() ? spec.boundaries.crs : "");
  }
  if (coarse.source == spec.boundaries.source && coarse.layer == spec.boundaries.layer)
    throw reader.error_at(node, "boundaries.complete_from names the boundaries themselves",
                          "name a coarser layer, e.g. complete_from: {layer: province}");
}

void read_boundaries(const MapReader& reader, const YAML::Node& node, styles::MapSpec& spec) {
  if (!node)
    throw reader.error_at(node, "boundaries is missing",
                          "e.g. boundaries: {source: builtin:china-provinces}");
  if (node.IsScalar()) {
    spec.boundaries.source = reader.resolve(node.as<std::string>());
    return;
  }
  reader.check_keys(node, {"source", "layer", "id", "name", "encoding", "crs", "parents", "complete_from"},
                    "boundaries");
  spec.boundaries.source = reader.resolve(reader.text(node, "source"));
  if (spec.boundaries.source.empty()) throw reader.error_at(node, "boundaries.source is missing");
  spec.boundaries.layer = reader.text(node, "layer");
  spec.boundaries.id = reader.text(node, "id");
  spec.boundaries.name = reader.text(node, "name");
  spec.boundaries.encoding = reader.text(node, "encoding");
  spec.boundaries.crs = reader.text(node, "crs");
  spec.parents = read_named_units(reader, node["parents"], spec.boundaries.source, "boundaries.parents");
  read_complete_from(reader, node["complete_from"], spec);
}

void read_data(const MapReader& reader, const YAML::Node& node, styles::MapSpec& spec) {
  if (!node)
    throw reader.error_at(node, "data is missing", "e.g. data: {source: coverage.csv, key: Province}");
  reader.check_keys(
      node, {"source", "sheet", "key", "match", "parent", "encoding", "aggregate", "counties", "lon", "lat"},
      "data");
  spec.data.source = reader.resolve(reader.text(node, "source"));
  if (spec.data.source.empty()) throw reader.error_at(node, "data.source is missing");
  spec.data.sheet = reader.text(node, "sheet");
  spec.data.key = reader.text(node, "key");
  spec.data.lon = reader.text(node, "lon");
  spec.data.lat = reader.text(node, "lat");
  if (spec.data.lon.empty() != spec.data.lat.empty())
    throw reader.error_at(node, "data.lon and data.lat go together", "name both coordinate columns");
  if (spec.data.key.empty() && spec.data.lon.empty())
    throw reader.error_at(node, "data.key is missing",
                          "the column naming the unit (or data.lon and data.lat)");
  spec.data.match = reader.text(node, "match", "auto");
  spec.data.parent = reader.text(node, "parent");
  spec.data.encoding = reader.text(node, "encoding");
  spec.data.aggregate = reader.text(node, "aggregate");
  try {
    boundaries::parse_aggregate(spec.data.aggregate);
  } catch (const InputError& e) {
    throw reader.error_at(node["aggregate"], e.detail(), e.hint());
  }
  spec.counties = read_named_units(reader, node["counties"], spec.boundaries.source, "data.counties");
}

void read_classify(const MapReader& reader, const YAML::Node& node, styles::MapSpec& spec) {
  if (!node) return;
  reader.check_keys(node, {"method", "classes", "breaks", "categories"}, "classify");
  spec.classify.method = reader.text(node, "method", spec.classify.method);
  const double classes = reader.number(node, "classes", spec.classify.classes);
  if (classes != std::floor(classes) || classes < 1 || classes > 12)
    throw reader.error_at(node["classes"], "classify.classes must be a whole number from 1 to 12");
  spec.classify.classes = static_cast<int>(classes);
  if (const YAML::Node breaks = node["breaks"]) {
    if (!breaks.IsSequence()) throw reader.error_at(breaks, "classify.breaks must be a list of numbers");
    for (const auto& item : breaks)
      spec.classify.breaks.push_back(reader.number_at(item, "classify.breaks must be a list of numbers"));
  }
  // Manual breaks imply the class count: n+1 boundaries make n classes.
  if (!node["classes"] && spec.classify.breaks.size() >= 2)
    spec.classify.classes = static_cast<int>(spec.classify.breaks.size()) - 1;
  if (const YAML::Node categories = node["categories"]) {
    // Either a list (legend order) or a mapping of category to colour.
    if (categories.IsSequence()) {
      for (const auto& item : categories)
        spec.classify.categories.emplace_back(item.as<std::string>(), std::nullopt);
    } else if (categories.IsMap()) {
      for (const auto& item : categories)
        spec.classify.categories.emplace_back(item.first.as<std::string>(),
                                              reader.color(categories, item.first.as<std::string>(), {}));
    } else if (!categories.IsNull()) {
      throw reader.error_at(categories,
                            "classify.categories must be a list or a mapping of category: colour");
    }
  }
}

void read_palette(const MapReader& reader, const YAML::Node& node, styles::MapSpec& spec) {
  if (!node) return;
  if (node.IsScalar()) {
    spec.palette.name = node.Scalar();
    if (!styles::is_palette_name(spec.palette.name)) {
      const std::string nearest = MapReader::nearest(spec.palette.name, styles::palette_names());
      throw reader.error_at(node, "unknown palette '" + spec.palette.name + "'",
                            (nearest.empty() ? "" : "did you mean '" + nearest + "'? ") +
                                "a ColorBrewer name such as YlGnBu, Blues, Set2, or a list of colours");
    }
    return;
  }
  if (!node.IsSequence())
    throw reader.error_at(node, "palette must be a ColorBrewer name or a list of colours");
  for (const auto& item : node) {
    try {
      spec.palette.colors.push_back(styles::parse_color(item.as<std::string>(), "palette"));
    } catch (const InputError& e) {
      throw reader.error_at(item, e.detail(), e.hint());
    }
  }
}

styles::MarkShape read_shape(const MapReader& reader, const YAML::Node& node, styles::MarkShape fallback) {
  const YAML::Node shape = node["shape"];
  if (!shape || shape.IsNull()) return fallback;
  try {
    return styles::parse_mark_shape(reader.text(node, "shape"));
  } catch (const InputError& e) {
    throw reader.error_at(shape, "points: " + e.detail(), e.hint());
  }
}

// `kinds:` a mapping of each kind column value to {color, shape, label, radius_pt}, in legend order.
void read_point_kinds(const MapReader& reader, const YAML::Node& node, styles::PointStyle& style) {
  if (!node || node.IsNull()) return;
  if (!node.IsMap())
    throw reader.error_at(node, "points.kinds must be a mapping of kind: {color, shape, label}",
                          "e.g. kinds: {Epicentre: {color: \"#b2182b\", shape: star}}");
  for (const auto& item : node) {
    styles::PointKind kind;
    kind.value = item.first.as<std::string>();
    const YAML::Node look = item.second;
    if (look.IsScalar()) {
      kind.fill = reader.color(node, kind.value, kind.fill);  // `Kind: "#colour"`
    } else {
      reader.check_keys(look, {"color", "shape", "label", "radius_pt"}, "points.kinds");
      kind.fill = reader.color(look, "color", kind.fill);
      kind.shape = read_shape(reader, look, kind.shape);
      kind.label = reader.text(look, "label");
      kind.radius_pt = reader.number(look, "radius_pt", 0);
      if (kind.radius_pt < 0) throw reader.error_at(look["radius_pt"], "points.kinds radius_pt must be > 0");
    }
    style.kinds.push_back(std::move(kind));
  }
}

void read_points(const MapReader& reader, const YAML::Node& node, styles::MapSpec& spec) {
  if (!node || node.IsNull()) return;
  reader.check_keys(node,
                    {"source", "sheet", "lon", "lat", "size", "label", "color", "shape", "legend", "kind",
                     "kinds", "number", "text", "unit", "min_radius_pt", "max_radius_pt", "label_size_pt"},
                    "points");
  styles::PointsSpec& points = spec.points;
  const std::string source = reader.text(node, "source");
  points.source = source.empty() ? spec.data.source : reader.resolve(source);
  points.sheet = source.empty() ? spec.data.sheet : reader.text(node, "sheet");
  if (points.source.empty())
    throw reader.error_at(node, "points.source is missing", "a base map has no data table to take it from");
  points.lon = reader.text(node, "lon");
  points.lat = reader.text(node, "lat");
  if (points.lon.empty() || points.lat.empty())
    throw reader.error_at(node, "points needs lon and lat", "the columns of each point's coordinates");
  points.size = reader.text(node, "size");
  points.label = reader.text(node, "label");
  points.kind = reader.text(node, "kind");
  points.number = reader.text(node, "number");
  points.text = reader.text(node, "text");
  points.unit = reader.text(node, "unit");
  if (!points.text.empty() && points.number.empty())
    throw reader.error_at(node["text"], "points.text goes with points.number",
                          "the column the legend lists beside each number");
  styles::PointStyle& style = spec.style.points;
  style.fill = reader.color(node, "color", style.fill);
  style.shape = read_shape(reader, node, style.shape);
  style.legend = reader.text(node, "legend");
  read_point_kinds(reader, node["kinds"], style);
  if (!style.kinds.empty() && points.kind.empty())
    throw reader.error_at(node["kinds"], "points.kinds needs points.kind",
                          "the column naming each point's kind");
  style.min_radius_pt = reader.number(node, "min_radius_pt", style.min_radius_pt);
  style.max_radius_pt = reader.number(node, "max_radius_pt", style.max_radius_pt);
  style.label_size_pt = reader.number(node, "label_size_pt", style.label_size_pt);
  if (style.min_radius_pt <= 0 || style.max_radius_pt < style.min_radius_pt)
    throw reader.error_at(node, "points radii must satisfy 0 < min_radius_pt <= max_radius_pt");
}

constexpr double kDefaultGraticuleStep = 10;

void read_style(const MapReader& reader, const YAML::Node& root, styles::MapSpec& spec) {
  styles::MapStyle& style = spec.style;
  style.title = reader.text(root, "title");
  style.subtitle = reader.text(root, "subtitle");
  style.source = reader.text(root, "source");
  style.projection = reader.text(root, "projection", style.projection);
  if (const YAML::Node extent = root["extent"]) {
    if (!extent.IsSequence() || extent.size() != 4)
      throw reader.error_at(extent, "extent must be [west, south, east, north] in degrees");
    const auto degrees = [&](std::size_t i) {
      return reader.number_at(extent[i], "extent must be [west, south, east, north] in degrees");
    };
    geo::Box box{degrees(0), degrees(1), degrees(2), degrees(3)};
    if (box.min_x >= box.max_x || box.min_y >= box.max_y)
      throw reader.error_at(extent,
                            "extent must be [west, south, east, north] with west < east and south < north");
    style.extent = box;
  }
  if (const YAML::Node no_data = root["no_data"]) {
    reader.check_keys(no_data, {"fill", "hatch", "label"}, "no_data");
    style.no_data.fill = reader.color(no_data, "fill", style.no_data.fill);
    style.no_data.hatch = reader.flag(no_data, "hatch", style.no_data.hatch);
    style.no_data.label = reader.text(no_data, "label", style.no_data.label);
  }
  if (const YAML::Node borders = root["borders"]) {
    if (borders.IsScalar() && borders.as<std::string>() == "none") {
      style.borders.visible = false;
    } else {
      reader.check_keys(borders, {"color", "width_pt"}, "borders");
      style.borders.color = reader.color(borders, "color", style.borders.color);
      style.borders.width_pt = reader.number(borders, "width_pt", style.borders.width_pt);
    }
  }
  if (const YAML::Node labels = root["labels"]) {
    reader.check_keys(labels, {"field", "column", "size_pt"}, "labels");
    style.labels.column = reader.text(labels, "column");
    if (!style.labels.column.empty() && labels["field"])
      throw reader.error_at(labels,
                            "labels takes a field of the boundaries or a column of the data, not both");
    if (!style.labels.column.empty() && spec.base_map())
      throw reader.error_at(labels["column"], "labels.column needs data", "a base map has no table");
    style.labels.field = style.labels.column.empty() ? reader.text(labels, "field", "name") : "";
    style.labels.size_pt = reader.number(labels, "size_pt", style.labels.size_pt);
  }
  style.legend.title = spec.value;
  if (const YAML::Node legend = root["legend"]) {
    reader.check_keys(legend, {"title", "title_en", "position", "counts", "format"}, "legend");
    style.legend.title = reader.text(legend, "title", style.legend.title);
    style.legend.title_en = reader.text(legend, "title_en");
    style.legend.counts = reader.flag(legend, "counts", style.legend.counts);
    if (const std::string format = reader.text(legend, "format"); !format.empty()) {
      if (format == "number")
        spec.classify.format = styles::LabelFormat::number;
      else if (format == "percent")
        spec.classify.format = styles::LabelFormat::percent;
      else if (format == "share")
        spec.classify.format = styles::LabelFormat::share;
      else
        throw reader.error_at(legend["format"], "unknown legend.format '" + format + "'",
                              "number, percent (values are percentages) or share (values are shares of 1)");
    }
    try {
      style.legend.position = styles::parse_legend_position(reader.text(legend, "position"));
    } catch (const InputError& e) {
      throw reader.error_at(legend["position"], e.detail(), e.hint());
    }
  }
  if (const YAML::Node page = root["page"]) {
    reader.check_keys(page, {"width_mm", "height_mm", "dpi"}, "page");
    style.page.width_mm = reader.number(page, "width_mm", style.page.width_mm);
    style.page.height_mm = reader.number(page, "height_mm", style.page.height_mm);
    style.page.dpi = reader.number(page, "dpi", style.page.dpi);
    if (style.page.width_mm < 20 || style.page.height_mm < 20 || style.page.width_mm > 2000 ||
        style.page.height_mm > 2000)
      throw reader.error_at(page, "page size must be between 20 and 2000 mm");
  }
  style.font = reader.text(root, "font", style.font);
  if (const std::string words = reader.text(root, "language", "en"); words == "zh")
    style.words = styles::Language::zh;
  else if (words != "en")
    throw reader.error_at(root["language"], "unknown language '" + words + "'",
                          "en or zh: the language of what covermap prints (\"Source:\", the inset's title)");
  style.scale_bar = reader.flag(root, "scale_bar", style.scale_bar);
  style.north_arrow = reader.flag(root, "north_arrow", style.north_arrow);
  if (const YAML::Node graticule = root["graticule"]; graticule && !graticule.IsNull()) {
    if (graticule.IsScalar()) {
      style.graticule_step_deg = reader.flag(root, "graticule", false) ? kDefaultGraticuleStep : 0;
    } else {
      reader.check_keys(graticule, {"step_deg"}, "graticule");
      style.graticule_step_deg = reader.number(graticule, "step_deg", kDefaultGraticuleStep);
      if (!(style.graticule_step_deg > 0) || style.graticule_step_deg > 90)
        throw reader.error_at(graticule, "graticule.step_deg must be between 0 and 90 degrees",
                              "e.g. graticule: {step_deg: 10}");
    }
  }
}

styles::Inset parse_inset_region(const MapReader& reader, const YAML::Node& node) {
  const std::string name = node.as<std::string>();
  if (name == "south-china-sea") return styles::Inset::south_china_sea;
  if (name == "none") return styles::Inset::none;
  throw reader.error_at(node, "unknown inset '" + name + "'", "known insets: south-china-sea, none");
}

// `inset: south-china-sea`, or `inset: {region: south-china-sea, boundary: {source, layer} | none}`.
void read_inset(const MapReader& reader, const YAML::Node& node, styles::MapSpec& spec) {
  if (!node || node.IsNull()) return;
  if (node.IsScalar()) {
    spec.style.inset = parse_inset_region(reader, node);
    return;
  }
  reader.check_keys(node, {"region", "boundary", "land", "title", "note"}, "inset");
  const YAML::Node region = node["region"];
  if (!region || !region.IsScalar())
    throw reader.error_at(node, "inset.region is missing", "e.g. inset: {region: south-china-sea}");
  spec.style.inset = parse_inset_region(reader, region);
  if (node["title"]) spec.inset_title = reader.text(node, "title");
  if (node["note"]) spec.inset_note = reader.text(node, "note");
  if (const std::string land = reader.text(node, "land"); land == "none") {
    spec.inset_land.from = styles::InsetLandSpec::From::none;
  } else if (!land.empty() && land != "gshhg") {
    spec.inset_land.from = styles::InsetLandSpec::From::file;
    spec.inset_land.source = reader.resolve(land);
  }
  const YAML::Node boundary = node["boundary"];
  if (!boundary || boundary.IsNull()) return;
  if (boundary.IsScalar() && boundary.as<std::string>() == "none") {
    spec.inset_boundary.from = styles::InsetBoundarySpec::From::none;
    return;
  }
  reader.check_keys(boundary, {"source", "layer"}, "inset.boundary");
  spec.inset_boundary.from = styles::InsetBoundarySpec::From::file;
  spec.inset_boundary.source = reader.resolve(reader.text(boundary, "source"));
  if (spec.inset_boundary.source.empty())
    throw reader.error_at(boundary, "inset.boundary.source is missing",
                          "a GDAL vector file with the boundary line, or boundary: none");
  spec.inset_boundary.layer = reader.text(boundary, "layer", styles::kInsetBoundaryLayer);
}

}  // namespace

styles::MapSpec read_map(const MapReader& reader, const YAML::Node& root) {
  styles::MapSpec spec;
  spec.path = reader.path();
  try {
    read_boundaries(reader, root["boundaries"], spec);
    // Without data and value, a base map: the units alone, under points.
    if (root["data"] || root["value"]) {
      read_data(reader, root["data"], spec);
      spec.value = reader.text(root, "value");
      if (spec.value.empty()) throw reader.error_at(root, "value is missing", "the data column to map");
    } else {
      spec.style.no_data.hatch = false;
      spec.style.no_data.label.clear();
    }
    read_classify(reader, root["classify"], spec);
    read_palette(reader, root["palette"], spec);
    read_style(reader, root, spec);
    read_inset(reader, root["inset"], spec);
    read_points(reader, root["points"], spec);
  } catch (const YAML::Exception& e) {
    throw input_error_at_row(reader.path(), e.mark.line + 1, e.msg);
  }
  return spec;
}

YAML::Node load_map_yaml(const std::string& path) {
  return load_yaml_mapping(path, "map file", "expected keys such as title, boundaries, data");
}

YAML::Node load_yaml_mapping(const std::string& path, const std::string& kind, const std::string& hint) {
  if (!fs::is_regular_file(path)) throw InputError(path, "no such " + kind);
  std::error_code error;
  if (const auto bytes = fs::file_size(path, error); !error && bytes > kMaxMapFileBytes)
    throw InputError(path, "is " + std::to_string(bytes >> 20) + " MB, too large for a " + kind,
                     "a " + kind + " is a few kilobytes of YAML; is this the right file?");
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::ParserException& e) {
    throw input_error_at_row(path, e.mark.line + 1, "not valid YAML: " + e.msg);
  } catch (const YAML::Exception& e) {
    throw InputError(path, std::string("cannot be read: ") + e.what());
  }
  if (!root.IsMap()) throw InputError(path, "is not a " + kind, hint);
  if (expanded_size(root, 0) > kMaxMapNodes)
    throw InputError(path, "expands to more than " + std::to_string(kMaxMapNodes) + " values",
                     "YAML aliases (*name) that repeat each other? write the values out");
  return root;
}

}  // namespace covermap::app
