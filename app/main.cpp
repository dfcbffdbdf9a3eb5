// covermap: parses the command line and calls the library; maps errors to the documented exit codes.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "app/build_command.hpp"
#include "app/commands.hpp"
#include "app/project_file.hpp"
#include "app/serve_command.hpp"
#include "app/tiles_command.hpp"
#include "geo/error.hpp"
#include "geo/huge_page_heap.hpp"
#include "geo/interrupt.hpp"

namespace {

constexpr const char* kVersion = "covermap " COVERMAP_VERSION;

// CLI11's own words in covermap's one-line form: "error: <what> (<where to look>)".
std::string usage_message(const CLI::App& cli, const CLI::ParseError& error, int argc, char** argv) {
  // The deepest command named on the line ("boundaries export"), whose --help lists what it takes.
  const CLI::App* command = nullptr;
  std::string name;
  for (const CLI::App* level = &cli; level;) {
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : level->get_subcommands([](const CLI::App*) { return true; }))
      if (sub->parsed()) next = sub;
    if (next) command = next, name += (name.empty() ? "" : " ") + next->get_name();
    level = next;
  }
  if (!command) {
    if (argc > 1 && argv[1][0] != '-')
      return "unknown command '" + std::string(argv[1]) +
             "' (render, tiles, merge, build, serve, join or boundaries; see covermap --help)";
    return "a command is required (render, tiles, merge, build, serve, join or boundaries; see covermap "
           "--help)";
  }
  std::string what = error.what();
  std::replace(what.begin(), what.end(), '\n', ' ');
  return what + " (see covermap " + name + " --help)";
}

int run(int argc, char** argv) {
  using namespace covermap::app;
  CLI::App cli{"covermap: programme-coverage maps (print figures and web tiles) from coverage tables"};
  cli.set_version_flag("--version", kVersion);
  cli.footer(
      "Exit codes: 0 done, 1 usage error, 2 bad input, an unclean join or an output that cannot be written, "
      "3 internal error, 130 interrupted. Errors are one line: error: FILE[:ROW]: WHAT (HINT).\n"
      "Map files: docs/map-file.md. Environment: COVERMAP_CACHE_DIR (boundary and tile-geometry cache, 'off' "
      "for none), "
      "COVERMAP_DCW (the built-in boundaries' dcw-gmt.nc), COVERMAP_GSHHG (the South China Sea inset's "
      "binned_GSHHS_f.nc).");
  cli.require_subcommand(1);

  std::string map_path, output_path, report_path, boundary_name;
  std::optional<double> dpi;
  bool allow_unmatched = false;

  CLI::App* render = cli.add_subcommand("render", "Render a map file to a PDF, SVG or PNG figure");
  render->add_option("map", map_path, "Map file (YAML)")->required();
  render->add_option("-o,--output", output_path, "Output figure: .pdf, .svg or .png")->required();
  render->add_option("--dpi", dpi, "PNG resolution (default: page.dpi of the map file, else 300)");
  render->add_flag("--allow-unmatched", allow_unmatched, "Render even if some data rows match no unit");

  CLI::App* tiles = cli.add_subcommand(
      "tiles",
      "Render a map file to a Web Mercator tile pyramid (raster, or vector tiles with a MapLibre style)");
  TilesOptions tiles_options;
  std::string zoom_text, bounds_text;
  tiles->add_option("map", map_path, "Map file (YAML)")->required();
  CLI::Option* tiles_output = tiles->add_option(
      "-o,--output", tiles_options.output, "OUT.mbtiles, OUT.pmtiles or a directory (a share: PART.pmtiles)");
  tiles->add_option("--zoom", zoom_text, "Zoom levels, MIN-MAX (e.g. 0-10) or one level")
      ->required()
      ->check([](const std::string& text) {
        return parse_zoom_range(text) ? std::string()
                                      : "'" + text + "' is not MIN-MAX (zoom levels 0 to " +
                                            std::to_string(kMaxZoom) + ", e.g. 0-10)";
      });
  tiles
      ->add_option("--threads", tiles_options.threads,
                   "Threads to load the map and draw the tiles on (default: one per core)")
      ->check(CLI::Range(1, 256));
  tiles->add_option("--tile-size", tiles_options.tile_size, "256, or 512 for @2x tiles (raster only)")
      ->check(CLI::IsMember({256, 512}));
  tiles
      ->add_option("--format", tiles_options.format,
                   "png (default), webp, or mvt: Mapbox Vector Tiles (gzipped .pbf) with a MapLibre style")
      ->check(CLI::IsMember({"png", "webp", "mvt"}));
  tiles
      ->add_option("--bounds", bounds_text,
                   "WEST,SOUTH,EAST,NORTH in degrees (default: the boundaries' extent)")
      ->check([](const std::string& text) {
        return parse_bounds(text)
                   ? std::string()
                   : "'" + text + "' is not WEST,SOUTH,EAST,NORTH in degrees (e.g. 73,18,135,54)";
      });
  tiles->add_flag("--allow-unmatched", tiles_options.allow_unmatched,
                  "Make tiles even if some data rows match no unit");
  tiles->add_flag("--yes", tiles_options.yes,
                  "Make a pyramid past zoom 18 or of more than 10 million tiles (refused without it)");
  CLI::Option* shard_option =
      tiles->add_option("--shard", tiles_options.shard,
                        "K/N: make share K (0 to N-1) of the pyramid split N ways, balanced by estimated "
                        "cost, into a part for covermap merge (.pmtiles or .mbtiles)");
  tiles
      ->add_option("--plan", tiles_options.plan,
                   "N: print each share's tiles and estimated cost for --shard K/N; make nothing")
      ->check(CLI::Range(1, 10000))
      ->excludes(shard_option);

  CLI::App* merge = cli.add_subcommand(
      "merge", "Join the parts made with tiles --shard K/N into the output of a single run, byte for byte");
  std::vector<std::string> merge_parts;
  merge->add_option("parts", merge_parts, "Every part of the job (PART.pmtiles or PART.mbtiles)")->required();
  merge->add_option("-o,--output", output_path, "OUT.mbtiles, OUT.pmtiles or a directory")->required();

  CLI::App* build = cli.add_subcommand("build", "Bring every output of a project file up to date");
  BuildOptions build_options;
  std::string project_path;
  build->add_option("project", project_path, "Project file (YAML): maps and their outputs")->required();
  build->add_flag("--force", build_options.force, "Rebuild every output, changed or not");
  build->add_flag("--dry-run", build_options.dry_run, "Say what would be rebuilt and why; write nothing");
  build->add_option("--report", build_options.report, "Write the build report (JSON) here");
  build->add_option("-j,--jobs", build_options.jobs, "Outputs built at once (tiles keep their own threads)")
      ->check(CLI::Range(1, 64));
  build->add_flag("--watch", build_options.watch, "Build again whenever an input changes (Ctrl-C stops)");
  CLI::App* serve = cli.add_subcommand(
      "serve",
      "Serve tile sets (folders, .mbtiles, .pmtiles), map files and projects over HTTP, with a preview page "
      "at / (raster sets on Leaflet, vector sets on MapLibre GL JS)");
  ServeOptions serve_options;
  std::string serve_zoom_text;
  serve
      ->add_option("paths", serve_options.paths,
                   "Tile folders, archives, map files (drawn on demand) and project files (every tile set "
                   "the project builds, run covermap build first); each set is named by its file name")
      ->required();
  serve->add_option("--zoom", serve_zoom_text, "Zooms a map file is drawn at, MIN-MAX (default 0-10)")
      ->check([](const std::string& text) {
        return parse_zoom_range(text) ? std::string() : "expected MIN-MAX with 0 <= MIN <= MAX <= 22";
      });
  serve->add_option("--host", serve_options.host,
                    "Address to listen on (default 127.0.0.1: this machine only)");
  serve->add_option("--port", serve_options.port, "Port (default 8080; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve
      ->add_option("--threads", serve_options.threads,
                   "Connections served at once, one thread each (default 256); more wait for a free one")
      ->check(CLI::Range(1, 1024));
  serve
      ->add_option(
          "--max-age", serve_options.max_age,
          "Seconds browsers may keep tiles without asking again (default 0: they revalidate by ETag)")
      ->check(CLI::Range(0, 31536000));
  serve
      ->add_option("--basemap", serve_options.basemap,
                   "XYZ URL template of a basemap for the preview page, e.g. https://host/{z}/{x}/{y}.png "
                   "(overrides a project file's serve.basemap)")
      ->check([](const std::string& url) { return basemap_problem(url); });
  serve->add_flag("--verbose", serve_options.verbose, "Log one line per request on stderr");

  CLI::App* join = cli.add_subcommand("join", "Join the data to the boundaries and report what matched");
  join->add_option("map", map_path, "Map file (YAML)")->required();
  join->add_option("--report", report_path, "Write the join report (JSON) here");

  CLI::App* boundaries = cli.add_subcommand("boundaries", "List or export the built-in boundaries");
  boundaries->require_subcommand(1);
  CLI::App* list = boundaries->add_subcommand("list", "List the built-in boundary sets");
  CLI::App* export_cmd =
      boundaries->add_subcommand("export", "Export a built-in boundary set to a GeoPackage");
  export_cmd->add_option("name", boundary_name, "e.g. builtin:china-provinces")->required();
  export_cmd->add_option("-o,--output", output_path, "Output GeoPackage")->required();

  try {
    cli.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return cli.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return cli.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << usage_message(cli, e, argc, argv) << "\n";
    return kUsage;
  }

  // Ctrl-C and SIGTERM stop the run at the next tile or commit, temporaries removed, no output replaced.
  covermap::geo::install_interrupt_handlers();
  try {
    if (render->parsed()) return run_render(map_path, output_path, dpi, allow_unmatched);
    if (tiles->parsed()) {
      if (tiles_options.format == "mvt" && tiles->count("--tile-size") > 0) {
        std::cerr << "error: --tile-size: vector tiles have no pixel size (leave it out with --format mvt)\n";
        return kUsage;
      }
      if (tiles_options.plan == 0 && tiles_output->count() == 0) {
        std::cerr << "error: --output is required (see covermap tiles --help)\n";
        return kUsage;
      }
      tiles_options.zoom = *parse_zoom_range(zoom_text);
      tiles_options.zoom_text = zoom_text;
      if (!bounds_text.empty()) tiles_options.bounds = parse_bounds(bounds_text);
      return run_tiles(map_path, tiles_options);
    }
    if (merge->parsed()) return run_merge(merge_parts, output_path);
    if (build->parsed()) return run_build(project_path, build_options);
    if (join->parsed()) return run_join(map_path, report_path);
    if (serve->parsed()) {
      if (!serve_zoom_text.empty()) serve_options.map_zoom = *parse_zoom_range(serve_zoom_text);
      return run_serve(serve_options);
    }
    if (list->parsed()) return run_boundaries_list();
    if (export_cmd->parsed()) return run_boundaries_export(boundary_name, output_path);
  } catch (const covermap::geo::Interrupted& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 128 + e.signal();
  } catch (const std::filesystem::filesystem_error& e) {
    // Folders and files the OS refused (permissions, a full disk): the user's to fix.
    std::cerr << "error: " << e.path1().string() << ": " << e.code().message() << "\n";
    return kBadInput;
  } catch (const covermap::UsageError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kUsage;
  } catch (const covermap::InputError& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kBadInput;
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return kInternal;
  }
  return kUsage;
}

}  // namespace

int main(int argc, char** argv) {
  covermap::geo::use_huge_page_heap();
  // Setting up the options can throw too (an allocation, CLI11's construction errors): exit 3, not an abort.
  try {
    return run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return covermap::app::kInternal;
  }
}
