#include "app/tile_route.hpp"

#include <gtest/gtest.h>

#include "app/http_util.hpp"

namespace covermap::app {
namespace {

using Kind = TileRoute::Kind;

TEST(TileRoute, TilesOfANamedSet) {
  const TileRoute route = parse_tile_route("/cover/5/26/12.png");
  EXPECT_EQ(route.kind, Kind::tile);
  EXPECT_EQ(route.name, "cover");
  EXPECT_EQ(route.z, 5u);
  EXPECT_EQ(route.x, 26u);
  EXPECT_EQ(route.y, 12u);
  EXPECT_EQ(route.extension, "png");
  EXPECT_EQ(parse_tile_route("/中国 县/0/0/0.webp").name, "中国 县");
  EXPECT_EQ(parse_tile_route("/v/22/4194303/4194303.pbf").x, 4194303u);
  EXPECT_EQ(parse_tile_route("/v/0/4294967295/0.png").x, 4294967295u);
}

TEST(TileRoute, CoordinatesThatAreNotPlainNumbersAreBadRequests) {
  for (const char* path :
       {"/cover/a/1/1.png", "/cover/1/-1/1.png", "/cover/1/1/+1.png", "/cover/01/1/1.png", "/cover/1/1/1",
        "/cover/1/1/1.", "/cover/1/1/.png", "/cover//1/1.png", "/cover/1/4294967296/1.png",
        "/cover/1/1/1e3.png", "/cover/1/ 1/1.png", "/cover/99999999999/0/0.png", "/cover/1/0x1/1.png"})
    EXPECT_EQ(parse_tile_route(path).kind, Kind::bad_tile) << path;
}

TEST(TileRoute, TheServersOwnPaths) {
  EXPECT_EQ(parse_tile_route("/").kind, Kind::page);
  EXPECT_EQ(parse_tile_route("/healthz").kind, Kind::health);
  EXPECT_EQ(parse_tile_route("/_/tilesets.json").kind, Kind::catalog);
  const TileRoute asset = parse_tile_route("/_/leaflet/leaflet.js");
  EXPECT_EQ(asset.kind, Kind::asset);
  EXPECT_EQ(asset.asset, "leaflet/leaflet.js");
}

TEST(TileRoute, TileJsonArchivesQueriesAndStyles) {
  EXPECT_EQ(parse_tile_route("/cover.json").kind, Kind::tilejson);
  EXPECT_EQ(parse_tile_route("/cover.v2.json").name, "cover.v2");
  const TileRoute archive = parse_tile_route("/cover.pmtiles");
  EXPECT_EQ(archive.kind, Kind::archive);
  EXPECT_EQ(archive.extension, "pmtiles");
  EXPECT_EQ(parse_tile_route("/cover.mbtiles").kind, Kind::archive);
  const TileRoute query = parse_tile_route("/cover/query");
  EXPECT_EQ(query.kind, Kind::query);
  EXPECT_EQ(query.name, "cover");
  const TileRoute style = parse_tile_route("/cover/style.json");
  EXPECT_EQ(style.kind, Kind::style);
  EXPECT_EQ(style.name, "cover");
  EXPECT_EQ(parse_tile_route("/_/style.json").kind, Kind::asset) << "the server's own paths come first";
}

TEST(TileRoute, EverythingElseIsNotFound) {
  for (const char* path :
       {"", "cover", "/cover", "/cover.txt", "/cover/", "/cover/1/2", "/cover/1/2/3/4.png", "/../etc/passwd",
        "/../../etc/passwd.json", "/_secret.json", "/healthz.json", "/.json", "/a\x01b.json",
        "/cover/query/x", "/cover/../x", "/cover/style.json/x", "/cover/style"})
    EXPECT_EQ(parse_tile_route(path).kind, Kind::not_found) << path;
}

TEST(HttpUtil, EtagsMatchInListsWeakOrNot) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\", W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("*", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abd\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
}

TEST(HttpUtil, OneByteRangeIsServedAndTheRestGetsTheWholeFile) {
  using RangeKind = RangeRequest::Kind;
  const auto range = [](const char* header) { return parse_range(header, 1000); };
  EXPECT_EQ(range("bytes=0-126").range.first, 0u);
  EXPECT_EQ(range("bytes=0-126").range.length, 127u);
  EXPECT_EQ(range("bytes=990-").range.length, 10u);
  EXPECT_EQ(range("bytes=900-5000").range.length, 100u);
  EXPECT_EQ(range("bytes=-10").range.first, 990u);
  EXPECT_EQ(range("bytes=-5000").range.length, 1000u);
  EXPECT_EQ(range("bytes=1000-").kind, RangeKind::unsatisfiable);
  EXPECT_EQ(range("bytes=-0").kind, RangeKind::unsatisfiable);
  for (const char* whole : {"bytes=5-1", "bytes=0-1,5-6", "items=0-1", "bytes=a-b", "bytes=-", ""})
    EXPECT_EQ(range(whole).kind, RangeKind::whole) << whole;
}

TEST(HttpUtil, HostsAndDegrees) {
  EXPECT_TRUE(is_plain_host("127.0.0.1:8080"));
  EXPECT_TRUE(is_plain_host("[::1]:8080"));
  EXPECT_FALSE(is_plain_host("evil.com/x?"));
  EXPECT_FALSE(is_plain_host("a\"b"));
  EXPECT_EQ(escape_path_segment("中 a.b"), "%E4%B8%AD%20a.b");
  EXPECT_EQ(parse_degrees("116.4", -180, 180), 116.4);
  EXPECT_FALSE(parse_degrees("181", -180, 180));
  EXPECT_FALSE(parse_degrees("nan", -180, 180));
  EXPECT_FALSE(parse_degrees("1e400", -180, 180));
  EXPECT_FALSE(parse_degrees("12abc", -180, 180));
  EXPECT_FALSE(parse_degrees("", -180, 180));
}

}  // namespace
}  // namespace covermap::app
