#pragma once
// Writes a scene as a print figure; the format follows the file's extension. PDF, SVG and PNG differ only in
// the surface: the drawing is the same.
#include <string>

#include "render/figure.hpp"
#include "render/scene.hpp"

namespace covermap::outputs {

enum class FigureFormat { pdf, svg, png };

// From the extension (.pdf, .svg, .png, any case); throws InputError otherwise.
FigureFormat figure_format(const std::string& path);

// Written to a temporary file and renamed into place when complete. `dpi` applies to PNG.
void write_figure(const render::Figure& figure, const std::string& path, double dpi);
// The single-map figure of `scene`.
void write_figure(const render::Scene& scene, const std::string& path, double dpi);

}  // namespace covermap::outputs
