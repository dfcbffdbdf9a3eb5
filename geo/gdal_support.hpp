#pragma once
// Internal to geo/gdal_*: GDAL's C API from the library loaded on first use (geo/shared_library.hpp), owning
// handles, opening datasets with a clear error, and text recoding. The C API because only C functions can be
// looked up by name; GDAL's C++ classes would tie covermap to libgdal at start.
#include <cpl_conv.h>
#include <cpl_error.h>
#include <cpl_vsi.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "geo/shared_library.hpp"
#include "geo/text_recoder.hpp"

namespace covermap::geo::gdal {

// The GDAL functions covermap calls.
struct Api {
  SharedLibrary library{COVERMAP_GDAL_SONAME};
  // Errors
  COVERMAP_LIBRARY_FUNCTION(library, CPLErrorReset);
  COVERMAP_LIBRARY_FUNCTION(library, CPLGetLastErrorMsg);
  COVERMAP_LIBRARY_FUNCTION(library, CPLGetLastErrorType);
  COVERMAP_LIBRARY_FUNCTION(library, CPLPushErrorHandler);
  COVERMAP_LIBRARY_FUNCTION(library, CPLPopErrorHandler);
  COVERMAP_LIBRARY_FUNCTION(library, CPLQuietErrorHandler);
  COVERMAP_LIBRARY_FUNCTION(library, CPLGetConfigOption);
  COVERMAP_LIBRARY_FUNCTION(library, CPLGetThreadLocalConfigOption);
  COVERMAP_LIBRARY_FUNCTION(library, CPLSetThreadLocalConfigOption);
  // Files, local or virtual
  COVERMAP_LIBRARY_FUNCTION(library, VSIStatL);
  COVERMAP_LIBRARY_FUNCTION(library, VSIFOpenL);
  COVERMAP_LIBRARY_FUNCTION(library, VSIFReadL);
  COVERMAP_LIBRARY_FUNCTION(library, VSIFEofL);
  COVERMAP_LIBRARY_FUNCTION(library, VSIFCloseL);
  // Datasets and layers
  COVERMAP_LIBRARY_FUNCTION(library, GDALAllRegister);
  COVERMAP_LIBRARY_FUNCTION(library, GDALOpenEx);
  COVERMAP_LIBRARY_FUNCTION(library, GDALClose);
  COVERMAP_LIBRARY_FUNCTION(library, GDALGetDriverByName);
  COVERMAP_LIBRARY_FUNCTION(library, GDALCreate);
  COVERMAP_LIBRARY_FUNCTION(library, GDALDatasetGetLayerCount);
  COVERMAP_LIBRARY_FUNCTION(library, GDALDatasetGetLayer);
  COVERMAP_LIBRARY_FUNCTION(library, GDALDatasetGetLayerByName);
  COVERMAP_LIBRARY_FUNCTION(library, GDALDatasetCreateLayer);
  COVERMAP_LIBRARY_FUNCTION(library, GDALDatasetStartTransaction);
  COVERMAP_LIBRARY_FUNCTION(library, GDALDatasetCommitTransaction);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_L_GetName);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_L_GetLayerDefn);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_L_GetSpatialRef);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_L_ResetReading);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_L_GetNextFeature);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_L_CreateField);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_L_CreateFeature);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_FD_GetFieldCount);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_FD_GetFieldDefn);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_Fld_GetNameRef);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_Fld_Create);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_Fld_Destroy);
  // Features and geometries
  COVERMAP_LIBRARY_FUNCTION(library, OGR_F_Create);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_F_Destroy);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_F_IsFieldSetAndNotNull);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_F_GetFieldAsString);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_F_SetFieldString);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_F_GetGeometryRef);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_F_SetGeometryDirectly);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_GetGeometryType);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_GT_Flatten);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_GetGeometryCount);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_GetGeometryRef);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_IsEmpty);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_GetPointCount);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_GetPoints);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_GetLinearGeometry);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_CreateGeometry);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_DestroyGeometry);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_SetPoints);
  COVERMAP_LIBRARY_FUNCTION(library, OGR_G_AddGeometryDirectly);
  // Coordinate systems
  COVERMAP_LIBRARY_FUNCTION(library, OSRNewSpatialReference);
  COVERMAP_LIBRARY_FUNCTION(library, OSRClone);
  COVERMAP_LIBRARY_FUNCTION(library, OSRRelease);
  COVERMAP_LIBRARY_FUNCTION(library, OSRImportFromEPSG);
  COVERMAP_LIBRARY_FUNCTION(library, OSRSetFromUserInput);
  COVERMAP_LIBRARY_FUNCTION(library, OSRSetAxisMappingStrategy);
  COVERMAP_LIBRARY_FUNCTION(library, OSRIsSame);
  COVERMAP_LIBRARY_FUNCTION(library, OCTNewCoordinateTransformation);
  COVERMAP_LIBRARY_FUNCTION(library, OCTDestroyCoordinateTransformation);
  COVERMAP_LIBRARY_FUNCTION(library, OCTTransformEx);
};

// GDAL, loaded and its drivers registered on the first call.
const Api& api();

// Owning handles (GDAL's C handles are pointers to opaque types).
template <typename Handle, auto Release>
struct Releaser {
  void operator()(Handle handle) const { (api().*Release)(handle); }
};
template <typename Handle, auto Release>
using HandlePtr = std::unique_ptr<std::remove_pointer_t<Handle>, Releaser<Handle, Release>>;
using DatasetPtr = HandlePtr<GDALDatasetH, &Api::GDALClose>;
using FeaturePtr = HandlePtr<OGRFeatureH, &Api::OGR_F_Destroy>;
using GeometryPtr = HandlePtr<OGRGeometryH, &Api::OGR_G_DestroyGeometry>;
using FieldDefinitionPtr = HandlePtr<OGRFieldDefnH, &Api::OGR_Fld_Destroy>;
using SpatialReferencePtr = HandlePtr<OGRSpatialReferenceH, &Api::OSRRelease>;
using TransformPtr = HandlePtr<OGRCoordinateTransformationH, &Api::OCTDestroyCoordinateTransformation>;

// Held around every covermap call into GDAL: GDAL's messages on this thread are not printed (they become
// exceptions, through last_error()), and the process's own handler is back when the guard goes.
class QuietErrors {
 public:
  QuietErrors() { api().CPLPushErrorHandler(api().CPLQuietErrorHandler); }
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;
  ~QuietErrors() { api().CPLPopErrorHandler(); }
};

// A configuration option set on this thread while it lives, the earlier value back after; left as it is when
// the user has set it (an environment variable such as OGR_XLSX_HEADERS).
class ThreadConfigOption {
 public:
  ThreadConfigOption(std::string key, const std::string& value);
  ThreadConfigOption(const ThreadConfigOption&) = delete;
  ThreadConfigOption& operator=(const ThreadConfigOption&) = delete;
  ~ThreadConfigOption();

 private:
  std::string key_;
  bool set_ = false;
  std::optional<std::string> earlier_;
};

// Opens a vector dataset read-only; throws InputError naming the path (missing, unreadable, not a vector
// source).
DatasetPtr open_vector(const std::string& path, const std::vector<std::string>& open_options = {});

// The layer named `name`, or the first layer if empty; throws InputError listing the layers otherwise.
OGRLayerH find_layer(GDALDatasetH dataset, const std::string& path, const std::string& name);

// The names of a layer's fields, in order.
std::vector<std::string> field_names(OGRLayerH layer);

// Cell text in UTF-8 through `recoder` ("" when the field is unset or null); nullopt when it is not valid in
// the recoder's encoding.
std::optional<std::string> field_text(OGRFeatureH feature, int field, TextRecoder& recoder);

// Throws InputError naming `where` when GDAL reported a failure since the last CPLErrorReset: a driver that
// cannot read a record (a file cut short) reports it and reads on, which must not pass for a complete read.
void throw_if_read_failed(const std::string& where);

// The last GDAL error message, or "" when none.
std::string last_error();

}  // namespace covermap::geo::gdal
