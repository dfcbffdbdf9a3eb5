#pragma once
// Internal to geo/gdal_*: opening datasets with a clear error, and text recoding.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <vector>

namespace covermap::geo::gdal {

// Registers the drivers once and quiets GDAL's own stderr output (errors become exceptions instead).
void initialise();

// Opens a vector dataset read-only; throws InputError naming the path (missing, unreadable, not a vector
// source).
GDALDatasetUniquePtr open_vector(const std::string& path, const std::vector<std::string>& open_options = {});

// The layer named `name`, or the first layer if empty; throws InputError listing the layers otherwise.
OGRLayer* find_layer(GDALDataset& dataset, const std::string& path, const std::string& name);

// `text` from `encoding` (e.g. GBK) to UTF-8; unchanged when no encoding is given.
std::string recode_to_utf8(const std::string& text, const std::string& encoding);

// Cell text, recoded from `encoding` to UTF-8 when one is given.
std::string field_text(const OGRFeature& feature, int field, const std::string& encoding);

// The last GDAL error message, or "" when none.
std::string last_error();

}  // namespace covermap::geo::gdal
