#pragma once
// How covermap reads every number it is given: table cells, coordinates, map-file values, command-line
// options. One strict reader, in the C locale whatever the machine's (std::from_chars), so a number is
// read the same everywhere and text that is not one number is refused, never half-read.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "geo/error.hpp"

namespace covermap::geo {

struct NumberSyntax {
  // "1,234,567": commas between groups of three digits before the decimal point. Any other comma ("1,5",
  // a decimal comma) is refused, never dropped: 1,5 must not become 15.
  bool thousands = false;
  bool percent = false;  // a trailing "%": "12.5%" reads as 12.5
};

// The value of `text`, surrounding spaces ignored: an optional sign, digits with an optional point and
// exponent ("-12.5", ".5", "1e3"). nullopt for anything else, and for infinities, NaN and overflow.
std::optional<double> parse_number(std::string_view text, NumberSyntax syntax = {});

// A whole number in plain digits with an optional sign ("18", "-3"); nullopt otherwise or on overflow.
std::optional<long long> parse_integer(std::string_view text);

// A count or code written plainly: digits only, no sign or spaces, no leading zero ("440000", "0"; not
// "0440",
// "+4", "4e5"); nullopt otherwise or past 2^64 - 1. Tile coordinates in URLs and unit ids as numbers.
std::optional<std::uint64_t> parse_plain_unsigned(std::string_view text);

// The shortest text that reads back as the same double ("0.1", "1e+22").
std::string shortest_text(double value);

// What to write instead, when `text` looks like a number in another convention ("1,5": "write 1.5 ..."),
// else "".
std::string not_a_number_hint(std::string_view text);

// The error for a cell that is not a number, naming its file, row and column ("" when the cell has none):
// "data.csv:4: column 'Coverage': 'abc' is not a number (<hint>)"; a decimal comma's hint wins over `hint`.
InputError not_a_number_error(const std::string& file, long row, const std::string& column,
                              std::string_view text, const std::string& hint);

}  // namespace covermap::geo
