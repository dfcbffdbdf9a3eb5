#include "app/build_jobs.hpp"

#include <chrono>
#include <filesystem>

#include "app/map_file.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/geos_context.hpp"
#include "geo/interrupt.hpp"
#include "outputs/figure_job.hpp"
#include "outputs/tile_job.hpp"

namespace covermap::app {
namespace {

// The classes' bounds and labels, then their fills: "breaks:<hash> colours:<hash>", so a reason can say
// which moved.
std::string classes_key(const styles::Classification& classification) {
  geo::ContentHash breaks, colours;
  for (const styles::ClassEntry& entry : classification.classes) {
    breaks.add(entry.label).add(std::to_string(entry.lower)).add(std::to_string(entry.upper));
    colours.add(entry.fill.hex());
  }
  return "breaks:" + breaks.hex() + " colours:" + colours.hex();
}

std::string why_classes_differ(const std::string& before, const std::string& now) {
  return before.substr(0, before.find(' ')) != now.substr(0, now.find(' '))
             ? "the class breaks moved: every tile redrawn"
             : "the class colours changed: every tile redrawn";
}

std::string units_word(std::size_t n) {
  return std::to_string(n) + (n == 1 ? " unit" : " units");
}

void build_figure(const PlannedOutput& output, const geo::GeosContext& geos) {
  outputs::make_figure(load_map_document(output.map), output.path, std::nullopt, output.allow_unmatched,
                       geos);
}

void build_tiles(const PlannedOutput& output, const OutputRecord* earlier, const JobProgress& progress,
                 OutputOutcome& outcome, const geo::GeosContext& geos) {
  outputs::TileJobOptions options;
  options.output = output.path;
  options.zoom = output.tiles.zoom;
  options.threads = output.tiles.threads;
  options.tile_size = output.tiles.tile_size;
  options.format = outputs::parse_tile_format(output.tiles.format);
  options.bounds = output.tiles.bounds;
  options.allow_unmatched = output.allow_unmatched;
  options.confirmed = true;  // the project file asks for these zooms, night after night
  options.progress = progress;
  const styles::MapSpec spec = load_map_file(output.map);
  outputs::TileMap map = outputs::classify_tile_map(spec, options, geos);

  OutputRecord& record = *outcome.record;
  record.classes = classes_key(map.classified.classification);
  record.fills = outputs::unit_fills(map);
  const auto finish = [&outcome](const outputs::TileJobResult& result) {
    outcome.tiles_rendered = result.rendered;
    outcome.tiles_total = result.total;
  };
  if (output.action == PlannedOutput::Action::update && earlier) {
    if (earlier->classes != record.classes) {
      outcome.reason += "; " + why_classes_differ(earlier->classes, record.classes);
    } else {
      std::size_t changed = 0;
      for (std::size_t i = 0; i < record.fills.size() && i < earlier->fills.size(); ++i)
        changed += record.fills[i] != earlier->fills[i] ? 1 : 0;
      try {
        const outputs::EarlierTiles previous{earlier->fills};
        finish(outputs::write_tiles(std::move(map), options, &previous));
        outcome.reason += ": " + units_word(changed) + " recoloured";
        return;
      } catch (const outputs::EarlierTilesMismatch& e) {
        outcome.reason +=
            "; the earlier output did not match its state (" + e.detail() + "): every tile redrawn";
        map = outputs::classify_tile_map(spec, options, geos);
      }
    }
  }
  finish(outputs::write_tiles(std::move(map), options));
}

}  // namespace

OutputOutcome build_output(const PlannedOutput& output, const BuildState& state, const OutputRecord* earlier,
                           const JobProgress& progress) {
  OutputOutcome outcome;
  outcome.reason = output.reason;
  if (output.action == PlannedOutput::Action::none) return outcome;
  if (output.action == PlannedOutput::Action::fail) {
    outcome.status = OutputOutcome::Status::failed;
    outcome.exit_code = output.exit_code;
    return outcome;
  }
  const auto started = std::chrono::steady_clock::now();
  try {
    const geo::GeosContext geos;  // one per job: jobs run on threads of their own
    outcome.record.emplace();
    outcome.record->inputs = output.inputs;
    if (output.kind == PlannedOutput::Kind::figure)
      build_figure(output, geos);
    else
      build_tiles(output, earlier, progress, outcome, geos);
    outcome.record->written = state.stat_written(written_paths(output));
    outcome.status = OutputOutcome::Status::rendered;
  } catch (const geo::Interrupted& e) {
    outcome = {OutputOutcome::Status::failed, e.what(), 0, 0, 0, 128 + e.signal(), std::nullopt};
  } catch (const InputError& e) {
    outcome = {OutputOutcome::Status::failed, e.what(), 0, 0, 0, 2, std::nullopt};
  } catch (const std::filesystem::filesystem_error& e) {
    // Folders and files the OS refused (permissions, a full disk): the user's to fix.
    outcome = {OutputOutcome::Status::failed,
               e.path1().string() + ": " + e.code().message(),
               0,
               0,
               0,
               2,
               std::nullopt};
  } catch (const std::exception& e) {
    outcome = {OutputOutcome::Status::failed, e.what(), 0, 0, 0, 3, std::nullopt};
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace covermap::app
