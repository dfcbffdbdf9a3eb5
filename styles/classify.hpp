#pragma once
// Turns one data column into legend classes and a class per row: categorical, or numeric by quantile,
// equal interval, natural breaks (Jenks) or manual breaks. Plain data in, plain data out.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "styles/color.hpp"

namespace covermap::styles {

// One data row's value; empty text = no data; row counts from 1 after the header.
struct DataValue {
  std::string text;
  long row = 0;
};

// How numeric class ranges are printed. automatic: percent when every value in the column is written with a
// trailing "%", else number.
enum class LabelFormat {
  automatic,
  number,   // 1,000 – 5,000
  percent,  // the values are percentages: 12.5% – 30%
  share,    // the values are shares of 1, printed as percentages: 0.125 -> 12.5%
};

struct ClassifySpec {
  std::string method = "quantile";  // categorical | quantile | equal-interval | natural-breaks | manual
  int classes = 5;
  // manual: n+1 ascending class boundaries for n classes, or n-1 inner breaks (the data's minimum and
  // maximum then close the outer classes); `classes` decides which form is meant.
  std::vector<double> breaks;
  // categorical: legend order and optional colour per category.
  std::vector<std::pair<std::string, std::optional<Color>>> categories;
  LabelFormat format = LabelFormat::automatic;
};

// A ColorBrewer name, or explicit colours (colors wins if non-empty). Empty name and no colours means
// the default: YlGnBu for numeric methods, Set2 for categorical.
struct PaletteSpec {
  std::string name;
  std::vector<Color> colors;
};

struct ClassEntry {
  std::string label;
  Color fill;
  double lower = 0, upper = 0;  // numeric bounds, unused for categorical
  int count = 0;                // values in the class
};

struct Classification {
  std::vector<ClassEntry> classes;  // legend order
  std::vector<int> class_of;        // one per input value: index into classes, or -1 for no data
};

// A count with thousands separators: 2884 -> "2,884".
std::string format_count(std::size_t count);

// `source` and `column` name the data file and its value column in row errors ("data.csv:4: column
// 'Coverage': 'abc' is not a number"). Throws InputError for bad values, an unknown method or palette, or
// too few colours.
Classification classify(const std::vector<DataValue>& values, const ClassifySpec& spec,
                        const PaletteSpec& palette, const std::string& source,
                        const std::string& column = {});

}  // namespace covermap::styles
