#pragma once
// The CLI verbs, callable from main.cpp and from tests. Each returns the process exit code; bad input and
// failures are thrown as covermap::Error and mapped to exit codes by main.
#include <optional>
#include <string>

namespace covermap::app {

enum ExitCode { kDone = 0, kUsage = 1, kBadInput = 2, kInternal = 3 };

int run_join(const std::string& map_path, const std::string& report_path);
int run_render(const std::string& map_path, const std::string& output_path, std::optional<double> dpi,
               bool allow_unmatched);
int run_boundaries_list();
int run_boundaries_export(const std::string& name, const std::string& output_path);

}  // namespace covermap::app
