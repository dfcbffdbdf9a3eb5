#include "app/build_command.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <thread>

#include "app/build_display.hpp"
#include "app/build_files.hpp"
#include "app/build_jobs.hpp"
#include "app/build_plan.hpp"
#include "app/build_watch.hpp"
#include "app/commands.hpp"
#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "geo/interrupt.hpp"
#include "geo/warnings.hpp"
#include "styles/classify.hpp"

namespace covermap::app {
namespace {

// 128 + the signal, as shells expect: 130 for Ctrl-C.
constexpr int kSignalBase = 128;
constexpr auto kWatchQuiet = std::chrono::milliseconds(500);

const char* status_name(OutputOutcome::Status status) {
  switch (status) {
    case OutputOutcome::Status::rendered:
      return "rendered";
    case OutputOutcome::Status::failed:
      return "failed";
    case OutputOutcome::Status::up_to_date:
      break;
  }
  return "up-to-date";
}

std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", seconds);
  return text;
}

std::string padded(const std::string& text, std::size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

std::string final_line(const PlannedOutput& output, const OutputOutcome& outcome) {
  std::string line = padded(status_name(outcome.status), 11) + output.path;
  switch (outcome.status) {
    case OutputOutcome::Status::up_to_date:
      return line;
    case OutputOutcome::Status::failed:
      return line + "  error: " + outcome.reason;
    case OutputOutcome::Status::rendered:
      break;
  }
  line += "  (" + outcome.reason;
  if (output.kind == PlannedOutput::Kind::tiles)
    line += "; " + styles::format_count(outcome.tiles_rendered) + " of " +
            styles::format_count(outcome.tiles_total) + " tiles drawn";
  return line + "; " + seconds_text(outcome.seconds) + ")";
}

std::string dry_run_line(const PlannedOutput& output) {
  switch (output.action) {
    case PlannedOutput::Action::none:
      return padded("up-to-date", 15) + output.path;
    case PlannedOutput::Action::render:
      return padded("would render", 15) + output.path + "  (" + output.reason + ")";
    case PlannedOutput::Action::update:
      return padded("would update", 15) + output.path + "  (" + output.reason +
             ": only the tiles of recoloured units, or every tile if the class breaks moved)";
    case PlannedOutput::Action::fail:
      break;
  }
  return padded("would fail", 15) + output.path + "  error: " + output.reason;
}

void write_report(const std::string& path, const std::vector<PlannedOutput>& plan,
                  const std::vector<OutputOutcome>& outcomes) {
  nlohmann::ordered_json report;
  report["outputs"] = nlohmann::ordered_json::array();
  for (std::size_t i = 0; i < plan.size(); ++i) {
    const OutputOutcome& outcome = outcomes[i];
    report["outputs"].push_back({{"path", plan[i].path},
                                 {"status", status_name(outcome.status)},
                                 {"reason", outcome.reason},
                                 {"tiles_rendered", outcome.tiles_rendered},
                                 {"tiles_total", outcome.tiles_total},
                                 {"seconds", std::round(outcome.seconds * 1000) / 1000}});
  }
  geo::write_record_atomically(path, report.dump(2) + "\n");
}

// Builds the outputs that need it, `jobs` at a time, each recorded in the state file as soon as it is in
// place.
std::vector<OutputOutcome> run_outputs(const std::vector<PlannedOutput>& plan, BuildState& state, int jobs,
                                       BuildDisplay& display) {
  std::vector<OutputOutcome> outcomes(plan.size());
  std::vector<std::size_t> work;
  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (plan[i].action == PlannedOutput::Action::none || plan[i].action == PlannedOutput::Action::fail) {
      outcomes[i] = build_output(plan[i], state, nullptr, {});
      display.print(final_line(plan[i], outcomes[i]));
    } else {
      work.push_back(i);
    }
  }
  std::mutex state_mutex;
  std::atomic<std::size_t> next{0};
  const auto worker = [&] {
    for (std::size_t n; (n = next++) < work.size();) {
      const std::size_t i = work[n];
      if (const int signal = geo::interrupt_signal()) {
        outcomes[i] = {OutputOutcome::Status::failed,
                       "interrupted before it started",
                       0,
                       0,
                       0,
                       kSignalBase + signal,
                       std::nullopt};
        display.print(final_line(plan[i], outcomes[i]));
        continue;
      }
      std::optional<OutputRecord> earlier;
      {
        const std::lock_guard lock(state_mutex);
        if (const OutputRecord* record = state.find(plan[i].key)) earlier = *record;
      }
      const int line = display.start(plan[i].path);
      outcomes[i] = build_output(plan[i], state, earlier ? &*earlier : nullptr,
                                 [&](std::uint64_t done, std::uint64_t total) {
                                   geo::throw_if_interrupted(plan[i].path);
                                   display.progress(line, done, total);
                                 });
      if (outcomes[i].record) {
        const std::lock_guard lock(state_mutex);
        state.set(plan[i].key, std::move(*outcomes[i].record));
        state.save();
      }
      display.finish(line, final_line(plan[i], outcomes[i]));
    }
  };
  {
    std::vector<std::jthread> workers;
    const int threads = std::clamp(jobs, 1, static_cast<int>(std::max<std::size_t>(work.size(), 1)));
    for (int t = 1; t < threads; ++t) workers.emplace_back(worker);
    worker();
  }
  return outcomes;
}

int exit_code_of(const std::vector<OutputOutcome>& outcomes) {
  int code = kDone;
  for (const OutputOutcome& outcome : outcomes) {
    if (outcome.exit_code > kSignalBase) return outcome.exit_code;
    code = std::max(code, outcome.exit_code);
  }
  return code;
}

std::string summary(const std::vector<OutputOutcome>& outcomes, double seconds) {
  int count[3] = {0, 0, 0};
  for (const OutputOutcome& outcome : outcomes) ++count[static_cast<int>(outcome.status)];
  return "build: " + std::to_string(count[0]) + " rendered, " + std::to_string(count[1]) + " up-to-date, " +
         std::to_string(count[2]) + " failed (" + seconds_text(seconds) + ")";
}

// One build; `on_inputs` is given the project's input files once they are known (for --watch).
int build_once(const std::string& project_path, const BuildOptions& options,
               const std::function<void(std::vector<std::string>)>& on_inputs) {
  const auto started = std::chrono::steady_clock::now();
  const Project project = load_project(project_path);
  const ProjectLock lock(project_path);
  BuildState state(project_path);
  InputHasher hasher(project_path);
  const std::vector<PlannedOutput> plan = plan_build(project, state, options.force, hasher);
  std::set<std::string> keys;
  for (const PlannedOutput& output : plan) keys.insert(output.key);
  state.retain(keys);
  if (on_inputs) {
    std::vector<std::string> inputs = hasher.files();
    inputs.push_back(project_path);
    for (const ProjectMap& map : project.maps) inputs.push_back(map.map);
    on_inputs(std::move(inputs));
  }
  if (options.dry_run) {
    for (const PlannedOutput& output : plan) std::cout << dry_run_line(output) << "\n";
    return kDone;
  }
  for (const PlannedOutput& output : plan)
    if (output.action != PlannedOutput::Action::none) prepare_output_folder(output.path);

  BuildDisplay display(options.progress && ::isatty(2));
  const WarningSink previous =
      set_warning_sink([&](const std::string& message) { display.print("warning: " + message, true); });
  struct RestoreSink {
    const WarningSink& previous;
    ~RestoreSink() { set_warning_sink(previous); }
  } restore{previous};
  const std::vector<OutputOutcome> outcomes = run_outputs(plan, state, options.jobs, display);
  if (!options.report.empty()) write_report(options.report, plan, outcomes);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  display.print(summary(outcomes, seconds));
  if (exit_code_of(outcomes) > kSignalBase)
    display.print("interrupted: every output is whole; the next build finishes the job", true);
  return exit_code_of(outcomes);
}

}  // namespace

int run_build(const std::string& project_path, const BuildOptions& options) {
  if (!options.watch || options.dry_run) return build_once(project_path, options, {});
  std::optional<InputWatcher> watcher;
  int code = kDone;
  for (;;) {
    try {
      code = build_once(project_path, options,
                        [&](const std::vector<std::string>& inputs) { watcher.emplace(inputs); });
    } catch (const InputError& e) {
      // A project file being edited: say what is wrong and wait for the next save.
      std::cerr << "error: " << e.what() << "\n";
      code = kBadInput;
      if (!watcher) watcher.emplace(std::vector<std::string>{project_path});
    }
    if (geo::interrupt_signal() != 0) return code;
    std::cout << "watching the project's inputs (Ctrl-C stops)" << std::endl;
    if (!watcher->wait_for_change(kWatchQuiet)) return code;
  }
}

}  // namespace covermap::app
