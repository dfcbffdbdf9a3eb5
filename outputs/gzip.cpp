#include "outputs/gzip.hpp"

#include <zlib.h>

#include <climits>

#include "geo/error.hpp"

namespace covermap::outputs {
namespace {

// 15 window bits + 16: a gzip wrapper rather than zlib's own.
constexpr int kGzipWindowBits = 15 + 16;
constexpr std::size_t kInflateChunk = 65536;

struct DeflateStream {
  z_stream stream{};
  ~DeflateStream() { deflateEnd(&stream); }
};

struct InflateStream {
  z_stream stream{};
  ~InflateStream() { inflateEnd(&stream); }
};

}  // namespace

std::string gzip(std::string_view input) {
  return gzip_at_level(input, Z_BEST_COMPRESSION);
}

std::string gzip_at_level(std::string_view input, int level) {
  if (input.size() > UINT_MAX) throw InternalError("zlib", "input too large for one gzip call");
  DeflateStream deflater;
  if (deflateInit2(&deflater.stream, level, Z_DEFLATED, kGzipWindowBits, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw InternalError("zlib", "could not start gzip");
  std::string out(deflateBound(&deflater.stream, input.size()) + 32, '\0');
  deflater.stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  deflater.stream.avail_in = static_cast<uInt>(input.size());
  deflater.stream.next_out = reinterpret_cast<Bytef*>(out.data());
  deflater.stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&deflater.stream, Z_FINISH) != Z_STREAM_END) throw InternalError("zlib", "gzip failed");
  out.resize(deflater.stream.total_out);
  return out;
}

std::optional<std::string> gunzip(std::string_view input, std::size_t max_bytes) {
  if (input.size() > UINT_MAX) return std::nullopt;
  InflateStream inflater;
  if (inflateInit2(&inflater.stream, kGzipWindowBits) != Z_OK)
    throw InternalError("zlib", "could not start gunzip");
  inflater.stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  inflater.stream.avail_in = static_cast<uInt>(input.size());
  std::string out;
  int status = Z_OK;
  while (status == Z_OK) {
    // One byte past the limit is room enough to tell that the limit is passed.
    const std::size_t left = max_bytes - out.size();
    const std::size_t room = left < kInflateChunk ? left + 1 : kInflateChunk;
    const std::size_t before = out.size();
    out.resize(before + room);
    inflater.stream.next_out = reinterpret_cast<Bytef*>(out.data() + before);
    inflater.stream.avail_out = static_cast<uInt>(room);
    status = inflate(&inflater.stream, Z_NO_FLUSH);
    out.resize(before + room - inflater.stream.avail_out);
    if (out.size() > max_bytes) return std::nullopt;
  }
  // Anything after the end of the stream means the length given for it was wrong.
  if (status != Z_STREAM_END || inflater.stream.avail_in != 0) return std::nullopt;
  return out;
}

}  // namespace covermap::outputs
