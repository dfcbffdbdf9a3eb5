#include "app/http_util.hpp"

#include <charconv>
#include <cmath>

namespace covermap::app {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<std::uint64_t> decimal(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

bool etag_matches(std::string_view header, std::string_view etag) {
  if (etag.substr(0, 2) == "W/") etag.remove_prefix(2);
  while (!header.empty()) {
    const std::size_t comma = header.find(',');
    std::string_view tag = trim(header.substr(0, comma));
    if (tag == "*") return true;
    if (tag.substr(0, 2) == "W/") tag.remove_prefix(2);
    if (!tag.empty() && tag == etag) return true;
    if (comma == std::string_view::npos) break;
    header.remove_prefix(comma + 1);
  }
  return false;
}

RangeRequest parse_range(std::string_view header, std::uint64_t size) {
  RangeRequest request;
  header = trim(header);
  if (header.substr(0, 6) != "bytes=") return request;
  const std::string_view spec = trim(header.substr(6));
  const std::size_t dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos) return request;
  const std::string_view first_text = trim(spec.substr(0, dash)), last_text = trim(spec.substr(dash + 1));
  if (first_text.empty()) {  // the last n bytes
    const auto suffix = decimal(last_text);
    if (!suffix) return request;
    if (*suffix == 0 || size == 0) {
      request.kind = RangeRequest::Kind::unsatisfiable;
      return request;
    }
    const std::uint64_t length = std::min(*suffix, size);
    request.kind = RangeRequest::Kind::range;
    request.range = {size - length, length};
    return request;
  }
  const auto first = decimal(first_text);
  const auto last = last_text.empty() ? std::optional<std::uint64_t>(UINT64_MAX) : decimal(last_text);
  if (!first || !last || *last < *first) return request;
  if (*first >= size) {
    request.kind = RangeRequest::Kind::unsatisfiable;
    return request;
  }
  request.kind = RangeRequest::Kind::range;
  request.range = {*first, std::min(*last, size - 1) - *first + 1};
  return request;
}

std::string escape_path_segment(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string escaped;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') || (byte >= '0' && byte <= '9') ||
        byte == '-' || byte == '.' || byte == '_' || byte == '~') {
      escaped += c;
    } else {
      escaped += '%';
      escaped += kHex[byte >> 4];
      escaped += kHex[byte & 15];
    }
  }
  return escaped;
}

bool is_plain_host(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  for (const char c : host)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
          c == '-' || c == ':' || c == '[' || c == ']'))
      return false;
  return true;
}

std::optional<double> parse_degrees(std::string_view text, double min, double max) {
  text = trim(text);
  if (text.empty() || text.size() > 32) return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || value < min ||
      value > max)
    return std::nullopt;
  return value;
}

}  // namespace covermap::app
