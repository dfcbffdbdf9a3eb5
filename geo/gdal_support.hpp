#pragma once
// Internal to geo/gdal_*: opening datasets with a clear error, and text recoding.
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <string>
#include <string_view>
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

// Cell text, recoded from `encoding` to UTF-8 when one is given. Without one, text that is not valid UTF-8
// (a legacy Chinese source: a shapefile without .cpg, a GBK export) is read as GB18030, GBK's superset.
std::string field_text(const OGRFeature& feature, int field, const std::string& encoding);

// The encoding a text of unknown encoding is read in: "" (UTF-8) when it is valid UTF-8, else GB18030.
std::string detect_encoding(std::string_view text);

// The last GDAL error message, or "" when none.
std::string last_error();

}  // namespace covermap::geo::gdal
