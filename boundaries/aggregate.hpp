#pragma once
// data.aggregate: a table of counties drawn on provinces or prefectures. Each row is resolved to a county
// adcode (a code in the key column, or a name looked up among data.counties, narrowed by data.parent), and
// the county's 2- or 4-digit adcode prefix names the unit it belongs to (320106 -> 3201 南京市 or 32 江苏省).
// Rows are never matched to a unit by the unit's own name: a county name that fits counties in two units is
// ambiguous between those units; one that fits two counties of the same unit (鼓楼区 twice in 江苏) is not,
// for that unit.
#include <optional>
#include <string>
#include <vector>

#include "boundaries/join.hpp"

namespace covermap::boundaries {

enum class Aggregate { sum, mean, max, count, any };

// "sum" | "mean" | "max" | "count" | "any"; nullopt for ""; throws InputError otherwise.
std::optional<Aggregate> parse_aggregate(const std::string& text);

// Matches rows to the units containing them. `counties`: the units the rows name (attributes only; may be
// null, then only codes resolve); `parents`: see join(). A county given twice is a duplicate.
JoinResult join_aggregated(const BoundarySet& units, const geo::Table& table, const DataSpec& spec,
                           const BoundarySet* counties, const BoundarySet* parents = nullptr);

struct UnitValue {
  std::size_t unit;
  std::string value;  // the aggregate as text, for the classifier
  long first_row;     // the unit's first row, for error messages
};

// One value per unit with rows, in unit order. sum, mean and max read numbers (thousands separators and a
// trailing % allowed; empty cells skipped; other text is an InputError naming the row); count counts rows;
// any is 1 when a row has a value other than empty, 0, no or false, else 0.
std::vector<UnitValue> aggregate_values(const geo::Table& table, const JoinResult& result, int value_column,
                                        Aggregate how);

}  // namespace covermap::boundaries
