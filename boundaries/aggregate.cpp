#include "boundaries/aggregate.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>

#include "geo/error.hpp"
#include "geo/number.hpp"

namespace covermap::boundaries {
namespace {

bool all_digits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

std::optional<Aggregate> parse_aggregate(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text == "sum") return Aggregate::sum;
  if (text == "mean") return Aggregate::mean;
  if (text == "max") return Aggregate::max;
  if (text == "count") return Aggregate::count;
  if (text == "any") return Aggregate::any;
  throw InputError("data.aggregate", "unknown aggregate '" + text + "'", "sum, mean, max, count or any");
}

JoinResult join_aggregated(const BoundarySet& units, const geo::Table& table, const DataSpec& spec,
                           const BoundarySet* counties, const BoundarySet* parents) {
  const auto key_column = static_cast<std::size_t>(require_column(table, spec.key, "data.key"));
  const MatchBy by = parse_match_by(spec.match);
  const Gazetteer unit_codes(units);
  std::optional<Gazetteer> county_names;
  if (counties) county_names.emplace(*counties);
  const RowParents row_parents(table, spec.parent, parents);

  // The unit of a county adcode: the unit whose significant prefix starts it, the longest such.
  std::map<std::string, std::size_t> unit_of_prefix;
  for (std::size_t unit = 0; unit < units.units.size(); ++unit)
    if (const std::string prefix = adcode_prefix(unit_codes.adcode(unit)); !prefix.empty())
      unit_of_prefix.emplace(prefix, unit);
  const auto unit_of = [&](const std::string& adcode) -> std::optional<std::size_t> {
    for (std::size_t length : {6u, 4u, 2u})
      if (adcode.size() >= length)
        if (auto it = unit_of_prefix.find(adcode.substr(0, length)); it != unit_of_prefix.end())
          return it->second;
    return std::nullopt;
  };

  JoinResult result;
  result.row_of_unit.assign(units.units.size(), -1);
  std::map<std::string, long> row_of_county;
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const long row = static_cast<long>(i) + 1;
    const std::string& input = table.rows[i][key_column];
    const std::optional<std::string> parent_prefix = row_parents.prefix(i);
    if (!parent_prefix) {
      result.unmatched.push_back({row, input, {}, row_parents.unknown_note(i)});
      continue;
    }
    const std::string& prefix = *parent_prefix;
    // The county (or finer unit) adcodes this row may be.
    std::vector<std::string> adcodes;
    std::string how = "code";
    const std::string code = normalise_code(input);
    if (by != MatchBy::name && all_digits(code) && code.size() == 6) {
      adcodes.push_back(code);
    } else if (county_names && by != MatchBy::code) {
      const Lookup lookup = county_names->find(input, by, prefix);
      how = lookup.how == "code" ? "code" : "name";
      for (std::size_t county : lookup.units) adcodes.push_back(county_names->adcode(county));
    }
    std::vector<std::size_t> candidates;
    for (const auto& adcode : adcodes)
      if (const auto unit = unit_of(adcode)) candidates.push_back(*unit);
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    if (candidates.empty()) {
      std::string note = adcodes.empty()
                             ? (county_names ? "" : "not a county adcode (set data.counties to match names)")
                             : "no unit contains county " + adcodes.front();
      result.unmatched.push_back(
          {row, input, county_names ? county_names->suggest(input, prefix) : std::vector<std::string>{},
           note});
    } else if (candidates.size() > 1) {
      result.ambiguous.push_back({row, input, candidates});
    } else if (adcodes.size() == 1 && row_of_county.count(adcodes.front())) {
      result.duplicates.push_back({row, input, candidates.front(), row_of_county[adcodes.front()]});
    } else {
      if (adcodes.size() == 1) row_of_county.emplace(adcodes.front(), row);
      const std::size_t unit = candidates.front();
      if (result.row_of_unit[unit] < 0) result.row_of_unit[unit] = static_cast<long>(i);
      result.matched.push_back({row, input, unit, how});
    }
  }
  for (std::size_t unit = 0; unit < units.units.size(); ++unit)
    if (result.row_of_unit[unit] < 0) result.units_without_data.push_back(unit);
  return result;
}

std::vector<UnitValue> aggregate_values(const geo::Table& table, const JoinResult& result, int value_column,
                                        Aggregate how) {
  struct Accumulator {
    double sum = 0, max = 0;
    long numbers = 0, rows = 0, first_row = 0;
    bool any = false;
  };
  std::map<std::size_t, Accumulator> by_unit;
  for (const auto& matched : result.matched) {
    Accumulator& a = by_unit[matched.unit];
    if (a.rows++ == 0) a.first_row = matched.row;
    const std::string& text =
        table.rows[static_cast<std::size_t>(matched.row - 1)][static_cast<std::size_t>(value_column)];
    const std::string cell = normalise_name(text);
    if (how == Aggregate::any) {
      a.any = a.any || !(cell.empty() || cell == "0" || cell == "no" || cell == "false" || cell == "否");
      continue;
    }
    if (how == Aggregate::count || cell.empty()) continue;
    const auto number = geo::parse_number(cell, {.thousands = true, .percent = true});
    if (!number)
      throw geo::not_a_number_error(table.source, matched.row,
                                    table.columns[static_cast<std::size_t>(value_column)], text,
                                    "data.aggregate needs numbers in the value column");
    a.max = a.numbers == 0 ? *number : std::max(a.max, *number);
    a.sum += *number;
    ++a.numbers;
  }
  std::vector<UnitValue> out;
  for (const auto& [unit, a] : by_unit) {
    std::string value;
    switch (how) {
      case Aggregate::sum:
        value = a.numbers ? geo::shortest_text(a.sum) : "";
        break;
      case Aggregate::mean:
        value = a.numbers ? geo::shortest_text(a.sum / static_cast<double>(a.numbers)) : "";
        break;
      case Aggregate::max:
        value = a.numbers ? geo::shortest_text(a.max) : "";
        break;
      case Aggregate::count:
        value = std::to_string(a.rows);
        break;
      case Aggregate::any:
        value = a.any ? "1" : "0";
        break;
    }
    out.push_back({unit, value, a.first_row});
  }
  return out;
}

}  // namespace covermap::boundaries
