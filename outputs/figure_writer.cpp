#include "outputs/figure_writer.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <regex>
#include <thread>

#include "geo/ascii_text.hpp"
#include "geo/atomic_output.hpp"
#include "geo/error.hpp"
#include "outputs/rgb_png.hpp"
#include "render/cairo_handles.hpp"
#include "render/draw_figure.hpp"
#include "render/page_layout.hpp"
#include "render/text_collector.hpp"

namespace covermap::outputs {
namespace {

std::string read_whole_file(const std::string& file, const std::string& path) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError(path, "could not be read back");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Cairo's image surfaces end at 32,767 pixels a side.
constexpr int kMaxPngSide = 32767;

// PDF and SVG keep geometry as fine as a 600 dpi printer's dot (0.04 mm): finer detail only adds bytes.
constexpr render::DeviceResolution kVectorResolution{72.0 / 600, 72.0 / 600};

// Cairo's vector surfaces write through here, so a failed write keeps the OS's reason (a full disk).
struct FileStream {
  std::FILE* file = nullptr;
  int error = 0;  // errno of the first failed write
};

cairo_status_t write_to_stream(void* closure, const unsigned char* data, unsigned int length) {
  auto* stream = static_cast<FileStream*>(closure);
  if (stream->error == 0 && std::fwrite(data, 1, length, stream->file) == length) return CAIRO_STATUS_SUCCESS;
  if (stream->error == 0) stream->error = errno;
  return CAIRO_STATUS_WRITE_ERROR;
}

render::CairoSurfacePtr make_vector_surface(FigureFormat format, FileStream& stream, double width_pt,
                                            double height_pt, const styles::MapStyle& page) {
  if (format == FigureFormat::svg) {
    render::CairoSurfacePtr surface(
        cairo_svg_surface_create_for_stream(write_to_stream, &stream, width_pt, height_pt));
    cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PT);
    return surface;
  }
  render::CairoSurfacePtr surface(
      cairo_pdf_surface_create_for_stream(write_to_stream, &stream, width_pt, height_pt));
  if (cairo_surface_status(surface.get()) == CAIRO_STATUS_SUCCESS) {
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, page.title.c_str());
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "covermap");
    // A fixed date keeps the same inputs giving the same bytes.
    cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
  }
  return surface;
}

// Cairo names an SVG's groups after its surfaces' serial numbers, counted over the whole process
// (`<g id="surface207">`): numbered again from 1 in order of appearance, the same figure gives the same
// bytes whatever was drawn before it (a build draws many figures, several at once).
std::string renumber_svg_surfaces(const std::string& svg) {
  static const std::regex surface_id("surface([0-9]+)");
  std::map<std::string, int> number_of;
  std::string out;
  out.reserve(svg.size());
  auto last = svg.cbegin();
  for (std::sregex_iterator it(svg.begin(), svg.end(), surface_id), end; it != end; ++it) {
    out.append(last, (*it)[0].first);
    const int number =
        number_of.emplace((*it)[1].str(), static_cast<int>(number_of.size()) + 1).first->second;
    out += "surface" + std::to_string(number);
    last = (*it)[0].second;
  }
  out.append(last, svg.cend());
  return out;
}

// Puts the collected text, as <text> elements, on top of what Cairo drew.
void append_svg_text(const std::string& temp_path, const std::string& path,
                     const render::TextCollector& text) {
  std::string svg = renumber_svg_surfaces(read_whole_file(temp_path, path));
  const std::size_t end = svg.rfind("</svg>");
  if (end == std::string::npos) throw InternalError(path, "Cairo wrote an SVG without </svg>");
  svg.insert(end, render::svg_text_elements(text.lines()));
  geo::write_whole_file(temp_path, svg, path);
}

// Draws a PDF or SVG page into `file` (the temporary of `path`).
template <typename Draw>
void write_vector_page(FigureFormat format, const std::string& file, const std::string& path, double width_pt,
                       double height_pt, const styles::MapStyle& page, const Draw& draw) {
  geo::FilePtr out(std::fopen(file.c_str(), "wb"));
  if (!out) throw geo::write_error(path, errno);
  FileStream stream{out.get()};
  render::TextCollector text;
  {
    render::CairoSurfacePtr surface = make_vector_surface(format, stream, width_pt, height_pt, page);
    render::check_status(surface.get(), "creating " + path);
    if (format == FigureFormat::svg) text.attach(surface.get());
    {
      render::CairoPtr cr(cairo_create(surface.get()));
      draw(cr.get(), kVectorResolution);
    }
    cairo_surface_finish(surface.get());
    if (stream.error != 0) throw geo::write_error(path, stream.error);
    render::check_status(surface.get(), "writing " + path);
  }
  if (std::fflush(out.get()) != 0 || std::fclose(out.release()) != 0) throw geo::write_error(path, errno);
  if (format == FigureFormat::svg) append_svg_text(file, path, text);
}

// Makes the surface `path` asks for, the size of `page`, has `draw` draw on it and writes the file.
template <typename Draw>
void write_page(const styles::MapStyle& page, const std::string& path, double dpi, const Draw& draw) {
  const FigureFormat format = figure_format(path);
  if (!(dpi >= 10 && dpi <= 2400))
    throw InputError("--dpi", "dpi " + std::to_string(dpi) + " is out of range", "10 to 2400");
  const double width_pt = render::points_from_mm(page.page.width_mm);
  const double height_pt = render::points_from_mm(page.page.height_mm);
  if (!(width_pt > 0 && height_pt > 0)) throw InputError("page", "page width and height must be positive");

  geo::AtomicOutput output(path);
  if (format == FigureFormat::png) {
    const int width_px = static_cast<int>(std::lround(page.page.width_mm / 25.4 * dpi));
    const int height_px = static_cast<int>(std::lround(page.page.height_mm / 25.4 * dpi));
    if (std::max(width_px, height_px) > kMaxPngSide)
      throw InputError(path,
                       "a PNG of " + std::to_string(width_px) + " x " + std::to_string(height_px) +
                           " pixels is too large (at most " + std::to_string(kMaxPngSide) + " on a side)",
                       "lower --dpi or page.width_mm and page.height_mm, or write a PDF or SVG");
    render::CairoSurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, width_px, height_px));
    render::check_status(
        surface.get(), "creating a " + std::to_string(width_px) + "x" + std::to_string(height_px) + " image");
    unsigned char* pixels = cairo_image_surface_get_data(surface.get());
    const int stride = cairo_image_surface_get_stride(surface.get());
    // The upper and the lower half of the page are drawn at once, each by a thread of its own with the whole
    // page clipped to its rows (render/ skips what lies outside the clip): the pixels are those of one pass.
    const auto draw_rows = [&](int first_row, int end_row) {
      render::CairoSurfacePtr rows(
          cairo_image_surface_create_for_data(pixels + static_cast<std::ptrdiff_t>(first_row) * stride,
                                              CAIRO_FORMAT_RGB24, width_px, end_row - first_row, stride));
      render::check_status(rows.get(), "creating a " + std::to_string(width_px) + "x" +
                                           std::to_string(end_row - first_row) + " image");
      render::CairoPtr cr(cairo_create(rows.get()));
      cairo_translate(cr.get(), 0, -first_row);
      cairo_scale(cr.get(), width_px / width_pt, height_px / height_pt);
      // A quarter-pixel grid keeps anti-aliased edges exact.
      draw(cr.get(), render::DeviceResolution{72.0 / dpi, 18.0 / dpi});
      cairo_surface_flush(rows.get());
    };
    const int split = height_px / 2;
    std::exception_ptr lower_failed;
    {
      std::jthread lower([&] {
        try {
          draw_rows(split, height_px);
        } catch (...) {
          lower_failed = std::current_exception();
        }
      });
      draw_rows(0, split);
    }
    if (lower_failed) std::rethrow_exception(lower_failed);
    cairo_surface_mark_dirty(surface.get());
    geo::write_whole_file(output.temp_path(), encode_rgb_png(pixels, width_px, height_px, stride, dpi), path);
  } else {
    write_vector_page(format, output.temp_path(), path, width_pt, height_pt, page, draw);
  }
  output.commit();
}

}  // namespace

FigureFormat figure_format(const std::string& path) {
  const std::string extension = geo::lowered_extension(path);
  if (extension == ".pdf") return FigureFormat::pdf;
  if (extension == ".svg") return FigureFormat::svg;
  if (extension == ".png") return FigureFormat::png;
  throw InputError(path, "unknown figure format '" + extension + "'", "use .pdf, .svg or .png");
}

void write_figure(const render::Figure& figure, const std::string& path, double dpi) {
  write_page(figure.page, path, dpi, [&](cairo_t* cr, const render::DeviceResolution& resolution) {
    render::draw_figure(cr, figure, resolution);
  });
}

void write_figure(const render::Scene& scene, const std::string& path, double dpi) {
  write_page(scene.style, path, dpi, [&](cairo_t* cr, const render::DeviceResolution& resolution) {
    render::draw_figure(cr, scene, resolution);
  });
}

}  // namespace covermap::outputs
