#include "outputs/png_chunks.hpp"

#include <libdeflate.h>

#include <array>
#include <vector>

#include "geo/error.hpp"
#include "outputs/row_deflate.hpp"

namespace covermap::outputs::detail {
namespace {

void append_u32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

// Length, type, data and the CRC of type and data.
void append_chunk(std::string& out, const char* type, const unsigned char* data, std::size_t size) {
  append_u32(out, static_cast<std::uint32_t>(size));
  const std::size_t start = out.size();
  out.append(type, 4);
  if (size > 0) out.append(reinterpret_cast<const char*>(data), size);
  append_u32(out, libdeflate_crc32(0, out.data() + start, out.size() - start));
}

}  // namespace

std::string palette_png(const PngImage& image) {
  if (image.colour_type != PNG_COLOR_TYPE_PALETTE)
    throw InternalError("png", "palette_png takes a palette image");
  const std::size_t row_bytes = (static_cast<std::size_t>(image.width) * image.depth + 7) / 8;
  const std::vector<png_byte>& rows = image.packed;
  if (rows.size() != (row_bytes + 1) * static_cast<std::size_t>(image.height))
    throw InternalError("png", "palette_png takes each row behind its filter byte");
  thread_local std::vector<unsigned char> compressed;
  compressed.clear();
  deflate_rows(rows.data(), rows.size(), row_bytes + 1, compressed);
  const std::size_t size = compressed.size();

  std::string out("\x89PNG\r\n\x1a\n", 8);
  out.reserve(size + 64 + 4 * static_cast<std::size_t>(image.palette_size));
  std::array<unsigned char, 13> header{};
  for (std::size_t i = 0; i < 4; ++i) {
    const std::size_t shift = 24 - 8 * i;
    header[i] = static_cast<unsigned char>(static_cast<std::uint32_t>(image.width) >> shift);
    header[4 + i] = static_cast<unsigned char>(static_cast<std::uint32_t>(image.height) >> shift);
  }
  header[8] = static_cast<unsigned char>(image.depth);
  header[9] = PNG_COLOR_TYPE_PALETTE;  // compression, filter method and interlace: 0
  append_chunk(out, "IHDR", header.data(), header.size());
  std::array<unsigned char, std::size_t{3} * 256> palette{};
  for (std::size_t i = 0; i < static_cast<std::size_t>(image.palette_size); ++i) {
    palette[3 * i] = image.palette[i].red;
    palette[3 * i + 1] = image.palette[i].green;
    palette[3 * i + 2] = image.palette[i].blue;
  }
  append_chunk(out, "PLTE", palette.data(), 3 * static_cast<std::size_t>(image.palette_size));
  if (image.translucent > 0)
    append_chunk(out, "tRNS", image.alpha.data(), static_cast<std::size_t>(image.translucent));
  append_chunk(out, "IDAT", compressed.data(), size);
  append_chunk(out, "IEND", nullptr, 0);
  return out;
}

}  // namespace covermap::outputs::detail
