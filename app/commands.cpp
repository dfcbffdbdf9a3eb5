#include "app/commands.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>

#include "app/map_file.hpp"
#include "boundaries/aggregate.hpp"
#include "boundaries/builtin.hpp"
#include "boundaries/join_report.hpp"
#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "outputs/figure_job.hpp"
#include "outputs/figure_writer.hpp"
#include "render/figure.hpp"
#include "styles/choropleth.hpp"

#include <nlohmann/json.hpp>

namespace covermap::app {
namespace {}  // namespace

int run_join(const std::string& map_path, const std::string& report_path) {
  const geo::GeosContext geos;
  const styles::MapDocument document = load_map_document(map_path);
  styles::BoundaryStore store(geos, document.maps);
  // One report object per map; a file with panels gets a JSON array of them, in panel order, each with
  // "panel": {"index", "title"}.
  nlohmann::ordered_json reports = nlohmann::ordered_json::array();
  bool clean = true;
  for (const styles::MapSpec& spec : document.maps) {
    const styles::JoinedMap joined = join_map(spec, store, geos);
    nlohmann::ordered_json report = boundaries::join_report(joined.units, joined.table, joined.result);
    if (document.has_panels) {
      report["panel"] = {{"index", spec.panel.index}, {"title", spec.panel.title}};
      std::cout << "panel " << spec.panel.index << " (" << spec.panel.title << "): ";
    }
    reports.push_back(std::move(report));
    std::cout << (spec.base_map() ? spec.path : joined.table.source) << ": " << styles::join_summary(joined)
              << "\n";
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
  outputs::figure_format(output_path);  // fails before any work
  const geo::GeosContext geos;
  const styles::MapDocument document = load_map_document(map_path);
  const outputs::FigureResult result =
      outputs::make_figure(document, output_path, dpi, allow_unmatched, geos);
  std::cout << "wrote " << output_path << " (" << document.page.page.width_mm << " x "
            << document.page.page.height_mm << " mm; ";
  if (document.has_panels) std::cout << result.panels << " panels: ";
  std::cout << result.summary << ")\n";
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
