#pragma once
// gzip (RFC 1952) through zlib, for the PMTiles directories and metadata: the one place outside the PNG
// writers that calls zlib, so the PMTiles format code takes these as callables.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace covermap::outputs {

// Best compression, no name and time 0 in the gzip header, so the same input gives the same bytes.
// InternalError if zlib fails.
std::string gzip(std::string_view input);
// The same at zlib's `level` (1-9).
std::string gzip_at_level(std::string_view input, int level);

// gzip given piece by piece: the same bytes gzip_at_level() gives for the pieces joined (zlib's
// output does not depend on how its input is split while nothing is flushed), for what is too large to hold
// whole. InternalError if zlib fails.
class GzipStream {
 public:
  // At zlib's `level` (1-9), best compression unless told.
  explicit GzipStream(int level = 9);
  GzipStream(const GzipStream&) = delete;
  GzipStream& operator=(const GzipStream&) = delete;
  ~GzipStream();

  void add(std::string_view piece);
  // Compressed bytes out so far: never more than finish() returns.
  std::uint64_t compressed_size() const { return out_.size(); }
  // Every compressed byte; call once, after the last add.
  std::string finish();

 private:
  void deflate_into_out(int flush);

  struct State;
  std::unique_ptr<State> state_;
  std::string out_;
};

// The inflated bytes, or nullopt when `input` is not one complete gzip stream or would inflate past
// `max_bytes` (a small bomb must not take the memory).
std::optional<std::string> gunzip(std::string_view input, std::size_t max_bytes);

}  // namespace covermap::outputs
