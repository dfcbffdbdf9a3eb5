// libFuzzer target: the tiles' deflate encoder (outputs/row_deflate.hpp). Its input is trusted (covermap's own
// palette rows), but a stream it got wrong would be a tile no browser can show. The first two bytes choose the
// stride, the rest are the rows; zlib's inflate (another implementation) must give the rows back, and the
// stream must be no larger than storing them.
#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "outputs/row_deflate.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  const std::size_t stride = std::size_t{data[0]} | std::size_t{data[1]} << 8;
  const unsigned char* rows = data + 2;
  const std::size_t length = size - 2;
  std::vector<unsigned char> stream;
  covermap::outputs::detail::deflate_rows(rows, length, stride, stream);
  // zlib header and Adler-32, and stored blocks of at most 65,535 bytes at 5 bytes each.
  if (stream.size() > length + 5 * (length / 65535 + 1) + 6) std::abort();
  std::vector<unsigned char> back(length + 1);
  uLongf back_length = back.size();
  if (uncompress(back.data(), &back_length, stream.data(), stream.size()) != Z_OK) std::abort();
  if (back_length != length || std::memcmp(back.data(), rows, length) != 0) std::abort();
  return 0;
}
