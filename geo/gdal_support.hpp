#pragma once
// Internal to geo/gdal_*: opening datasets with a clear error, and text recoding.
#include <cpl_error.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "geo/text_recoder.hpp"

namespace covermap::geo::gdal {

// Registers the drivers once.
void initialise();

// Held around every covermap call into GDAL: GDAL's messages on this thread are not printed (they become
// exceptions, through last_error()), and the process's own handler is back when the guard goes.
class QuietErrors {
 public:
  QuietErrors() : pusher_(CPLQuietErrorHandler) {}
  QuietErrors(const QuietErrors&) = delete;
  QuietErrors& operator=(const QuietErrors&) = delete;

 private:
  CPLErrorHandlerPusher pusher_;
};

// Opens a vector dataset read-only; throws InputError naming the path (missing, unreadable, not a vector
// source).
GDALDatasetUniquePtr open_vector(const std::string& path, const std::vector<std::string>& open_options = {});

// The layer named `name`, or the first layer if empty; throws InputError listing the layers otherwise.
OGRLayer* find_layer(GDALDataset& dataset, const std::string& path, const std::string& name);

// Cell text in UTF-8 through `recoder` ("" when the field is unset or null); nullopt when it is not valid in
// the recoder's encoding.
std::optional<std::string> field_text(const OGRFeature& feature, int field, TextRecoder& recoder);

// Throws InputError naming `where` when GDAL reported a failure since the last CPLErrorReset: a driver that
// cannot read a record (a file cut short) reports it and reads on, which must not pass for a complete read.
void throw_if_read_failed(const std::string& where);

// The last GDAL error message, or "" when none.
std::string last_error();

}  // namespace covermap::geo::gdal
