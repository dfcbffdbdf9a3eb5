#include "app/commands.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "app/choropleth.hpp"
#include "app/map_file.hpp"
#include "boundaries/aggregate.hpp"
#include "boundaries/builtin.hpp"
#include "boundaries/join_report.hpp"
#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "outputs/figure_writer.hpp"
#include "render/figure.hpp"

#include <nlohmann/json.hpp>

namespace covermap::app {
namespace {

double number_in(const geo::Table& table, std::size_t row, int column, const std::string& role) {
  std::string text = table.rows[row][static_cast<std::size_t>(column)];
  text.erase(std::remove(text.begin(), text.end(), ','), text.end());
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end == text.c_str() || *end != '\0' || !std::isfinite(value))
    throw input_error_at_row(
        table.source, static_cast<long>(row) + 1,
        "'" + table.rows[row][static_cast<std::size_t>(column)] + "' is not a number (" + role + ")");
  return value;
}

// The marks of the points: layer. Rows without coordinates are skipped; bad numbers are errors naming the
// row.
std::vector<render::PointMark> read_points(const PointsSpec& spec) {
  const geo::Table table = geo::read_table(spec.source, {spec.sheet, ""});
  const int lon = boundaries::require_column(table, spec.lon, "points.lon");
  const int lat = boundaries::require_column(table, spec.lat, "points.lat");
  const int size = spec.size.empty() ? -1 : boundaries::require_column(table, spec.size, "points.size");
  const int label = spec.label.empty() ? -1 : boundaries::require_column(table, spec.label, "points.label");
  std::vector<render::PointMark> marks;
  for (std::size_t row = 0; row < table.rows.size(); ++row) {
    const auto& cells = table.rows[row];
    if (cells[static_cast<std::size_t>(lon)].empty() || cells[static_cast<std::size_t>(lat)].empty())
      continue;
    render::PointMark mark;
    mark.lon_lat = {number_in(table, row, lon, "points.lon"), number_in(table, row, lat, "points.lat")};
    if (size >= 0 && !cells[static_cast<std::size_t>(size)].empty())
      mark.size = number_in(table, row, size, "points.size");
    if (label >= 0) mark.label = cells[static_cast<std::size_t>(label)];
    marks.push_back(std::move(mark));
  }
  return marks;
}

// The boundary line the inset draws: the file the map names, else the boundaries source's own scs_boundary
// layer when it has one; none for built-in boundaries (DCW has no such line).
geo::MultiPolygon load_inset_boundary(const MapSpec& spec) {
  if (spec.style.inset == render::Inset::none) return {};
  std::string source = spec.inset_boundary.source;
  std::string layer = spec.inset_boundary.layer;
  switch (spec.inset_boundary.from) {
    case InsetBoundarySpec::From::none:
      return {};
    case InsetBoundarySpec::From::detect: {
      if (spec.boundaries.source.rfind(boundaries::kBuiltinPrefix, 0) == 0) return {};
      const auto layers = geo::layer_names(spec.boundaries.source);
      if (std::find(layers.begin(), layers.end(), kInsetBoundaryLayer) == layers.end()) return {};
      source = spec.boundaries.source;
      layer = kInsetBoundaryLayer;
      break;
    }
    case InsetBoundarySpec::From::file:
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

// The page a panel's map is generalized for: with grid.columns, its cell's share of the page (the cell is
// smaller still, by the gaps and headings), so the detail kept is never coarser than the output shows;
// without, the renderer chooses the grid from the maps' extents, and the whole page is the safe bound.
render::PageSpec panel_page(const MapDocument& document) {
  render::PageSpec page = document.page.page;
  if (document.columns <= 0) return page;
  const auto count = static_cast<int>(document.maps.size());
  const int rows = (count + document.columns - 1) / document.columns;  // whole rows, the last maybe part full
  page.width_mm /= document.columns;
  page.height_mm /= rows;
  return page;
}

}  // namespace

int run_join(const std::string& map_path, const std::string& report_path) {
  const geo::GeosContext geos;
  const MapDocument document = load_map_document(map_path);
  BoundaryStore store(geos, document.maps);
  // One report object per map; a file with panels gets a JSON array of them, in panel order, each with
  // "panel": {"index", "title"}.
  nlohmann::ordered_json reports = nlohmann::ordered_json::array();
  bool clean = true;
  for (const MapSpec& spec : document.maps) {
    const JoinedMap joined = join_map(spec, store, geos);
    nlohmann::ordered_json report = boundaries::join_report(joined.units, joined.table, joined.result);
    if (document.has_panels) {
      report["panel"] = {{"index", spec.panel.index}, {"title", spec.panel.title}};
      std::cout << "panel " << spec.panel.index << " (" << spec.panel.title << "): ";
    }
    reports.push_back(std::move(report));
    std::cout << joined.table.source << ": " << boundaries::join_summary(joined.table, joined.result) << "\n";
    std::cout << boundaries::join_problem_table(joined.units, joined.result);
    clean = clean && joined.result.clean();
  }
  if (!report_path.empty()) {
    const nlohmann::ordered_json& written = document.has_panels ? reports : reports.front();
    geo::write_file_atomically(report_path, written.dump(2) + "\n");
    std::cout << "report: " << report_path << "\n";
  }
  return clean ? kDone : kBadInput;
}

int run_render(const std::string& map_path, const std::string& output_path, std::optional<double> dpi,
               bool allow_unmatched) {
  const outputs::FigureFormat format = outputs::figure_format(output_path);  // fails before any work
  const geo::GeosContext geos;
  const MapDocument document = load_map_document(map_path);
  BoundaryStore store(geos, document.maps);
  std::vector<JoinedMap> joined;
  for (const MapSpec& spec : document.maps) {
    joined.push_back(join_map(spec, store, geos));
    if (const int refused = refuse_unclean_join(joined.back(), map_path, output_path, allow_unmatched))
      return refused;
  }

  const double resolution = dpi.value_or(document.page.page.dpi);
  render::Figure figure;
  figure.page = document.page;
  figure.columns = document.has_panels ? document.columns : 1;
  std::string summary;
  for (JoinedMap& map : joined) {
    const ClassifiedUnits classified = classify_units(map);
    summary += (summary.empty() ? "" : "; ") + boundaries::join_summary(map.table, map.result);
    const double detail_pt = render::figure_detail_pt(format == outputs::FigureFormat::png, resolution);
    render::MapStyle style = map.spec.style;
    if (document.has_panels) {
      style.page = panel_page(document);  // generalized for the cell, not the page
      style.legend.compact = true;
    }
    render::Scene scene =
        render::build_scene(std::move(map.units), classified.class_of_unit, classified.classification, style,
                            geos, detail_pt, load_inset_boundary(map.spec));
    if (!map.spec.points.source.empty()) render::add_points(scene, read_points(map.spec.points));
    figure.panels.push_back({document.has_panels ? map.spec.panel.title : "", std::move(scene)});
  }
  outputs::write_figure(figure, output_path, resolution);
  std::cout << "wrote " << output_path << " (" << document.page.page.width_mm << " x "
            << document.page.page.height_mm << " mm; ";
  if (document.has_panels) std::cout << figure.panels.size() << " panels: ";
  std::cout << summary << ")\n";
  return kDone;
}

int run_boundaries_list() {
  for (const auto& name : boundaries::builtin_names())
    std::cout << boundaries::kBuiltinPrefix << name << "\n";
  return kDone;
}

int run_boundaries_export(const std::string& name, const std::string& output_path) {
  const std::string prefix = boundaries::kBuiltinPrefix;
  const std::string bare = name.rfind(prefix, 0) == 0 ? name.substr(prefix.size()) : name;
  const geo::GeosContext geos;
  const boundaries::BoundarySet set = boundaries::load_builtin(bare, geos);
  geo::FeatureLayer layer;
  layer.source = set.source;
  layer.layer = bare;
  layer.fields = set.fields;
  for (const auto& unit : set.units) {
    geo::Feature feature;
    for (const auto& field : set.fields) feature.values.push_back(unit.attributes.at(field));
    feature.geometry = unit.geometry;
    layer.features.push_back(std::move(feature));
  }
  geo::write_geopackage(output_path, layer);
  std::cout << "wrote " << output_path << " (" << set.units.size() << " units, layer " << bare << ")\n";
  return kDone;
}

}  // namespace covermap::app
