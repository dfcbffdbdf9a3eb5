#include "outputs/figure_job.hpp"

#include <algorithm>
#include <cmath>

#include "boundaries/aggregate.hpp"
#include "boundaries/builtin.hpp"
#include "boundaries/join_report.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "geo/number.hpp"
#include "outputs/figure_writer.hpp"
#include "render/figure.hpp"
#include "styles/choropleth.hpp"

namespace covermap::outputs {
namespace {

double number_in(const geo::Table& table, std::size_t row, int column, geo::NumberSyntax syntax,
                 const std::string& hint) {
  const std::string& text = table.rows[row][static_cast<std::size_t>(column)];
  if (const auto value = geo::parse_number(text, syntax)) return *value;
  throw geo::not_a_number_error(table.source, static_cast<long>(row) + 1,
                                table.columns[static_cast<std::size_t>(column)], text, hint);
}

// A point's coordinates in decimal degrees; a latitude past a pole is most often the columns swapped.
geo::Point lon_lat_in(const geo::Table& table, std::size_t row, int lon, int lat,
                      const styles::PointsSpec& spec) {
  const std::string hint = "points.lon and points.lat take decimal degrees (WGS 84)";
  const geo::Point point{number_in(table, row, lon, {}, hint), number_in(table, row, lat, {}, hint)};
  if (point.y < -90 || point.y > 90)
    throw input_error_at_row(
        table.source, static_cast<long>(row) + 1,
        "column '" + table.columns[static_cast<std::size_t>(lat)] +
            "': " + table.rows[row][static_cast<std::size_t>(lat)] + " is not a latitude (-90 to 90)",
        "lon/lat swapped? points.lon is '" + spec.lon + "', points.lat is '" + spec.lat + "'");
  return point;
}

// The marks of the points: layer. Rows without coordinates are skipped; bad numbers are errors naming the
// row.
std::vector<render::PointMark> read_points(const styles::PointsSpec& spec) {
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
    mark.lon_lat = lon_lat_in(table, row, lon, lat, spec);
    if (size >= 0 && !cells[static_cast<std::size_t>(size)].empty())
      mark.size = number_in(table, row, size, {.thousands = true}, "points.size takes a number per point");
    if (label >= 0) mark.label = cells[static_cast<std::size_t>(label)];
    marks.push_back(std::move(mark));
  }
  return marks;
}

// The boundary line the inset draws: the file the map names, else the boundaries source's own scs_boundary
// layer when it has one; none for built-in boundaries (DCW has no such line).
geo::MultiPolygon load_inset_boundary(const styles::MapSpec& spec) {
  if (spec.style.inset == styles::Inset::none) return {};
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

// The page a panel's map is generalized for: with grid.columns, its cell's share of the page (the cell is
// smaller still, by the gaps and headings), so the detail kept is never coarser than the output shows;
// without, the renderer chooses the grid from the maps' extents, and the whole page is the safe bound.
styles::PageSpec panel_page(const styles::MapDocument& document) {
  styles::PageSpec page = document.page.page;
  if (document.columns <= 0) return page;
  const auto count = static_cast<int>(document.maps.size());
  const int rows = (count + document.columns - 1) / document.columns;  // whole rows, the last maybe part full
  page.width_mm /= document.columns;
  page.height_mm /= rows;
  return page;
}

}  // namespace

FigureResult make_figure(const styles::MapDocument& document, const std::string& output_path,
                         std::optional<double> dpi, bool allow_unmatched, const geo::GeosContext& geos) {
  const FigureFormat format = figure_format(output_path);
  styles::BoundaryStore store(geos, document.maps);
  std::vector<styles::JoinedMap> joined;
  for (const styles::MapSpec& spec : document.maps) {
    joined.push_back(styles::join_map(spec, store, geos));
    styles::require_clean_join(joined.back(), output_path, allow_unmatched);
  }

  const double resolution = dpi.value_or(document.page.page.dpi);
  const double detail_pt = render::figure_detail_pt(format == FigureFormat::png, resolution);
  render::Figure figure;
  figure.page = document.page;
  figure.columns = document.has_panels ? document.columns : 1;
  FigureResult result;
  for (styles::JoinedMap& map : joined) {
    const styles::ClassifiedUnits classified = styles::classify_units(map);
    result.summary += (result.summary.empty() ? "" : "; ") + boundaries::join_summary(map.table, map.result);
    styles::MapStyle style = map.spec.style;
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
  write_figure(figure, output_path, resolution);
  result.panels = figure.panels.size();
  return result;
}

}  // namespace covermap::outputs
