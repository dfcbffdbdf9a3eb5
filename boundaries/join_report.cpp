#include "boundaries/join_report.hpp"

#include <algorithm>

#include "geo/error.hpp"
#include "geo/utf8.hpp"

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

namespace {

std::string pad(const std::string& text, std::size_t width) {
  const std::size_t used = geo::utf8::display_width(text);
  return text + std::string(width > used ? width - used : 0, ' ');
}

}  // namespace

std::string join_problem_table(const BoundarySet& boundaries, const JoinResult& result) {
  struct Line {
    long row;
    std::string input, problem, detail;
  };
  std::vector<Line> lines;
  const auto unit_text = [&](std::size_t unit) {
    return boundaries.units[unit].id + " " + boundaries.units[unit].name;
  };
  for (const auto& u : result.unmatched) {
    std::string detail = u.note;
    if (!u.suggestions.empty())
      detail += (detail.empty() ? "" : "; ") + ("did you mean " + comma_list(u.suggestions) + "?");
    else if (detail.empty())
      detail = "no close name";
    lines.push_back({u.row, u.input, "unmatched", detail});
  }
  for (const auto& a : result.ambiguous) {
    std::string detail;
    for (std::size_t unit : a.candidates) detail += (detail.empty() ? "" : ", ") + unit_text(unit);
    lines.push_back({a.row, a.input, "ambiguous", detail + " (use a code, or data.parent)"});
  }
  for (const auto& d : result.duplicates)
    lines.push_back({d.row, d.input, "duplicate",
                     unit_text(d.unit) + ", already row " + std::to_string(d.first_row) + " (kept)"});
  if (lines.empty()) return {};
  std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.row < b.row; });
  std::size_t row_width = 3, input_width = 5;
  for (const auto& line : lines) {
    row_width = std::max(row_width, std::to_string(line.row).size());
    input_width = std::min<std::size_t>(40, std::max(input_width, geo::utf8::display_width(line.input)));
  }
  std::string out = pad("row", row_width) + "  " + pad("input", input_width) + "  " + pad("problem", 9) +
                    "  candidates / suggestions\n";
  for (const auto& line : lines)
    out += pad(std::to_string(line.row), row_width) + "  " + pad(line.input, input_width) + "  " +
           pad(line.problem, 9) + "  " + line.detail + "\n";
  return out;
}

}  // namespace covermap::boundaries
