// covermap serve over real HTTP: tiles, TileJSON, archives by range, caching headers, errors and what no URL
// may reach. The server runs in this process on a free loopback port; clients are cpp-httplib's and raw
// sockets.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "geo/tile_math.hpp"
#include "outputs/pmtiles_reader.hpp"
#include "outputs/sqlite_handles.hpp"
#include "tests/app/serve_support.hpp"
#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

// A tile of the provinces' pyramid that is inside its bounds but over no province (left out of the set).
geo::TileId empty_tile(const outputs::PmtilesReader& reader, int z) {
  const geo::Box bounds{73.6, 18.2, 134.7, 53.5};
  const geo::TileRange range = geo::tiles_covering(bounds, z);
  for (std::uint32_t x = range.min_x; x <= range.max_x; ++x)
    for (std::uint32_t y = range.min_y; y <= range.max_y; ++y)
      if (!reader.tile(z, x, y)) return {z, x, y};
  return {-1, 0, 0};
}

std::string tile_path(const std::string& name, const geo::TileId& tile, const char* extension = "png") {
  return "/" + name + "/" + std::to_string(tile.z) + "/" + std::to_string(tile.x) + "/" +
         std::to_string(tile.y) + "." + extension;
}

TEST(Serve, TilesOfEveryKindOfSetWithTheirCachingHeaders) {
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles, sets.mbtiles, sets.directory}));
  auto client = server.client();
  const outputs::PmtilesReader reader(sets.pmtiles);
  const std::string beijing = *reader.tile(3, 6, 3);
  for (const char* name : {"cover", "covermb", "coverdir"}) {
    const auto response = client.Get("/" + std::string(name) + "/3/6/3.png");
    ASSERT_TRUE(response) << name;
    EXPECT_EQ(response->status, 200) << name;
    EXPECT_EQ(response->body, beijing) << name << ": every kind serves the same tile";
    EXPECT_EQ(response->get_header_value("Content-Type"), "image/png");
    EXPECT_EQ(response->get_header_value("Content-Length"), std::to_string(beijing.size()));
    EXPECT_EQ(response->get_header_value("Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(response->get_header_value("Cache-Control"), "no-cache");
    const std::string etag = response->get_header_value("ETag");
    ASSERT_EQ(etag.size(), 34u) << etag;  // a quoted 128-bit content hash

    const auto again = client.Get("/" + std::string(name) + "/3/6/3.png", {{"If-None-Match", etag}});
    ASSERT_TRUE(again);
    EXPECT_EQ(again->status, 304);
    EXPECT_TRUE(again->body.empty());
    EXPECT_EQ(again->get_header_value("ETag"), etag);

    const auto head = client.Head("/" + std::string(name) + "/3/6/3.png");
    ASSERT_TRUE(head);
    EXPECT_EQ(head->status, 200);
    EXPECT_EQ(head->get_header_value("Content-Length"), std::to_string(beijing.size()));
    EXPECT_TRUE(head->body.empty());
  }
}

TEST(Serve, EmptyTilesAre204OutsideThePyramid404AndMalformedAddresses400) {
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles}));
  auto client = server.client();
  const geo::TileId empty = empty_tile(outputs::PmtilesReader(sets.pmtiles), 5);
  ASSERT_GE(empty.z, 0);
  const auto status = [&](const std::string& path) {
    const auto response = client.Get(path);
    return response ? response->status : -1;
  };
  EXPECT_EQ(status(tile_path("cover", empty)), 204) << tile_path("cover", empty);
  EXPECT_EQ(status("/cover/6/52/24.png"), 404) << "zoom 6 is past the set's 0-5";
  EXPECT_EQ(status("/cover/3/0/0.png"), 404) << "the Arctic is outside the set's bounds";
  EXPECT_EQ(status("/cover/3/8/3.png"), 404) << "x past 2^z";
  EXPECT_EQ(status("/cover/3/6/3.webp"), 404) << "the set is PNG";
  EXPECT_EQ(status("/other/3/6/3.png"), 404);
  EXPECT_EQ(status("/cover/3/six/3.png"), 400);
  EXPECT_EQ(status("/cover/3/6/-3.png"), 400);
  EXPECT_EQ(status("/cover/3/6/99999999999.png"), 400);
  EXPECT_EQ(status("/cover/query?lon=east&lat=39.9"), 400);
}

TEST(Serve, TileJsonPointsAtThisServerAndCarriesTheLegend) {
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles, sets.directory}));
  auto client = server.client();
  const auto response = client.Get("/cover.json");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->get_header_value("Content-Type"), "application/json");
  const auto json = nlohmann::json::parse(response->body);
  EXPECT_EQ(json["tilejson"], "3.0.0");
  EXPECT_EQ(json["tiles"][0], server.url() + "/cover/{z}/{x}/{y}.png");
  EXPECT_EQ(json["minzoom"], 0);
  EXPECT_EQ(json["maxzoom"], 5);
  EXPECT_NEAR(json["bounds"][0].get<double>(), 73.5, 0.5);
  EXPECT_EQ(json["name"], "Children reached");
  ASSERT_TRUE(json["legend"].is_string());
  EXPECT_NE(json["legend"].get<std::string>().find("Children reached"), std::string::npos);
  EXPECT_EQ(json["covermap"]["legend"].size(), 6u) << "five classes and no data";
  EXPECT_EQ(json["covermap"]["legend"][0]["color"], "#ffffcc");
  const auto folder = nlohmann::json::parse(client.Get("/coverdir.json")->body);
  EXPECT_EQ(folder["maxzoom"], 3);
  EXPECT_EQ(folder["tiles"][0], server.url() + "/coverdir/{z}/{x}/{y}.png");
  // A Host header that could not be repeated safely is replaced by the address the server listens on.
  const auto odd = client.Get("/cover.json", {{"Host", "evil.example/\"><script>"}});
  EXPECT_EQ(nlohmann::json::parse(odd->body)["tiles"][0], server.url() + "/cover/{z}/{x}/{y}.png");
}

// Another tool's MBTiles: its metadata written by hand, spaces after the commas, a zoom as "3.0". The server
// reads it with covermap's one number reader and describes the set by it.
TEST(Serve, AnotherToolsMbtilesMetadataIsReadAsWritten) {
  const auto& sets = province_tiles();
  TempDir dir;
  const std::string path = dir.file("other.mbtiles");
  fs::copy_file(sets.mbtiles, path);
  {
    outputs::SqliteDatabase db(path, path, SQLITE_OPEN_READWRITE, "");
    db.exec(
        "UPDATE metadata SET value = '100.5, 20.25, 120, 40' WHERE name = 'bounds';"
        "UPDATE metadata SET value = ' 110 , 30.5 , 2 ' WHERE name = 'center';"
        "UPDATE metadata SET value = '3.0' WHERE name = 'maxzoom';"
        "DELETE FROM metadata WHERE name = 'json';");
    db.close();
  }
  RunningServer server(entries_for({path}));
  const auto json = nlohmann::json::parse(server.client().Get("/other.json")->body);
  EXPECT_EQ(json["bounds"], nlohmann::json::parse("[100.5, 20.25, 120, 40]"));
  EXPECT_EQ(json["center"], nlohmann::json::parse("[110, 30.5, 2]"));
  EXPECT_EQ(json["maxzoom"], 3);
}

// A folder's zooms are the folders named as a tile URL names them: "07" is not zoom 7.
TEST(Serve, AFolderWithoutTileJsonHasTheZoomsOfItsNumberedFolders) {
  const auto& sets = province_tiles();
  TempDir dir;
  const fs::path folder = dir.file("plain");
  fs::copy(sets.directory, folder, fs::copy_options::recursive);
  fs::remove(folder / "tiles.json");
  fs::create_directory(folder / "07");
  fs::create_directory(folder / "+9");
  RunningServer server(entries_for({folder.string()}));
  const auto json = nlohmann::json::parse(server.client().Get("/plain.json")->body);
  EXPECT_EQ(json["minzoom"], 0);
  EXPECT_EQ(json["maxzoom"], 3);
}

TEST(Serve, ArchivesAreServedByByteRange) {
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles, sets.mbtiles, sets.directory}));
  auto client = server.client();
  const std::string archive = read_file(sets.pmtiles);
  const auto header = client.Get("/cover.pmtiles", {{"Range", "bytes=0-126"}});
  ASSERT_TRUE(header);
  EXPECT_EQ(header->status, 206);
  EXPECT_EQ(header->body, archive.substr(0, 127));
  EXPECT_EQ(header->get_header_value("Content-Range"), "bytes 0-126/" + std::to_string(archive.size()));
  EXPECT_EQ(header->get_header_value("Accept-Ranges"), "bytes");
  const auto tail = client.Get("/cover.pmtiles", {{"Range", "bytes=-1000"}});
  EXPECT_EQ(tail->body, archive.substr(archive.size() - 1000));
  const auto whole = client.Get("/cover.pmtiles");
  EXPECT_EQ(whole->status, 200);
  EXPECT_TRUE(whole->body == archive);
  const auto past =
      client.Get("/cover.pmtiles", {{"Range", "bytes=" + std::to_string(archive.size()) + "-"}});
  EXPECT_EQ(past->status, 416);
  EXPECT_EQ(past->get_header_value("Content-Range"), "bytes */" + std::to_string(archive.size()));
  const std::string etag = whole->get_header_value("ETag");
  EXPECT_EQ(client.Get("/cover.pmtiles", {{"If-None-Match", etag}})->status, 304);
  // If-Range with another ETag: the archive changed, so the whole of it.
  EXPECT_EQ(client.Get("/cover.pmtiles", {{"Range", "bytes=0-9"}, {"If-Range", "\"old\""}})->status, 200);

  const auto mbtiles = client.Get("/covermb.mbtiles", {{"Range", "bytes=0-15"}});
  EXPECT_EQ(mbtiles->status, 206);
  EXPECT_EQ(mbtiles->body, std::string("SQLite format 3\0", 16));
  EXPECT_EQ(client.Get("/cover.mbtiles")->status, 404) << "cover is a PMTiles archive";
  EXPECT_EQ(client.Get("/coverdir.pmtiles")->status, 404) << "a folder is no archive";
}

TEST(Serve, NoUrlReadsAnythingOutsideTheServedSets) {
  const auto& sets = province_tiles();
  TempDir dir;
  // A folder whose tiles link out of it: a file, and a whole zoom.
  fs::create_directories(dir.path() / "linked/1/1");
  fs::create_directory_symlink("/etc", dir.path() / "linked/2");
  fs::create_symlink("/etc/passwd", dir.path() / "linked/1/1/0.png");
  fs::copy_file(sets.directory + "/1/1/0.png", dir.path() / "linked/1/1/1.png");
  dir.write("linked/tiles.json",
            R"({"tilejson": "3.0.0", "tiles": ["{z}/{x}/{y}.png"], "minzoom": 0, "maxzoom": 3})");
  RunningServer server(entries_for({sets.pmtiles, dir.file("linked")}));
  for (const char* path :
       {"/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/cover/..%2f..%2f..%2fetc%2fpasswd",
        "/_/../../../etc/passwd", "/_/%2e%2e/%2e%2e/CMakeLists.txt", "/..%2f..%2fetc%2fpasswd.json",
        "/linked/1/1/0.png", "/linked/2/0/0.png", "/%2e%2e%2fetc%2fpasswd", "/etc/passwd", "//etc/passwd",
        "/cover/1/1/0.png/../../../../etc/passwd", "/linked/..%2f..%2f..%2fetc/1/passwd.png"}) {
    const std::string answer = raw_exchange(server.port(), "GET " + std::string(path) +
                                                               " HTTP/1.1\r\nHost: x\r\n"
                                                               "Connection: close\r\n\r\n");
    EXPECT_EQ(answer.find("root:"), std::string::npos) << path << "\n" << answer;
    EXPECT_TRUE(answer.rfind("HTTP/1.1 404", 0) == 0 || answer.rfind("HTTP/1.1 400", 0) == 0 ||
                answer.rfind("HTTP/1.1 204", 0) == 0)
        << path << "\n"
        << answer.substr(0, 200);
  }
  auto client = server.client();
  EXPECT_EQ(client.Get("/linked/1/1/0.png")->status, 204) << "a link out of the folder is not a tile";
  EXPECT_EQ(client.Get("/linked/1/1/1.png")->status, 200) << "a real tile beside it is";
}

TEST(Serve, OnlyReadingMethodsAndPreflights) {
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles}));
  auto client = server.client();
  const auto post = client.Post("/cover/3/6/3.png", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
  EXPECT_EQ(post->get_header_value("Allow"), "GET, HEAD, OPTIONS");
  const auto preflight = client.Options(
      "/cover.pmtiles", {{"Origin", "https://example.org"}, {"Access-Control-Request-Headers", "range"}});
  ASSERT_TRUE(preflight);
  EXPECT_EQ(preflight->status, 204);
  EXPECT_NE(preflight->get_header_value("Access-Control-Allow-Headers").find("Range"), std::string::npos);
  const auto health = client.Get("/healthz");
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(nlohmann::json::parse(health->body)["tile_sets"], 1);
  const auto catalog = nlohmann::json::parse(client.Get("/_/tilesets.json")->body);
  EXPECT_EQ(catalog["tile_sets"][0]["name"], "cover");
  EXPECT_EQ(catalog["tile_sets"][0]["archive"], "/cover.pmtiles");
  EXPECT_EQ(catalog["tile_sets"][0]["query"], "/cover/query") << "the archive names its map file";
  const auto page = client.Get("/");
  EXPECT_EQ(page->status, 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("_/leaflet/leaflet.js"), std::string::npos);
  const auto leaflet = client.Get("/_/leaflet/leaflet.js");
  EXPECT_EQ(leaflet->status, 200);
  EXPECT_GT(leaflet->body.size(), 100'000u);
  EXPECT_EQ(client.Get("/_/leaflet/missing.js")->status, 404);
}

TEST(Serve, TheUnitUnderAPointFromTheMapTheTilesWereMadeFrom) {
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles}));
  auto client = server.client();
  const auto beijing = client.Get("/cover/query?lon=116.4&lat=39.9");
  ASSERT_TRUE(beijing);
  ASSERT_EQ(beijing->status, 200) << beijing->body;
  const auto unit = nlohmann::json::parse(beijing->body)["unit"];
  EXPECT_EQ(unit["id"], "110000");
  EXPECT_EQ(unit["name"], "北京市");
  EXPECT_EQ(unit["names"]["name_en"], "Beijing");
  EXPECT_EQ(unit["value"], "12400");  // tests/data/children-reached.csv
  EXPECT_EQ(unit["class"], "8,100 – 12,400");
  EXPECT_EQ(unit["color"], "#ffffcc");
  const auto sea = nlohmann::json::parse(client.Get("/cover/query?lon=150&lat=20")->body);
  EXPECT_TRUE(sea["unit"].is_null());
  EXPECT_EQ(client.Get("/cover/query?lon=116.4")->status, 400);
  EXPECT_EQ(client.Get("/cover/query?lon=200&lat=39.9")->status, 400);
}

}  // namespace
}  // namespace covermap::test
