#include "app/tile_server.hpp"

#include <ctime>

#include "app/http_server.hpp"
#include "app/http_util.hpp"
#include "app/tile_route.hpp"
#include "app/web_assets.hpp"
#include "geo/content_hash.hpp"
#include "geo/error.hpp"
#include "geo/tile_math.hpp"
#include "outputs/file_descriptor.hpp"

namespace covermap::app {
namespace {

constexpr const char* kText = "text/plain; charset=utf-8";
constexpr const char* kJson = "application/json";
constexpr std::size_t kArchiveChunkBytes = std::size_t{64} * 1024;

void answer(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_content(message + "\n", kText);
}

const char* tile_content_type(const std::string& extension) {
  if (extension == "png") return "image/png";
  if (extension == "webp") return "image/webp";
  if (extension == "jpg") return "image/jpeg";
  if (extension == "avif") return "image/avif";
  if (extension == "pbf" || extension == "mvt") return "application/vnd.mapbox-vector-tile";
  return "application/octet-stream";
}

std::string content_etag(std::string_view bytes) {
  return "\"" + geo::ContentHash().add(bytes).hex() + "\"";
}

// An archive's ETag names the file, not its bytes (hashing a large archive per request would cost too much):
// a new build is a new inode, size and time.
std::string file_etag(const outputs::FileIdentity& identity) {
  return "\"" +
         geo::ContentHash()
             .add(std::to_string(identity.device) + ":" + std::to_string(identity.inode) + ":" +
                  std::to_string(identity.size) + ":" + std::to_string(identity.modified_ns))
             .hex() +
         "\"";
}

std::string http_date(std::int64_t nanoseconds) {
  const std::time_t seconds = static_cast<std::time_t>(nanoseconds / 1'000'000'000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return text;
}

// True (and the response is a 304) when the client holds this ETag already.
bool not_modified(const httplib::Request& request, httplib::Response& response, const std::string& etag) {
  response.set_header("ETag", etag);
  if (!request.has_header("If-None-Match") || !etag_matches(request.get_header_value("If-None-Match"), etag))
    return false;
  response.status = 304;
  return true;
}

}  // namespace

TileServer::TileServer(const TileCatalog& catalog, TileServerSettings settings)
    : catalog_(catalog), settings_(std::move(settings)) {}

std::string TileServer::cache_control() const {
  return settings_.max_age_seconds > 0 ? "public, max-age=" + std::to_string(settings_.max_age_seconds)
                                       : std::string("no-cache");
}

void TileServer::handle(const httplib::Request& request, httplib::Response& response) const {
  response.set_header("Access-Control-Allow-Origin", "*");
  response.set_header("Access-Control-Expose-Headers", "ETag, Content-Range, Content-Length, Accept-Ranges");
  response.set_header("X-Content-Type-Options", "nosniff");
  if (request.method == "OPTIONS") {  // CORS preflight, e.g. for a Range request from another origin
    response.status = 204;
    response.set_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
    response.set_header("Access-Control-Allow-Headers", "Range, If-None-Match, If-Range");
    response.set_header("Access-Control-Max-Age", "86400");
    return;
  }
  const std::string body_length = request.get_header_value("Content-Length");
  if ((!body_length.empty() && body_length != "0") || request.has_header("Transfer-Encoding")) {
    // No route reads a body; one left unread would be taken for the next request on the connection.
    response.set_header("Connection", "close");
    HttpServer::close_after_response();
  }
  if (request.method != "GET" && request.method != "HEAD") {
    response.set_header("Allow", "GET, HEAD, OPTIONS");
    answer(response, 405, "method " + request.method + " not allowed: this server only reads");
    return;
  }
  try {
    get(request, response);
  } catch (const std::exception& error) {
    response.headers.erase("ETag");
    answer(response, 500, std::string("error: ") + error.what());
  }
}

void TileServer::get(const httplib::Request& request, httplib::Response& response) const {
  const TileRoute route = parse_tile_route(request.path);
  switch (route.kind) {
    case TileRoute::Kind::page:
    case TileRoute::Kind::asset: {
      const WebAsset* asset =
          find_web_asset(route.kind == TileRoute::Kind::page ? "index.html" : route.asset);
      if (!asset) return answer(response, 404, "not found: " + request.path);
      response.set_header("Cache-Control", "no-cache");
      if (route.kind == TileRoute::Kind::page) response.set_header("Content-Security-Policy", page_policy());
      if (not_modified(request, response, std::string(asset->etag))) return;
      response.set_content(asset->bytes.data(), asset->bytes.size(), std::string(asset->content_type));
      return;
    }
    case TileRoute::Kind::health:
      response.set_header("Cache-Control", "no-store");
      response.set_content(
          nlohmann::json{{"status", "ok"}, {"tile_sets", catalog_.sets().size()}}.dump() + "\n", kJson);
      return;
    case TileRoute::Kind::catalog:
      return catalog(response);
    case TileRoute::Kind::bad_tile:
      return answer(response, 400,
                    "bad tile address " + request.path + ": z, x and y are whole numbers, as in /" +
                        std::string(route.name) + "/3/6/3.png");
    case TileRoute::Kind::not_found:
      return answer(response, 404, "not found: " + request.path);
    case TileRoute::Kind::tile:
    case TileRoute::Kind::tilejson:
    case TileRoute::Kind::archive:
    case TileRoute::Kind::query:
    case TileRoute::Kind::style:
      break;
  }
  const TileCatalog::Set* set = catalog_.find(route.name);
  if (!set) return answer(response, 404, "no tile set named \"" + std::string(route.name) + "\"");
  switch (route.kind) {
    case TileRoute::Kind::tile:
      return tile(request, response, route);
    case TileRoute::Kind::tilejson:
      return tilejson(request, response, *set);
    case TileRoute::Kind::archive:
      return archive(request, response, *set, route.extension);
    case TileRoute::Kind::style:
      return style(request, response, *set);
    default:
      return query(request, response, *set);
  }
}

void TileServer::tile(const httplib::Request& request, httplib::Response& response,
                      const TileRoute& route) const {
  const auto source = catalog_.source(*catalog_.find(route.name));
  const outputs::TileSetFacts& facts = source->facts();
  if (route.extension != facts.extension && !(facts.vector && route.extension == "mvt"))
    return answer(response, 404, "the tiles of \"" + std::string(route.name) + "\" are ." + facts.extension);
  const std::uint32_t z = route.z;
  const auto outside = [&] {
    return answer(response, 404,
                  "tile " + std::to_string(z) + "/" + std::to_string(route.x) + "/" +
                      std::to_string(route.y) + " is outside \"" + std::string(route.name) + "\" (zooms " +
                      std::to_string(facts.min_zoom) + "-" + std::to_string(facts.max_zoom) +
                      " over its bounds)");
  };
  if (z < static_cast<std::uint32_t>(facts.min_zoom) || z > static_cast<std::uint32_t>(facts.max_zoom) ||
      z > static_cast<std::uint32_t>(geo::kMaxTileZoom) || (route.x >> z) != 0 || (route.y >> z) != 0)
    return outside();
  const geo::TileRange range = geo::tiles_covering(facts.bounds, static_cast<int>(z));
  if (route.x < range.min_x || route.x > range.max_x || route.y < range.min_y || route.y > range.max_y)
    return outside();

  response.set_header("Cache-Control", cache_control());
  std::optional<std::string> bytes = source->tile(static_cast<int>(z), route.x, route.y);
  if (!bytes) {
    response.status = 204;
    return;
  }
  if (not_modified(request, response, content_etag(*bytes))) return;
  if (facts.vector && bytes->size() >= 2 && (*bytes)[0] == '\x1f' && (*bytes)[1] == '\x8b')
    response.set_header("Content-Encoding", "gzip");
  response.set_content(*bytes, tile_content_type(facts.extension));  // httplib copies: it takes no rvalue
}

void TileServer::tilejson(const httplib::Request& request, httplib::Response& response,
                          const TileCatalog::Set& set) const {
  const auto source = catalog_.source(set);
  nlohmann::ordered_json json = source->facts().tilejson;
  json["tiles"] = {base_url(request) + "/" + escape_path_segment(catalog_.name(set)) + "/{z}/{x}/{y}." +
                   source->facts().extension};
  const std::string text = json.dump(2) + "\n";
  response.set_header("Cache-Control", cache_control());
  if (not_modified(request, response, content_etag(text))) return;
  response.set_content(text, kJson);
}

void TileServer::archive(const httplib::Request& request, httplib::Response& response,
                         const TileCatalog::Set& set, std::string_view extension) const {
  const auto source = catalog_.source(set);
  const outputs::TileSinkKind kind = source->facts().kind;
  if ((extension == "pmtiles") != (kind == outputs::TileSinkKind::pmtiles) ||
      (extension == "mbtiles") != (kind == outputs::TileSinkKind::mbtiles))
    return answer(response, 404,
                  "\"" + catalog_.name(set) + "\" is not served as a ." + std::string(extension));
  const auto size = static_cast<std::uint64_t>(source->identity().size);
  const std::string etag = file_etag(source->identity());
  response.set_header("Cache-Control", cache_control());
  response.set_header("Accept-Ranges", "bytes");
  response.set_header("Last-Modified", http_date(source->identity().modified_ns));
  if (not_modified(request, response, etag)) return;

  RangeRequest range;
  const bool range_applies =
      request.has_header("Range") &&
      (!request.has_header("If-Range") || etag_matches(request.get_header_value("If-Range"), etag));
  if (range_applies) range = parse_range(request.get_header_value("Range"), size);
  if (range.kind == RangeRequest::Kind::unsatisfiable) {
    response.set_header("Content-Range", "bytes */" + std::to_string(size));
    return answer(response, 416,
                  "the range asked for lies outside the archive (" + std::to_string(size) + " bytes)");
  }
  ByteRange bytes{0, size};
  if (range.kind == RangeRequest::Kind::range) {
    bytes = range.range;
    response.status = 206;
    response.set_header("Content-Range", "bytes " + std::to_string(bytes.first) + "-" +
                                             std::to_string(bytes.first + bytes.length - 1) + "/" +
                                             std::to_string(size));
  }
  const char* type =
      kind == outputs::TileSinkKind::pmtiles ? "application/vnd.pmtiles" : "application/vnd.sqlite3";
  // The source travels with the response, so the file stays open while it is sent, whatever replaces it.
  response.set_content_provider(
      static_cast<std::size_t>(bytes.length), type,
      [source, first = bytes.first](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
        std::string chunk(std::min(length, kArchiveChunkBytes), '\0');
        if (!outputs::read_at(source->archive_fd(), first + offset, chunk.data(), chunk.size())) return false;
        return sink.write(chunk.data(), chunk.size());
      });
}

void TileServer::query(const httplib::Request& request, httplib::Response& response,
                       const TileCatalog::Set& set) const {
  const auto lon = parse_degrees(request.get_param_value("lon"), -180, 180);
  const auto lat = parse_degrees(request.get_param_value("lat"), -90, 90);
  if (!lon || !lat)
    return answer(response, 400,
                  "give lon and lat in degrees, as in /" + escape_path_segment(catalog_.name(set)) +
                      "/query?lon=116.4&lat=39.9");
  if (!catalog_.has_map(set))
    return answer(response, 404,
                  "\"" + catalog_.name(set) + "\" has no map file to ask: serve its map or project file");
  const auto unit = catalog_.query(set)->at(*lon, *lat);
  nlohmann::ordered_json json{{"lon", *lon}, {"lat", *lat}, {"unit", nullptr}};
  if (unit)
    json["unit"] = {{"id", unit->id},
                    {"name", unit->name},
                    {"names", unit->names},
                    {"value", unit->value},
                    {"class", unit->class_label},
                    {"color", unit->color.hex()},
                    {"has_data", unit->has_data}};
  response.set_header("Cache-Control", "no-cache");
  response.set_content(json.dump() + "\n", kJson);
}

void TileServer::style(const httplib::Request& request, httplib::Response& response,
                       const TileCatalog::Set& set) const {
  const auto source = catalog_.source(set);
  const std::string name = catalog_.name(set);
  if (!source->facts().vector)
    return answer(response, 404, "\"" + name + "\" is raster tiles: only vector tiles have a MapLibre style");
  const std::optional<std::string> text = source->style();
  if (!text)
    return answer(
        response, 404,
        "\"" + name + "\" has no MapLibre style beside its tiles (covermap tiles --format mvt writes one)");
  nlohmann::ordered_json json = nlohmann::ordered_json::parse(*text, nullptr, false);
  if (!json.is_object() || !json.contains("sources") || !json["sources"].is_object())
    return answer(response, 500, "the MapLibre style of \"" + name + "\" is not a style (no sources)");
  // The tiles from this server, whatever the style said when it was written.
  const std::string tiles =
      base_url(request) + "/" + escape_path_segment(name) + "/{z}/{x}/{y}." + source->facts().extension;
  for (auto& [id, tile_source] : json["sources"].items()) {
    if (!tile_source.is_object() || tile_source.value("type", "") != "vector") continue;
    tile_source.erase("url");
    tile_source["tiles"] = {tiles};
  }
  // This server has no glyphs: without a glyph URL MapLibre GL JS (the 5.x the page embeds) draws every
  // label with the browser's fonts, the style's font stack first, and asks for nothing it cannot get.
  json.erase("glyphs");
  const std::string body = json.dump(2) + "\n";
  response.set_header("Cache-Control", cache_control());
  if (not_modified(request, response, content_etag(body))) return;
  response.set_content(body, kJson);
}

void TileServer::catalog(httplib::Response& response) const {
  nlohmann::ordered_json sets = nlohmann::ordered_json::array();
  for (const auto& set : catalog_.sets()) {
    const std::string name = catalog_.name(*set);
    const auto source = catalog_.source(*set);
    nlohmann::ordered_json entry{{"name", name}, {"tilejson", "/" + escape_path_segment(name) + ".json"}};
    const outputs::TileSinkKind kind = source->facts().kind;
    if (kind != outputs::TileSinkKind::directory)
      entry["archive"] = "/" + escape_path_segment(name) +
                         (kind == outputs::TileSinkKind::pmtiles ? ".pmtiles" : ".mbtiles");
    if (catalog_.has_map(*set)) entry["query"] = "/" + escape_path_segment(name) + "/query";
    entry["vector"] = source->facts().vector;
    if (source->facts().vector) entry["style"] = "/" + escape_path_segment(name) + "/style.json";
    sets.push_back(std::move(entry));
  }
  nlohmann::ordered_json json{{"tile_sets", sets}};
  // Whether this covermap was built with MapLibre GL JS, which the page shows vector sets with.
  json["maplibre"] = find_web_asset("maplibre/maplibre-gl.js") != nullptr;
  json["basemap"] = nullptr;
  if (!settings_.basemap_url.empty()) json["basemap"] = settings_.basemap_url;
  response.set_header("Cache-Control", "no-cache");
  response.set_content(json.dump(2) + "\n", kJson);
}

// The page's scripts, styles and data come from this server alone; images (and for MapLibre, which fetches
// them, connections) also from the basemap's origin.
std::string TileServer::page_policy() const {
  std::string basemap_origin;
  if (!settings_.basemap_url.empty()) {
    const std::size_t host = settings_.basemap_url.find("://") + 3;
    basemap_origin = " " + settings_.basemap_url.substr(0, settings_.basemap_url.find('/', host));
    if (const std::size_t servers = basemap_origin.find("{s}."); servers != std::string::npos)
      basemap_origin.replace(servers, 4, "*.");  // Leaflet's subdomains, a.tile... b.tile...
  }
  return "default-src 'self'; img-src 'self' data: blob: http: https:; style-src 'self' 'unsafe-inline'; "
         "connect-src 'self'" +
         basemap_origin;
}

std::string TileServer::base_url(const httplib::Request& request) const {
  const std::string host = request.get_header_value("Host");
  if (!is_plain_host(host)) return settings_.listen_url;
  const bool https = request.get_header_value("X-Forwarded-Proto") == "https";
  return (https ? "https://" : "http://") + host;
}

}  // namespace covermap::app
