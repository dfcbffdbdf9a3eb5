#pragma once
// Small pure pieces of HTTP that the tile server needs and httplib does not give: matching ETags, one byte
// range, escaping a path segment, and telling a Host header that can go into URLs from one that cannot.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace covermap::app {

// Whether an If-None-Match (or If-Range) header names `etag` ("*" names any; weak tags compare by value).
bool etag_matches(std::string_view header, std::string_view etag);

struct ByteRange {
  std::uint64_t first = 0, length = 0;
};
struct RangeRequest {
  enum class Kind { whole, range, unsatisfiable };
  Kind kind = Kind::whole;
  ByteRange range;
};
// A Range header against a file of `size` bytes: one range "bytes=a-b", "bytes=a-" or "bytes=-n" is served
// (clipped to the file); a range starting past the end is unsatisfiable (416); anything else, including
// several ranges, gets the whole file, as RFC 9110 allows.
RangeRequest parse_range(std::string_view header, std::uint64_t size);

// `text` with every byte but A-Z a-z 0-9 - . _ ~ percent-encoded, for a tile set name in a URL.
std::string escape_path_segment(std::string_view text);

// Whether a Host header is a plain host[:port] (letters, digits, '.', '-', ':', '[', ']'), safe to repeat in
// the URLs of a TileJSON.
bool is_plain_host(std::string_view host);

// Degrees from a query parameter: a whole decimal number within [min, max], nothing else.
std::optional<double> parse_degrees(std::string_view text, double min, double max);

}  // namespace covermap::app
