#pragma once
// Internal to outputs/: the tiles' palette PNGs written chunk by chunk, the image data compressed by
// libdeflate: at level 5, 9 % fewer bytes than libpng with zlib at level 3 for the same CPU (measured in
// tile_encoding.hpp). The figures' RGB PNGs stay with libpng (png_writer.hpp).
#include <string>

#include "outputs/png_writer.hpp"

namespace covermap::outputs::detail {

// The palette image `image` (colour_type PNG_COLOR_TYPE_PALETTE; `packed`: the rows packed to its depth, each
// behind its filter byte, 0: none, as filters only add bytes to palette images) as a PNG: IHDR, PLTE, tRNS
// when entries are translucent, one IDAT (`packed` compressed as it is) and IEND. `level`: libdeflate's,
// 1-12.
std::string palette_png(const PngImage& image, int level);

}  // namespace covermap::outputs::detail
