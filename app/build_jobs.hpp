#pragma once
// One output of a project brought up to date: a figure rendered, a tile set rendered or updated (only the
// tiles of units whose fills changed drawn again). Each call is independent: `covermap build -j N` runs N
// at once.
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include "app/build_plan.hpp"
#include "app/build_state.hpp"

namespace covermap::app {

struct OutputOutcome {
  enum class Status { rendered, up_to_date, failed };
  Status status = Status::up_to_date;
  std::string reason;  // why it was rendered, or the one-line error
  std::uint64_t tiles_rendered = 0;
  std::uint64_t tiles_total = 0;
  double seconds = 0;
  int exit_code = 0;                   // failed: 2 bad input, 3 internal, 128 + signal interrupted
  std::optional<OutputRecord> record;  // rendered: what the state file records
};

// Tiles done of total, on the job's thread; may throw (geo::Interrupted) to stop the job.
using JobProgress = std::function<void(std::uint64_t done, std::uint64_t total)>;

// Never throws: failures are in the outcome. `earlier` is the state's record of the output, if any.
OutputOutcome build_output(const PlannedOutput& output, const BuildState& state, const OutputRecord* earlier,
                           const JobProgress& progress);

}  // namespace covermap::app
