#pragma once
// What `covermap serve` answers, request by request (the HTTP around it is app/http_server): tiles, TileJSON,
// archives by byte ranges, the unit under a point, a vector set's MapLibre style, the preview page and its
// files. Routes are told apart by
// app/tile_route's pure parser; tile set names are only looked up in the catalog, so no URL can name a file.
//
// Status codes: 200; 204 for a tile inside a set's zooms and bounds that holds nothing (covermap leaves out
// tiles outside every unit: web maps show nothing there, and 204 tells them so without an error); 206 for a
// byte range of an archive; 304 when If-None-Match holds the ETag; 400 for a tile whose z/x/y are not plain
// numbers or a query without a valid lon/lat; 404 for a tile outside the set's zooms or bounds, in another
// format, or of an unknown set, a style of a raster set or one without its style file, and anything else
// unknown; 405 for methods other than GET, HEAD and OPTIONS;
// 416 for a byte range outside an archive; 500 when a set cannot be read.
#include <httplib.h>

#include <string>

#include "app/tile_catalog.hpp"

namespace covermap::app {

struct TileServerSettings {
  int max_age_seconds =
      0;                   // Cache-Control: 0 = "no-cache" (browsers revalidate by ETag), else public max-age
  std::string listen_url;  // "http://127.0.0.1:8080", for TileJSON when a request has no usable Host
  std::string basemap_url;  // an XYZ template the page shows under the tiles; empty: none
};

class TileServer {
 public:
  TileServer(const TileCatalog& catalog, TileServerSettings settings);
  void handle(const httplib::Request& request, httplib::Response& response) const;

 private:
  void get(const httplib::Request& request, httplib::Response& response) const;
  void tile(const httplib::Request& request, httplib::Response& response,
            const struct TileRoute& route) const;
  void tilejson(const httplib::Request& request, httplib::Response& response,
                const TileCatalog::Set& set) const;
  void archive(const httplib::Request& request, httplib::Response& response, const TileCatalog::Set& set,
               std::string_view extension) const;
  void query(const httplib::Request& request, httplib::Response& response, const TileCatalog::Set& set) const;
  void style(const httplib::Request& request, httplib::Response& response, const TileCatalog::Set& set) const;
  void catalog(httplib::Response& response) const;
  std::string base_url(const httplib::Request& request) const;
  std::string cache_control() const;
  std::string page_policy() const;

  const TileCatalog& catalog_;
  TileServerSettings settings_;
};

}  // namespace covermap::app
