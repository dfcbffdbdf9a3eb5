#include "app/build_plan.hpp"

#include <filesystem>
#include <map>

#include "app/map_file.hpp"
#include "geo/error.hpp"
#include "outputs/tile_sink.hpp"

namespace covermap::app {
namespace {

namespace fs = std::filesystem;

std::string key_of(const std::string& path, const std::string& project_path) {
  const fs::path folder = fs::absolute(project_path).parent_path();
  std::string key = fs::absolute(path).lexically_normal().lexically_relative(folder).string();
  if (key.size() > 1 && key.back() == '/') key.pop_back();
  return key;
}

// Whether a tile set whose inputs changed from `before` to `now` can be updated rather than redrawn.
bool only_fills_change(const InputHashes& before, const InputHashes& now) {
  for (const auto& [name, hash] : now) {
    const auto it = before.find(name);
    if ((it == before.end() || it->second != hash) && redraws_every_tile(name)) return false;
  }
  for (const auto& [name, hash] : before)
    if (!now.count(name) && redraws_every_tile(name)) return false;
  return true;
}

void decide(PlannedOutput& output, const BuildState& state, bool force) {
  const OutputRecord* record = state.find(output.key);
  output.action = PlannedOutput::Action::render;
  if (force) {
    output.reason = "forced (--force)";
  } else if (!record) {
    output.reason = "not built before";
  } else if (!fs::exists(output.path)) {
    output.reason = "output missing";
  } else if (!state.still_written(*record)) {
    output.reason = "output changed since the last build";
  } else if (record->inputs == output.inputs) {
    output.action = PlannedOutput::Action::none;
  } else {
    output.reason = changed_inputs(record->inputs, output.inputs);
    // Raster tiles show a unit by its fill alone; a format carrying more of the data (values, labels) is
    // redrawn whole.
    const bool raster = output.tiles.format == "png" || output.tiles.format == "webp";
    const bool update = output.kind == PlannedOutput::Kind::tiles && raster && !record->fills.empty() &&
                        only_fills_change(record->inputs, output.inputs);
    if (update)
      output.action = PlannedOutput::Action::update;
    else if (output.kind == PlannedOutput::Kind::tiles)
      output.reason += ": every tile redrawn";
  }
}

}  // namespace

std::vector<std::string> written_paths(const PlannedOutput& output) {
  if (output.kind == PlannedOutput::Kind::figure) return {output.path};
  return {output.path, outputs::tilejson_path(output.path)};
}

std::vector<PlannedOutput> plan_build(const Project& project, const BuildState& state, bool force,
                                      InputHasher& hasher) {
  std::vector<PlannedOutput> plan;
  for (const ProjectMap& map : project.maps) {
    std::vector<PlannedOutput> outputs;
    for (const ProjectFigure& figure : map.figures) {
      PlannedOutput output;
      output.path = figure.output;
      outputs.push_back(std::move(output));
    }
    for (const ProjectTiles& tiles : map.tiles) {
      PlannedOutput output;
      output.kind = PlannedOutput::Kind::tiles;
      output.path = tiles.output;
      output.tiles = tiles;
      outputs.push_back(std::move(output));
    }
    // The map file is read once for all its outputs; an error in it fails each of them.
    std::optional<styles::MapDocument> document;
    std::string error;
    int exit_code = 2;
    try {
      document = load_map_document(map.map);
    } catch (const InputError& e) {
      error = e.what();
    } catch (const std::exception& e) {
      error = e.what();
      exit_code = 3;
    }
    for (PlannedOutput& output : outputs) {
      output.map = map.map;
      output.allow_unmatched = map.allow_unmatched;
      output.key = key_of(output.path, project.path);
      if (!document) {
        output.action = PlannedOutput::Action::fail;
        output.reason = error;
        output.exit_code = exit_code;
        plan.push_back(std::move(output));
        continue;
      }
      try {
        if (output.kind == PlannedOutput::Kind::figure) {
          output.inputs = hasher.figure_inputs(*document);
        } else {
          if (document->has_panels)
            throw InputError(map.map, "has panels: a tile set shows one map",
                             "make the panels figures, or give each panel a map file of its own");
          output.inputs = hasher.tile_inputs(document->maps.front(), output.tiles);
        }
        // Allowing unmatched rows, then no longer, must check the join again.
        if (output.allow_unmatched) output.inputs["unmatched rows allowed"] = "yes";
        decide(output, state, force);
      } catch (const InputError& e) {
        output.action = PlannedOutput::Action::fail;
        output.reason = e.what();
        output.exit_code = 2;
      }
      plan.push_back(std::move(output));
    }
  }
  return plan;
}

}  // namespace covermap::app
