#include "render/cairo_handles.hpp"

#include "geo/error.hpp"

namespace covermap::render {

void check_status(cairo_t* cr, const std::string& what) {
  if (const cairo_status_t status = cairo_status(cr); status != CAIRO_STATUS_SUCCESS)
    throw InternalError("cairo", what + ": " + cairo_status_to_string(status));
}

void check_status(cairo_surface_t* surface, const std::string& what) {
  if (const cairo_status_t status = cairo_surface_status(surface); status != CAIRO_STATUS_SUCCESS)
    throw InternalError("cairo", what + ": " + cairo_status_to_string(status));
}

}  // namespace covermap::render
