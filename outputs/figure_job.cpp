#include "outputs/figure_job.hpp"

#include <algorithm>
#include <cmath>

#include "boundaries/aggregate.hpp"
#include "boundaries/builtin.hpp"
#include "boundaries/join_report.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "outputs/figure_writer.hpp"
#include "outputs/inset_content.hpp"
#include "render/figure.hpp"
#include "styles/choropleth.hpp"
#include "styles/point_layer.hpp"

namespace covermap::outputs {
namespace {

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
  InsetLoader insets;
  for (styles::JoinedMap& map : joined) {
    const styles::ClassifiedUnits classified = styles::classify_units(map);
    result.summary += (result.summary.empty() ? "" : "; ") + styles::join_summary(map);
    styles::MapStyle style = map.spec.style;
    if (document.has_panels) {
      style.page = panel_page(document);  // generalized for the cell, not the page
      style.legend.compact = true;
    }
    // Read before the units move into the scene: rows may be placed inside a unit.
    const styles::PointLayer points = styles::read_point_layer(map.spec, map.units, geos);
    InsetContent inset = insets.load(map.spec);
    style.inset_title = inset.title;
    style.inset_note = inset.note;
    render::Scene scene =
        render::build_scene(std::move(map.units), classified.class_of_unit, classified.classification, style,
                            geos, detail_pt, std::move(inset.boundary));
    if (inset.land) render::add_inset_land(scene, *inset.land, detail_pt);
    render::add_points(scene, points);
    figure.panels.push_back({document.has_panels ? map.spec.panel.title : "", std::move(scene)});
  }
  write_figure(figure, output_path, resolution);
  result.panels = figure.panels.size();
  return result;
}

}  // namespace covermap::outputs
