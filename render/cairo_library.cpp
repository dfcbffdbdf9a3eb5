// Cairo, Pango and fontconfig opened on first use (geo/shared_library.hpp), as GDAL is: they and the ~30
// libraries under them (GLib, HarfBuzz, FreeType, X11's) took 10-15 ms of every covermap start, and a tile
// run that hatches nothing, `covermap join` and serving finished tile sets never draw with them. covermap
// does not link them: each function it and its tests call is defined here, with the library header's own
// declaration (a definition that differs from it does not compile), and passes the call on to the library's
// function, looked up once. The call sites are written as the libraries' documentation writes them.
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib-object.h>
#include <pango/pangocairo.h>

#include "geo/shared_library.hpp"

namespace covermap::render {
namespace {

struct Api {
  // Pango's Cairo binding: Pango, Cairo, fontconfig and GObject load with it, and are searched for each
  // function after it.
  geo::SharedLibrary library{COVERMAP_PANGOCAIRO_SONAME};
  // Cairo: drawing, images, PDF and SVG surfaces
  COVERMAP_LIBRARY_FUNCTION(library, cairo_arc);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_clip);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_clip_extents);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_close_path);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_create);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_destroy);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_fill);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_fill_preserve);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_font_options_create);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_font_options_destroy);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_font_options_set_antialias);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_font_options_set_hint_metrics);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_font_options_set_hint_style);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_get_target);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_image_surface_create);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_image_surface_create_for_data);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_image_surface_create_from_png);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_image_surface_get_data);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_image_surface_get_height);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_image_surface_get_stride);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_image_surface_get_width);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_line_to);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_move_to);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_new_path);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_paint);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_pattern_destroy);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_pdf_surface_create_for_stream);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_pdf_surface_set_metadata);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_rectangle);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_reset_clip);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_restore);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_rotate);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_save);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_scale);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_set_fill_rule);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_set_line_cap);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_set_line_join);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_set_line_width);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_set_miter_limit);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_set_operator);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_set_source_rgb);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_set_source_rgba);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_status);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_status_to_string);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_stroke);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_destroy);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_finish);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_flush);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_get_type);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_get_user_data);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_mark_dirty);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_set_user_data);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_status);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_surface_write_to_png);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_svg_surface_create);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_svg_surface_create_for_stream);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_svg_surface_set_document_unit);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_translate);
  COVERMAP_LIBRARY_FUNCTION(library, cairo_user_to_device);
  // Pango: text layout
  COVERMAP_LIBRARY_FUNCTION(library, pango_attr_language_new);
  COVERMAP_LIBRARY_FUNCTION(library, pango_attr_list_insert);
  COVERMAP_LIBRARY_FUNCTION(library, pango_attr_list_new);
  COVERMAP_LIBRARY_FUNCTION(library, pango_attr_list_unref);
  COVERMAP_LIBRARY_FUNCTION(library, pango_context_get_language);
  COVERMAP_LIBRARY_FUNCTION(library, pango_context_set_language);
  COVERMAP_LIBRARY_FUNCTION(library, pango_context_set_round_glyph_positions);
  COVERMAP_LIBRARY_FUNCTION(library, pango_font_description_free);
  COVERMAP_LIBRARY_FUNCTION(library, pango_font_description_from_string);
  COVERMAP_LIBRARY_FUNCTION(library, pango_font_description_get_family);
  COVERMAP_LIBRARY_FUNCTION(library, pango_font_description_get_size);
  COVERMAP_LIBRARY_FUNCTION(library, pango_font_description_get_weight);
  COVERMAP_LIBRARY_FUNCTION(library, pango_font_description_set_absolute_size);
  COVERMAP_LIBRARY_FUNCTION(library, pango_font_description_set_weight);
  COVERMAP_LIBRARY_FUNCTION(library, pango_language_from_string);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_context_changed);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_get_context);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_get_extents);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_get_font_description);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_get_iter);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_get_line_readonly);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_get_text);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_iter_free);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_iter_get_baseline);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_iter_get_line_extents);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_iter_get_line_readonly);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_iter_next_line);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_line_get_extents);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_set_alignment);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_set_attributes);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_set_font_description);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_set_text);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_set_width);
  COVERMAP_LIBRARY_FUNCTION(library, pango_layout_set_wrap);
  // Pango on Cairo
  COVERMAP_LIBRARY_FUNCTION(library, pango_cairo_context_set_font_options);
  COVERMAP_LIBRARY_FUNCTION(library, pango_cairo_context_set_resolution);
  COVERMAP_LIBRARY_FUNCTION(library, pango_cairo_create_layout);
  COVERMAP_LIBRARY_FUNCTION(library, pango_cairo_layout_path);
  COVERMAP_LIBRARY_FUNCTION(library, pango_cairo_show_layout);
  // fontconfig: font files
  COVERMAP_LIBRARY_FUNCTION(library, FcConfigSubstitute);
  COVERMAP_LIBRARY_FUNCTION(library, FcDefaultSubstitute);
  COVERMAP_LIBRARY_FUNCTION(library, FcFontMatch);
  COVERMAP_LIBRARY_FUNCTION(library, FcPatternAddInteger);
  COVERMAP_LIBRARY_FUNCTION(library, FcPatternAddString);
  COVERMAP_LIBRARY_FUNCTION(library, FcPatternCreate);
  COVERMAP_LIBRARY_FUNCTION(library, FcPatternDestroy);
  COVERMAP_LIBRARY_FUNCTION(library, FcPatternGetString);
  // GObject
  COVERMAP_LIBRARY_FUNCTION(library, g_object_unref);
};

const Api& api() {
  static const Api loaded;
  return loaded;
}

}  // namespace
}  // namespace covermap::render

using covermap::render::api;

extern "C" {

void cairo_arc(cairo_t* cr, double xc, double yc, double radius, double angle1, double angle2) {
  api().cairo_arc(cr, xc, yc, radius, angle1, angle2);
}
void cairo_clip(cairo_t* cr) {
  api().cairo_clip(cr);
}
void cairo_clip_extents(cairo_t* cr, double* x1, double* y1, double* x2, double* y2) {
  api().cairo_clip_extents(cr, x1, y1, x2, y2);
}
void cairo_close_path(cairo_t* cr) {
  api().cairo_close_path(cr);
}
cairo_t* cairo_create(cairo_surface_t* target) {
  return api().cairo_create(target);
}
void cairo_destroy(cairo_t* cr) {
  api().cairo_destroy(cr);
}
void cairo_fill(cairo_t* cr) {
  api().cairo_fill(cr);
}
void cairo_fill_preserve(cairo_t* cr) {
  api().cairo_fill_preserve(cr);
}
cairo_font_options_t* cairo_font_options_create() {
  return api().cairo_font_options_create();
}
void cairo_font_options_destroy(cairo_font_options_t* options) {
  api().cairo_font_options_destroy(options);
}
void cairo_font_options_set_antialias(cairo_font_options_t* options, cairo_antialias_t antialias) {
  api().cairo_font_options_set_antialias(options, antialias);
}
void cairo_font_options_set_hint_metrics(cairo_font_options_t* options, cairo_hint_metrics_t hint_metrics) {
  api().cairo_font_options_set_hint_metrics(options, hint_metrics);
}
void cairo_font_options_set_hint_style(cairo_font_options_t* options, cairo_hint_style_t hint_style) {
  api().cairo_font_options_set_hint_style(options, hint_style);
}
cairo_surface_t* cairo_get_target(cairo_t* cr) {
  return api().cairo_get_target(cr);
}
cairo_surface_t* cairo_image_surface_create(cairo_format_t format, int width, int height) {
  return api().cairo_image_surface_create(format, width, height);
}
cairo_surface_t* cairo_image_surface_create_for_data(unsigned char* data, cairo_format_t format, int width,
                                                     int height, int stride) {
  return api().cairo_image_surface_create_for_data(data, format, width, height, stride);
}
cairo_surface_t* cairo_image_surface_create_from_png(const char* filename) {
  return api().cairo_image_surface_create_from_png(filename);
}
unsigned char* cairo_image_surface_get_data(cairo_surface_t* surface) {
  return api().cairo_image_surface_get_data(surface);
}
int cairo_image_surface_get_height(cairo_surface_t* surface) {
  return api().cairo_image_surface_get_height(surface);
}
int cairo_image_surface_get_stride(cairo_surface_t* surface) {
  return api().cairo_image_surface_get_stride(surface);
}
int cairo_image_surface_get_width(cairo_surface_t* surface) {
  return api().cairo_image_surface_get_width(surface);
}
void cairo_line_to(cairo_t* cr, double x, double y) {
  api().cairo_line_to(cr, x, y);
}
void cairo_move_to(cairo_t* cr, double x, double y) {
  api().cairo_move_to(cr, x, y);
}
void cairo_new_path(cairo_t* cr) {
  api().cairo_new_path(cr);
}
void cairo_paint(cairo_t* cr) {
  api().cairo_paint(cr);
}
void cairo_pattern_destroy(cairo_pattern_t* pattern) {
  api().cairo_pattern_destroy(pattern);
}
cairo_surface_t* cairo_pdf_surface_create_for_stream(cairo_write_func_t write_func, void* closure,
                                                     double width_in_points, double height_in_points) {
  return api().cairo_pdf_surface_create_for_stream(write_func, closure, width_in_points, height_in_points);
}
void cairo_pdf_surface_set_metadata(cairo_surface_t* surface, cairo_pdf_metadata_t metadata,
                                    const char* utf8) {
  api().cairo_pdf_surface_set_metadata(surface, metadata, utf8);
}
void cairo_rectangle(cairo_t* cr, double x, double y, double width, double height) {
  api().cairo_rectangle(cr, x, y, width, height);
}
void cairo_reset_clip(cairo_t* cr) {
  api().cairo_reset_clip(cr);
}
void cairo_restore(cairo_t* cr) {
  api().cairo_restore(cr);
}
void cairo_rotate(cairo_t* cr, double angle) {
  api().cairo_rotate(cr, angle);
}
void cairo_save(cairo_t* cr) {
  api().cairo_save(cr);
}
void cairo_scale(cairo_t* cr, double sx, double sy) {
  api().cairo_scale(cr, sx, sy);
}
void cairo_set_fill_rule(cairo_t* cr, cairo_fill_rule_t fill_rule) {
  api().cairo_set_fill_rule(cr, fill_rule);
}
void cairo_set_line_cap(cairo_t* cr, cairo_line_cap_t line_cap) {
  api().cairo_set_line_cap(cr, line_cap);
}
void cairo_set_line_join(cairo_t* cr, cairo_line_join_t line_join) {
  api().cairo_set_line_join(cr, line_join);
}
void cairo_set_line_width(cairo_t* cr, double width) {
  api().cairo_set_line_width(cr, width);
}
void cairo_set_miter_limit(cairo_t* cr, double limit) {
  api().cairo_set_miter_limit(cr, limit);
}
void cairo_set_operator(cairo_t* cr, cairo_operator_t op) {
  api().cairo_set_operator(cr, op);
}
void cairo_set_source_rgb(cairo_t* cr, double red, double green, double blue) {
  api().cairo_set_source_rgb(cr, red, green, blue);
}
void cairo_set_source_rgba(cairo_t* cr, double red, double green, double blue, double alpha) {
  api().cairo_set_source_rgba(cr, red, green, blue, alpha);
}
cairo_status_t cairo_status(cairo_t* cr) {
  return api().cairo_status(cr);
}
const char* cairo_status_to_string(cairo_status_t status) {
  return api().cairo_status_to_string(status);
}
void cairo_stroke(cairo_t* cr) {
  api().cairo_stroke(cr);
}
void cairo_surface_destroy(cairo_surface_t* surface) {
  api().cairo_surface_destroy(surface);
}
void cairo_surface_finish(cairo_surface_t* surface) {
  api().cairo_surface_finish(surface);
}
void cairo_surface_flush(cairo_surface_t* surface) {
  api().cairo_surface_flush(surface);
}
cairo_surface_type_t cairo_surface_get_type(cairo_surface_t* surface) {
  return api().cairo_surface_get_type(surface);
}
void* cairo_surface_get_user_data(cairo_surface_t* surface, const cairo_user_data_key_t* key) {
  return api().cairo_surface_get_user_data(surface, key);
}
void cairo_surface_mark_dirty(cairo_surface_t* surface) {
  api().cairo_surface_mark_dirty(surface);
}
cairo_status_t cairo_surface_set_user_data(cairo_surface_t* surface, const cairo_user_data_key_t* key,
                                           void* user_data, cairo_destroy_func_t destroy) {
  return api().cairo_surface_set_user_data(surface, key, user_data, destroy);
}
cairo_status_t cairo_surface_status(cairo_surface_t* surface) {
  return api().cairo_surface_status(surface);
}
cairo_status_t cairo_surface_write_to_png(cairo_surface_t* surface, const char* filename) {
  return api().cairo_surface_write_to_png(surface, filename);
}
cairo_surface_t* cairo_svg_surface_create(const char* filename, double width_in_points,
                                          double height_in_points) {
  return api().cairo_svg_surface_create(filename, width_in_points, height_in_points);
}
cairo_surface_t* cairo_svg_surface_create_for_stream(cairo_write_func_t write_func, void* closure,
                                                     double width_in_points, double height_in_points) {
  return api().cairo_svg_surface_create_for_stream(write_func, closure, width_in_points, height_in_points);
}
void cairo_svg_surface_set_document_unit(cairo_surface_t* surface, cairo_svg_unit_t unit) {
  api().cairo_svg_surface_set_document_unit(surface, unit);
}
void cairo_translate(cairo_t* cr, double tx, double ty) {
  api().cairo_translate(cr, tx, ty);
}
void cairo_user_to_device(cairo_t* cr, double* x, double* y) {
  api().cairo_user_to_device(cr, x, y);
}
PangoAttribute* pango_attr_language_new(PangoLanguage* language) {
  return api().pango_attr_language_new(language);
}
void pango_attr_list_insert(PangoAttrList* list, PangoAttribute* attr) {
  api().pango_attr_list_insert(list, attr);
}
PangoAttrList* pango_attr_list_new() {
  return api().pango_attr_list_new();
}
void pango_attr_list_unref(PangoAttrList* list) {
  api().pango_attr_list_unref(list);
}
PangoLanguage* pango_context_get_language(PangoContext* context) {
  return api().pango_context_get_language(context);
}
void pango_context_set_language(PangoContext* context, PangoLanguage* language) {
  api().pango_context_set_language(context, language);
}
void pango_context_set_round_glyph_positions(PangoContext* context, gboolean round_positions) {
  api().pango_context_set_round_glyph_positions(context, round_positions);
}
void pango_font_description_free(PangoFontDescription* desc) {
  api().pango_font_description_free(desc);
}
PangoFontDescription* pango_font_description_from_string(const char* str) {
  return api().pango_font_description_from_string(str);
}
const char* pango_font_description_get_family(const PangoFontDescription* desc) {
  return api().pango_font_description_get_family(desc);
}
gint pango_font_description_get_size(const PangoFontDescription* desc) {
  return api().pango_font_description_get_size(desc);
}
PangoWeight pango_font_description_get_weight(const PangoFontDescription* desc) {
  return api().pango_font_description_get_weight(desc);
}
void pango_font_description_set_absolute_size(PangoFontDescription* desc, double size) {
  api().pango_font_description_set_absolute_size(desc, size);
}
void pango_font_description_set_weight(PangoFontDescription* desc, PangoWeight weight) {
  api().pango_font_description_set_weight(desc, weight);
}
PangoLanguage* pango_language_from_string(const char* language) {
  return api().pango_language_from_string(language);
}
void pango_layout_context_changed(PangoLayout* layout) {
  api().pango_layout_context_changed(layout);
}
PangoContext* pango_layout_get_context(PangoLayout* layout) {
  return api().pango_layout_get_context(layout);
}
void pango_layout_get_extents(PangoLayout* layout, PangoRectangle* ink_rect, PangoRectangle* logical_rect) {
  api().pango_layout_get_extents(layout, ink_rect, logical_rect);
}
const PangoFontDescription* pango_layout_get_font_description(PangoLayout* layout) {
  return api().pango_layout_get_font_description(layout);
}
PangoLayoutIter* pango_layout_get_iter(PangoLayout* layout) {
  return api().pango_layout_get_iter(layout);
}
PangoLayoutLine* pango_layout_get_line_readonly(PangoLayout* layout, int line) {
  return api().pango_layout_get_line_readonly(layout, line);
}
const char* pango_layout_get_text(PangoLayout* layout) {
  return api().pango_layout_get_text(layout);
}
void pango_layout_iter_free(PangoLayoutIter* iter) {
  api().pango_layout_iter_free(iter);
}
int pango_layout_iter_get_baseline(PangoLayoutIter* iter) {
  return api().pango_layout_iter_get_baseline(iter);
}
void pango_layout_iter_get_line_extents(PangoLayoutIter* iter, PangoRectangle* ink_rect,
                                        PangoRectangle* logical_rect) {
  api().pango_layout_iter_get_line_extents(iter, ink_rect, logical_rect);
}
PangoLayoutLine* pango_layout_iter_get_line_readonly(PangoLayoutIter* iter) {
  return api().pango_layout_iter_get_line_readonly(iter);
}
gboolean pango_layout_iter_next_line(PangoLayoutIter* iter) {
  return api().pango_layout_iter_next_line(iter);
}
void pango_layout_line_get_extents(PangoLayoutLine* line, PangoRectangle* ink_rect,
                                   PangoRectangle* logical_rect) {
  api().pango_layout_line_get_extents(line, ink_rect, logical_rect);
}
void pango_layout_set_alignment(PangoLayout* layout, PangoAlignment alignment) {
  api().pango_layout_set_alignment(layout, alignment);
}
void pango_layout_set_attributes(PangoLayout* layout, PangoAttrList* attrs) {
  api().pango_layout_set_attributes(layout, attrs);
}
void pango_layout_set_font_description(PangoLayout* layout, const PangoFontDescription* desc) {
  api().pango_layout_set_font_description(layout, desc);
}
void pango_layout_set_text(PangoLayout* layout, const char* text, int length) {
  api().pango_layout_set_text(layout, text, length);
}
void pango_layout_set_width(PangoLayout* layout, int width) {
  api().pango_layout_set_width(layout, width);
}
void pango_layout_set_wrap(PangoLayout* layout, PangoWrapMode wrap) {
  api().pango_layout_set_wrap(layout, wrap);
}
void pango_cairo_context_set_font_options(PangoContext* context, const cairo_font_options_t* options) {
  api().pango_cairo_context_set_font_options(context, options);
}
void pango_cairo_context_set_resolution(PangoContext* context, double dpi) {
  api().pango_cairo_context_set_resolution(context, dpi);
}
PangoLayout* pango_cairo_create_layout(cairo_t* cr) {
  return api().pango_cairo_create_layout(cr);
}
void pango_cairo_layout_path(cairo_t* cr, PangoLayout* layout) {
  api().pango_cairo_layout_path(cr, layout);
}
void pango_cairo_show_layout(cairo_t* cr, PangoLayout* layout) {
  api().pango_cairo_show_layout(cr, layout);
}
FcBool FcConfigSubstitute(FcConfig* config, FcPattern* p, FcMatchKind kind) {
  return api().FcConfigSubstitute(config, p, kind);
}
void FcDefaultSubstitute(FcPattern* pattern) {
  api().FcDefaultSubstitute(pattern);
}
FcPattern* FcFontMatch(FcConfig* config, FcPattern* p, FcResult* result) {
  return api().FcFontMatch(config, p, result);
}
FcBool FcPatternAddInteger(FcPattern* p, const char* object, int i) {
  return api().FcPatternAddInteger(p, object, i);
}
FcBool FcPatternAddString(FcPattern* p, const char* object, const FcChar8* s) {
  return api().FcPatternAddString(p, object, s);
}
FcPattern* FcPatternCreate() {
  return api().FcPatternCreate();
}
void FcPatternDestroy(FcPattern* p) {
  api().FcPatternDestroy(p);
}
FcResult FcPatternGetString(const FcPattern* p, const char* object, int n, FcChar8** s) {
  return api().FcPatternGetString(p, object, n, s);
}
void g_object_unref(gpointer object) {
  api().g_object_unref(object);
}

}  // extern "C"
