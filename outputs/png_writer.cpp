#include "outputs/png_writer.hpp"

#include <csetjmp>
#include <cstdio>

namespace covermap::outputs::detail {
namespace {

// libpng reports errors by longjmp; the handles are released by this guard, declared before setjmp in the
// same frame, so no C++ destructor is ever skipped.
struct PngWriteHandles {
  png_structp png = nullptr;
  png_infop info = nullptr;
  ~PngWriteHandles() { png_destroy_write_struct(&png, info ? &info : nullptr); }
};

struct PngErrorState {
  std::array<char, 256> message{};
};

[[noreturn]] void png_error_callback(png_structp png, png_const_charp message) {
  auto* state = static_cast<PngErrorState*>(png_get_error_ptr(png));
  std::snprintf(state->message.data(), state->message.size(), "%s", message);
  png_longjmp(png, 1);
}

void png_warning_callback(png_structp, png_const_charp) {}

void png_write_callback(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  bool appended = true;
  try {
    out->append(reinterpret_cast<const char*>(data), length);
  } catch (...) {
    appended = false;
  }
  // png_error longjmps: never from inside a catch block, whose exception would then never be destroyed.
  if (!appended) png_error(png, "out of memory");
}

void png_flush_callback(png_structp) {}

bool write(const PngImage& image, const PngCompression& compression, std::string& out, PngErrorState& error) {
  PngWriteHandles handles;
  handles.png =
      png_create_write_struct(PNG_LIBPNG_VER_STRING, &error, png_error_callback, png_warning_callback);
  if (!handles.png) return false;
  handles.info = png_create_info_struct(handles.png);
  if (!handles.info) return false;
  if (setjmp(png_jmpbuf(handles.png))) return false;
  png_set_write_fn(handles.png, &out, png_write_callback, png_flush_callback);
  png_set_IHDR(handles.png, handles.info, image.width, image.height, image.depth, image.colour_type,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  if (image.pixels_per_metre > 0)
    png_set_pHYs(handles.png, handles.info, static_cast<png_uint_32>(image.pixels_per_metre),
                 static_cast<png_uint_32>(image.pixels_per_metre), PNG_RESOLUTION_METER);
  png_set_filter(handles.png, PNG_FILTER_TYPE_BASE, compression.filters);
  png_set_compression_level(handles.png, compression.zlib_level);
  png_set_compression_strategy(handles.png, compression.zlib_strategy);
  png_write_info(handles.png, handles.info);
  png_write_image(handles.png, const_cast<png_bytepp>(image.rows.data()));
  png_write_end(handles.png, nullptr);
  return true;
}

}  // namespace

bool write_png(const PngImage& image, const PngCompression& compression, std::string& out,
               std::string& error) {
  if (image.colour_type == PNG_COLOR_TYPE_PALETTE) {
    error = "palette images are written by png_chunks.hpp";
    return false;
  }
  PngErrorState state;
  if (write(image, compression, out, state)) return true;
  error = state.message[0] != '\0' ? state.message.data() : "libpng could not start";
  return false;
}

}  // namespace covermap::outputs::detail
