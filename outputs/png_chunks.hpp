#pragma once
// Internal to outputs/: the tiles' palette PNGs written chunk by chunk, the image data compressed by
// row_deflate.hpp. The figures' RGB PNGs stay with libpng (png_writer.hpp).
#include <string>

#include "outputs/png_writer.hpp"

namespace covermap::outputs::detail {

// The palette image `image` (colour_type PNG_COLOR_TYPE_PALETTE; `packed`: the rows packed to its depth, each
// behind its filter byte, 0: none, as filters only add bytes to palette images) as a PNG: IHDR, PLTE, tRNS
// when entries are translucent, one IDAT (`packed` compressed as it is) and IEND.
std::string palette_png(const PngImage& image);

}  // namespace covermap::outputs::detail
