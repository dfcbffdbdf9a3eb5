// libFuzzer target: what `covermap serve` reads from a request before any file is touched. The input is a
// request path (as the HTTP library hands it over, already percent-decoded) routed by parse_tile_route, and
// the same bytes as an If-None-Match header and as a query's lon/lat. Whatever the bytes, the route's views
// must lie inside the path, a tile's name must be one a tile set can have, and nothing may throw.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "app/http_util.hpp"
#include "app/tile_route.hpp"

namespace {

using covermap::app::TileRoute;

// A view the route returns must point into the path it was given (or be empty).
void require_inside(std::string_view part, std::string_view path) {
  if (part.empty()) return;
  if (part.data() < path.data() || part.data() + part.size() > path.data() + path.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const TileRoute route = covermap::app::parse_tile_route(text);
  require_inside(route.name, text);
  require_inside(route.extension, text);
  require_inside(route.asset, text);
  switch (route.kind) {
    case TileRoute::Kind::tile:
    case TileRoute::Kind::tilejson:
    case TileRoute::Kind::archive:
    case TileRoute::Kind::query:
      // Names are looked up among the served sets, never joined to paths: a routed name must be one of them.
      if (!covermap::app::is_tile_set_name(route.name)) std::abort();
      break;
    default:
      break;
  }
  covermap::app::etag_matches(text, "\"0123456789abcdef\"");
  if (const auto degrees = covermap::app::parse_degrees(text, -180, 180);
      degrees && !(*degrees >= -180 && *degrees <= 180))
    std::abort();
  return 0;
}
