#pragma once
// The preview page's files (web/ and Debian's Leaflet), built into the binary by app/embed_web_assets.cmake,
// so `covermap serve` needs nothing beside itself and reads no file to answer "/" or "/_/...".
#include <string_view>

namespace covermap::app {

struct WebAsset {
  std::string_view name;  // "index.html", "preview.js", "leaflet/leaflet.js", ...
  std::string_view content_type;
  std::string_view bytes;
  std::string_view etag;  // quoted, from the file's SHA-256
};

// nullptr for a name not built in (the lookup is by exact name: no path is ever formed from it).
const WebAsset* find_web_asset(std::string_view name);

}  // namespace covermap::app
