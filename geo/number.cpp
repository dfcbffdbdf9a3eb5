#include "geo/number.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "geo/ascii_text.hpp"

namespace covermap::geo {
namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// The digits before the decimal point without their thousands separators, or nullopt when a comma is not
// one: the first group has one to three digits, every later group exactly three.
std::optional<std::string> without_separators(std::string_view integer_part) {
  const auto first_comma = integer_part.find(',');
  if (first_comma == std::string_view::npos) return std::string(integer_part);
  if (first_comma == 0 || first_comma > 3) return std::nullopt;
  std::string digits(integer_part.substr(0, first_comma));
  for (std::size_t at = first_comma; at < integer_part.size(); at += 4) {
    if (integer_part[at] != ',' || at + 4 > integer_part.size()) return std::nullopt;
    const std::string_view group = integer_part.substr(at + 1, 3);
    if (!std::all_of(group.begin(), group.end(), is_digit)) return std::nullopt;
    digits += group;
  }
  return digits;
}

}  // namespace

std::optional<double> parse_number(std::string_view text, NumberSyntax syntax) {
  text = ascii_trimmed(text);
  if (syntax.percent && !text.empty() && text.back() == '%')
    text = ascii_trimmed(text.substr(0, text.size() - 1));
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  // from_chars would also take "inf", "nan" and a second sign: a number starts with a digit or a point.
  if (text.empty() || !(is_digit(text.front()) || text.front() == '.')) return std::nullopt;
  std::string plain(text);
  if (plain.find(',') != std::string::npos) {
    if (!syntax.thousands) return std::nullopt;
    const std::size_t integer_end = std::min(plain.find_first_of(".eE"), plain.size());
    if (plain.find(',', integer_end) != std::string::npos) return std::nullopt;
    const auto digits = without_separators(std::string_view(plain).substr(0, integer_end));
    if (!digits) return std::nullopt;
    plain = *digits + plain.substr(integer_end);
  }
  double value = 0;
  const auto [end, error] = std::from_chars(plain.data(), plain.data() + plain.size(), value);
  if (error != std::errc() || end != plain.data() + plain.size() || !std::isfinite(value))
    return std::nullopt;
  return negative ? -value : value;
}

std::optional<long long> parse_integer(std::string_view text) {
  text = ascii_trimmed(text);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::uint64_t> parse_plain_unsigned(std::string_view text) {
  if (text.empty() || (text.size() > 1 && text.front() == '0') ||
      text.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string shortest_text(double value) {
  char buffer[32];
  const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : std::string();
}

std::string not_a_number_hint(std::string_view text) {
  text = ascii_trimmed(text);
  const auto comma = text.find(',');
  if (comma == std::string_view::npos || text.find(',', comma + 1) != std::string_view::npos) return {};
  std::string with_point(text);
  with_point[comma] = '.';
  if (!parse_number(with_point, {.percent = true})) return {};
  return "a decimal comma? write " + with_point + " (covermap reads a point as the decimal mark)";
}

InputError not_a_number_error(const std::string& file, long row, const std::string& column,
                              std::string_view text, const std::string& hint) {
  const std::string comma_hint = not_a_number_hint(text);
  return input_error_at_row(
      file, row,
      (column.empty() ? "" : "column '" + column + "': ") + "'" + std::string(text) + "' is not a number",
      comma_hint.empty() ? hint : comma_hint);
}

}  // namespace covermap::geo
