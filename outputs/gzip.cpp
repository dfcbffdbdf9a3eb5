#include "outputs/gzip.hpp"

#include <zlib.h>

#include <algorithm>
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

// The settings every gzip here uses: a fixed header (no name, time 0) and zlib's default memory level.
void start_gzip(DeflateStream& deflater, int level) {
  if (deflateInit2(&deflater.stream, level, Z_DEFLATED, kGzipWindowBits, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    throw InternalError("zlib", "could not start gzip");
}

constexpr std::size_t kDeflateChunk = 65536;

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
  start_gzip(deflater, level);
  std::string out(deflateBound(&deflater.stream, input.size()) + 32, '\0');
  deflater.stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  deflater.stream.avail_in = static_cast<uInt>(input.size());
  deflater.stream.next_out = reinterpret_cast<Bytef*>(out.data());
  deflater.stream.avail_out = static_cast<uInt>(out.size());
  if (deflate(&deflater.stream, Z_FINISH) != Z_STREAM_END) throw InternalError("zlib", "gzip failed");
  out.resize(deflater.stream.total_out);
  return out;
}

struct GzipStream::State {
  DeflateStream deflater;
};

GzipStream::GzipStream(int level) : state_(std::make_unique<State>()) {
  start_gzip(state_->deflater, level);
}

GzipStream::~GzipStream() = default;

void GzipStream::add(std::string_view piece) {
  z_stream& stream = state_->deflater.stream;
  while (!piece.empty()) {
    const std::size_t take = std::min<std::size_t>(piece.size(), UINT_MAX);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
    stream.avail_in = static_cast<uInt>(take);
    deflate_into_out(Z_NO_FLUSH);
    piece.remove_prefix(take);
  }
}

std::string GzipStream::finish() {
  state_->deflater.stream.avail_in = 0;
  deflate_into_out(Z_FINISH);
  return std::move(out_);
}

// Deflates the pending input (all of it, or to the end of the stream for Z_FINISH) onto out_.
void GzipStream::deflate_into_out(int flush) {
  z_stream& stream = state_->deflater.stream;
  for (;;) {
    const std::size_t before = out_.size();
    out_.resize(before + kDeflateChunk);
    stream.next_out = reinterpret_cast<Bytef*>(out_.data() + before);
    stream.avail_out = static_cast<uInt>(kDeflateChunk);
    const int status = deflate(&stream, flush);
    out_.resize(before + kDeflateChunk - stream.avail_out);
    if (status == Z_STREAM_END) return;
    if (status != Z_OK && status != Z_BUF_ERROR) throw InternalError("zlib", "gzip failed");
    // Room left over means all the input is taken; at the end it would have meant Z_STREAM_END.
    if (stream.avail_out != 0) {
      if (flush == Z_NO_FLUSH) return;
      throw InternalError("zlib", "gzip did not finish");
    }
  }
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
