#include "boundaries/join_report.hpp"

namespace covermap::boundaries {

nlohmann::ordered_json join_report(const BoundarySet& boundaries, const geo::Table& table,
                                   const JoinResult& result) {
  using json = nlohmann::ordered_json;
  const auto id_of = [&](std::size_t unit) { return boundaries.units[unit].id; };
  json report;
  report["boundaries"] = {{"source", boundaries.source}, {"units", boundaries.units.size()}};
  report["data"] = {{"source", table.source}, {"rows", table.rows.size()}};
  json& matched = report["matched"] = json::array();
  for (const auto& m : result.matched)
    matched.push_back({{"row", m.row},
                       {"input", m.input},
                       {"id", id_of(m.unit)},
                       {"name", boundaries.units[m.unit].name},
                       {"how", m.how}});
  json& unmatched = report["unmatched"] = json::array();
  for (const auto& u : result.unmatched) {
    json entry = {{"row", u.row}, {"input", u.input}, {"suggestions", u.suggestions}};
    if (!u.note.empty()) entry["note"] = u.note;
    unmatched.push_back(std::move(entry));
  }
  json& ambiguous = report["ambiguous"] = json::array();
  for (const auto& a : result.ambiguous) {
    json candidates = json::array();
    for (std::size_t unit : a.candidates) candidates.push_back(id_of(unit));
    ambiguous.push_back({{"row", a.row}, {"input", a.input}, {"candidates", candidates}});
  }
  json& duplicates = report["duplicates"] = json::array();
  for (const auto& d : result.duplicates)
    duplicates.push_back(
        {{"row", d.row}, {"input", d.input}, {"id", id_of(d.unit)}, {"first_row", d.first_row}});
  json& without = report["units_without_data"] = json::array();
  for (std::size_t unit : result.units_without_data) without.push_back(id_of(unit));
  return report;
}

std::string join_summary(const geo::Table& table, const JoinResult& result) {
  return std::to_string(table.rows.size()) + " rows: " + std::to_string(result.matched.size()) +
         " matched, " + std::to_string(result.unmatched.size()) + " unmatched, " +
         std::to_string(result.ambiguous.size()) + " ambiguous, " + std::to_string(result.duplicates.size()) +
         " duplicates; " + std::to_string(result.units_without_data.size()) + " units without data";
}

std::vector<std::string> join_problems(const geo::Table& table, const BoundarySet& boundaries,
                                       const JoinResult& result, std::size_t limit) {
  std::vector<std::string> lines;
  const std::string where = table.source + ":";
  for (const auto& u : result.unmatched) {
    std::string line = where + std::to_string(u.row) + ": '" + u.input + "' matches no unit";
    if (!u.suggestions.empty()) {
      line += " (did you mean";
      for (std::size_t i = 0; i < u.suggestions.size(); ++i) line += (i ? ", " : " ") + u.suggestions[i];
      line += "?)";
    }
    lines.push_back(line);
  }
  for (const auto& a : result.ambiguous) {
    std::string line = where + std::to_string(a.row) + ": '" + a.input + "' matches several units:";
    for (std::size_t unit : a.candidates)
      line += " " + boundaries.units[unit].id + " " + boundaries.units[unit].name;
    lines.push_back(line + " (use a code, or data.parent)");
  }
  if (lines.size() > limit) {
    const std::size_t more = lines.size() - limit;
    lines.resize(limit);
    lines.push_back("... and " + std::to_string(more) + " more (see --report)");
  }
  return lines;
}

}  // namespace covermap::boundaries
