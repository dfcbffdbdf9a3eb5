// Real clients of covermap serve besides the browser (tests/web): GDAL's WMS driver reading XYZ tiles, the
// npm pmtiles client reading the archive by byte ranges, and the TileJSON 3.0.0 schema with a real validator
// over every TileJSON covermap writes or serves.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <sstream>

#include "tests/app/serve_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

constexpr double kHalfWorld = 20037508.342789244;  // Web Mercator metres from the centre to an edge

double mercator_x(double lon) {
  return lon * kHalfWorld / 180;
}
double mercator_y(double lat) {
  return std::log(std::tan((90 + lat) * M_PI / 360)) / M_PI * kHalfWorld;
}

TEST(ServeClients, GdalReadsTheTilesThroughItsWmsDriver) {
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles}));
  TempDir dir;
  std::ostringstream xml;
  xml.precision(17);
  xml << "<GDAL_WMS><Service name=\"TMS\"><ServerUrl>" << server.url()
      << "/cover/${z}/${x}/${y}.png</ServerUrl>"
      << "</Service><DataWindow><UpperLeftX>" << -kHalfWorld << "</UpperLeftX><UpperLeftY>" << kHalfWorld
      << "</UpperLeftY><LowerRightX>" << kHalfWorld << "</LowerRightX><LowerRightY>" << -kHalfWorld
      << "</LowerRightY><TileLevel>5</TileLevel><TileCountX>1</TileCountX><TileCountY>1</TileCountY>"
      << "<YOrigin>top</YOrigin></DataWindow><Projection>EPSG:3857</Projection><BlockSizeX>256</BlockSizeX>"
      << "<BlockSizeY>256</BlockSizeY><BandsCount>4</BandsCount><ZeroBlockHttpCodes>204,404</"
         "ZeroBlockHttpCodes>"
      << "</GDAL_WMS>";
  const std::string wms = dir.write("cover.xml", xml.str());
  const auto info = run_shell("gdalinfo '" + wms + "'");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("Driver: WMS"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("Size is 8192, 8192"), std::string::npos) << info.out;
  // Inner Beijing is in the first class, #ffffcc: GDAL fetched the tile over HTTP and decoded it.
  std::ostringstream where;
  where.precision(12);
  where << mercator_x(116.3) << " " << mercator_y(40.3);
  const auto beijing = run_shell("gdallocationinfo -valonly -geoloc '" + wms + "' " + where.str());
  ASSERT_EQ(beijing.exit_code, 0) << beijing.err;
  EXPECT_EQ(beijing.out, "255\n255\n204\n255\n");
  // Over the open sea the server has no tile (204): transparent.
  where.str("");
  where << mercator_x(150) << " " << mercator_y(20);
  EXPECT_EQ(run_shell("gdallocationinfo -valonly -geoloc '" + wms + "' " + where.str()).out, "0\n0\n0\n0\n");
}

TEST(ServeClients, TheNpmPmtilesClientReadsTheArchiveByRangesAsTheServerSendsItsTiles) {
  const std::string npm_dir = std::string(COVERMAP_BINARY_DIR) + "/npm";
  if (!fs::exists(npm_dir + "/node_modules/pmtiles/package.json"))
    GTEST_SKIP() << "npm pmtiles not installed in " << npm_dir << " (scripts/install-deps.sh)";
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles}));
  const auto result =
      run_shell("node '" COVERMAP_SOURCE_DIR "/tests/web/pmtiles_http_check.mjs' '" + npm_dir + "' '" +
                server.url() + "' cover png 0/0/0 3/6/3 4/13/6 5/26/12 5/0/0 5/29/13");
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "ok 6 maxzoom=5\n");
}

TEST(ServeClients, EveryTileJsonWrittenOrServedPassesTheSchema) {
  const std::string schema = std::string(COVERMAP_TEST_DATA_DIR) + "/tilejson-spec/schema-3.0.0.json";
  if (!fs::exists(schema)) GTEST_SKIP() << "no TileJSON schema at " << schema;
  if (run_shell("python3 -c 'import jsonschema'").exit_code != 0)
    GTEST_SKIP() << "python3-jsonschema is not installed (scripts/install-deps.sh)";
  const auto& sets = province_tiles();
  RunningServer server(entries_for({sets.pmtiles, sets.mbtiles, sets.directory}));
  TempDir dir;
  std::string files;
  for (const std::string& written :
       {sets.pmtiles + ".json", sets.mbtiles + ".json", sets.directory + "/tiles.json"})
    files += " '" + written + "'";
  auto client = server.client();
  for (const char* name : {"cover", "covermb", "coverdir"}) {
    const auto served = client.Get("/" + std::string(name) + ".json");
    ASSERT_TRUE(served);
    files += " '" + dir.write(std::string(name) + ".json", served->body) + "'";
  }
  const auto result =
      run_shell("python3 '" COVERMAP_SOURCE_DIR "/tests/app/validate_tilejson.py' '" + schema + "'" + files);
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, "ok 6\n");
}

}  // namespace
}  // namespace covermap::test
