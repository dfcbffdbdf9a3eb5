#include "styles/legend.hpp"

#include <algorithm>

namespace covermap::styles {

std::vector<LegendEntry> legend_entries(const Classification& classification,
                                        const std::vector<int>& class_of_unit, const LegendStyle& legend,
                                        const NoDataStyle& no_data) {
  const auto with_count = [&](const std::string& label, std::size_t count) {
    return legend.counts ? label + " (" + format_count(count) + ")" : label;
  };
  std::vector<LegendEntry> entries;
  for (const auto& entry : classification.classes)
    entries.push_back({with_count(entry.label, static_cast<std::size_t>(entry.count)), entry.fill, false});
  const auto without = static_cast<std::size_t>(std::count(class_of_unit.begin(), class_of_unit.end(), -1));
  if (without > 0 && !no_data.label.empty())
    entries.push_back({with_count(no_data.label, without), no_data.fill, no_data.hatch});
  return entries;
}

}  // namespace covermap::styles
