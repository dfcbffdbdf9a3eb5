#pragma once
// gzip (RFC 1952) through zlib, for the PMTiles directories and metadata: the one place outside the PNG
// writers that calls zlib, so the PMTiles format code takes these as callables.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace covermap::outputs {

// Best compression, no name and time 0 in the gzip header, so the same input gives the same bytes.
// InternalError if zlib fails.
std::string gzip(std::string_view input);
// The same at zlib's `level` (1-9).
std::string gzip_at_level(std::string_view input, int level);

// The inflated bytes, or nullopt when `input` is not one complete gzip stream or would inflate past
// `max_bytes` (a small bomb must not take the memory).
std::optional<std::string> gunzip(std::string_view input, std::size_t max_bytes);

}  // namespace covermap::outputs
