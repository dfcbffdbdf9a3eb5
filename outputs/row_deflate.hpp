#pragma once
// Internal to outputs/: a zlib stream (RFC 1950, deflate of RFC 1951) made for the palette rows of map tiles,
// as fpng does for RGB images. A tile is runs of one colour and rows much like the row above: the only
// matches looked for are the run going on (distance 1) and the row above, straight or shifted by a byte
// (distances stride - 1, stride and stride + 1), taken greedily; what they leave is literals. One block,
// coded by Huffman codes made for it (or stored, when that is smaller). The county tiles come out smaller
// than with libdeflate at level 5 in a fraction of its time (measured in bench/README.md): its hash chains
// look everywhere for what lies in these few places.
#include <cstddef>
#include <vector>

namespace covermap::outputs::detail {

// `data` (`size` bytes: rows of `stride` bytes) as a zlib stream, appended to `out`. Any bytes and any
// stride (a stride of 0 or one beyond the 32 KB window only leaves the row above unused) give a valid stream
// that inflates to `data`.
void deflate_rows(const unsigned char* data, std::size_t size, std::size_t stride,
                  std::vector<unsigned char>& out);

}  // namespace covermap::outputs::detail
