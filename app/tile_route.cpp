#include "app/tile_route.hpp"

#include <optional>

#include "geo/number.hpp"

namespace covermap::app {
namespace {

std::optional<std::uint32_t> plain_number(std::string_view text) {
  const std::optional<std::uint64_t> value = geo::parse_plain_unsigned(text);
  if (!value || *value > 0xffffffffu) return std::nullopt;
  return static_cast<std::uint32_t>(*value);
}

// Splits "a/b/c" at '/' into at most `max` parts; the count found, or max + 1 when there are more.
std::size_t split(std::string_view text, std::string_view* parts, std::size_t max) {
  std::size_t count = 0;
  while (true) {
    const std::size_t slash = text.find('/');
    if (count == max) return max + 1;
    parts[count++] = text.substr(0, slash);
    if (slash == std::string_view::npos) return count;
    text.remove_prefix(slash + 1);
  }
}

TileRoute route(TileRoute::Kind kind, std::string_view name = {}) {
  TileRoute found;
  found.kind = kind;
  found.name = name;
  return found;
}

TileRoute one_segment(std::string_view segment) {
  const std::size_t dot = segment.rfind('.');
  if (dot == std::string_view::npos) return route(TileRoute::Kind::not_found);
  const std::string_view name = segment.substr(0, dot), extension = segment.substr(dot + 1);
  if (!is_tile_set_name(name)) return route(TileRoute::Kind::not_found);
  if (extension == "json") return route(TileRoute::Kind::tilejson, name);
  if (extension == "pmtiles" || extension == "mbtiles") {
    TileRoute found = route(TileRoute::Kind::archive, name);
    found.extension = extension;
    return found;
  }
  return route(TileRoute::Kind::not_found);
}

TileRoute tile(const std::string_view* parts) {
  TileRoute found = route(TileRoute::Kind::bad_tile, parts[0]);
  const std::size_t dot = parts[3].find('.');
  const auto z = plain_number(parts[1]), x = plain_number(parts[2]);
  const auto y = plain_number(parts[3].substr(0, dot));
  if (!z || !x || !y || dot == std::string_view::npos || dot + 1 == parts[3].size()) return found;
  found.kind = TileRoute::Kind::tile;
  found.z = *z;
  found.x = *x;
  found.y = *y;
  found.extension = parts[3].substr(dot + 1);
  return found;
}

}  // namespace

bool is_tile_set_name(std::string_view name) {
  if (name.empty() || name[0] == '_' || name == "healthz" || name == "." || name == "..") return false;
  for (const char c : name)
    if (c == '/' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  return true;
}

TileRoute parse_tile_route(std::string_view path) {
  if (path.empty() || path[0] != '/') return route(TileRoute::Kind::not_found);
  path.remove_prefix(1);
  if (path.empty()) return route(TileRoute::Kind::page);
  if (path == "healthz") return route(TileRoute::Kind::health);
  if (path == "_/tilesets.json") return route(TileRoute::Kind::catalog);
  if (path.substr(0, 2) == "_/") {
    TileRoute found = route(TileRoute::Kind::asset);
    found.asset = path.substr(2);
    return found;
  }
  std::string_view parts[4];
  const std::size_t count = split(path, parts, 4);
  if (count == 1) return one_segment(parts[0]);
  if (!is_tile_set_name(parts[0])) return route(TileRoute::Kind::not_found);
  if (count == 2 && parts[1] == "query") return route(TileRoute::Kind::query, parts[0]);
  if (count == 2 && parts[1] == "style.json") return route(TileRoute::Kind::style, parts[0]);
  if (count == 4) return tile(parts);
  return route(TileRoute::Kind::not_found);
}

}  // namespace covermap::app
