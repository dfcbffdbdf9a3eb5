// `covermap tiles --format mvt` read by real clients: GDAL's MVT and MBTiles drivers (ogrinfo), npm
// @mapbox/vector-tile + pbf, the MapLibre style validator, the TileJSON 3.0.0 schema; and the archives'
// headers, dedup and determinism.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <string>

#include "outputs/mbtiles_reader.hpp"
#include "outputs/pmtiles_reader.hpp"
#include "outputs/pmtiles_verify.hpp"
#include "tests/test_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;

const std::string kExample = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml";
const std::string kTileJsonSchema = std::string(COVERMAP_TEST_DATA_DIR) + "/tilejson-spec/schema-3.0.0.json";
const std::string kStyleValidator = std::string(COVERMAP_NPM_DIR) + "/node_modules/.bin/gl-style-validate";

std::string shell_quoted(const std::string& text) {
  return "'" + text + "'";
}

// The CLI's "wrote OUT (N tiles of M" count.
long tiles_written(const std::string& out) {
  std::smatch match;
  return std::regex_search(out, match, std::regex(R"(\((\d+) tiles of)")) ? std::stol(match[1]) : -1;
}

// ogrinfo's "Feature Count: N" of one layer, or -1.
long feature_count(const std::string& source, const std::string& layer, const std::string& options = "") {
  const auto info = run_shell("ogrinfo -ro -so " + options + " " + shell_quoted(source) + " " + layer);
  std::smatch match;
  return std::regex_search(info.out, match, std::regex(R"(Feature Count: (\d+))")) ? std::stol(match[1]) : -1;
}

// The provinces (with Chinese and English names) as a folder (zooms 0-8), and zooms 0-6 as MBTiles and
// PMTiles archives, made once for the suite.
class TilesMvt : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    folder_ = dir_->file("tiles");
    const auto made = run_cli("tiles " + shell_quoted(kExample) + " -o " + shell_quoted(folder_) +
                              " --zoom 0-8 --format mvt");
    ASSERT_EQ(made.exit_code, 0) << made.err;
    written_ = tiles_written(made.out);
    // Zooms 0-6 as archives, on one thread and on two: the same bytes.
    for (const char* name : {"one.mbtiles", "one.pmtiles", "two.mbtiles", "two.pmtiles"}) {
      const std::string threads = std::string(name).starts_with("two") ? "2" : "1";
      const auto archive =
          run_cli("tiles " + shell_quoted(kExample) + " -o " + shell_quoted(dir_->file(name)) +
                  " --zoom 0-6 --format mvt --threads " + threads);
      ASSERT_EQ(archive.exit_code, 0) << archive.err;
    }
  }
  static void TearDownTestSuite() { delete dir_; }

  static TempDir* dir_;
  static std::string folder_;
  static long written_;
};
TempDir* TilesMvt::dir_ = nullptr;
std::string TilesMvt::folder_;
long TilesMvt::written_ = 0;

TEST_F(TilesMvt, FolderHoldsGzippedPbfTilesBesideMetadataTileJsonAndStyle) {
  ASSERT_GT(written_, 0);
  const std::string tile = read_file(folder_ + "/5/26/12.pbf");  // Beijing
  ASSERT_GE(tile.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(tile[0]), 0x1f) << "gzip";
  EXPECT_EQ(static_cast<unsigned char>(tile[1]), 0x8b);
  EXPECT_FALSE(fs::exists(folder_ + "/6/55/26.pbf")) << "open sea east of Taiwan: no unit reaches it";
  for (const char* file : {"tiles.json", "style.json", "metadata.json"})
    EXPECT_TRUE(fs::exists(folder_ + "/" + file)) << file;
  long files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(folder_))
    files += entry.path().extension() == ".pbf";
  EXPECT_EQ(files, written_);
}

TEST_F(TilesMvt, ArchivesAreTheSameOnAnyNumberOfThreadsAndStoreInsideTilesOnce) {
  EXPECT_TRUE(read_file(dir_->file("one.pmtiles")) == read_file(dir_->file("two.pmtiles")));
  EXPECT_TRUE(read_file(dir_->file("one.mbtiles")) == read_file(dir_->file("two.mbtiles")));

  const outputs::PmtilesReader pmtiles(dir_->file("one.pmtiles"));
  EXPECT_EQ(pmtiles.header().tile_type, outputs::pmtiles::TileType::mvt);
  EXPECT_EQ(pmtiles.header().tile_compression, outputs::pmtiles::Compression::gzip);
  EXPECT_EQ(outputs::verify_pmtiles(pmtiles), std::vector<std::string>{});
  long folder_tiles = 0;  // zooms 0-6 of the folder
  for (const auto& entry : fs::recursive_directory_iterator(folder_))
    folder_tiles +=
        entry.path().extension() == ".pbf" && entry.path().parent_path().parent_path().filename() <= "6";
  EXPECT_EQ(static_cast<long>(pmtiles.header().addressed_tiles), folder_tiles);
  EXPECT_LT(pmtiles.header().tile_contents, pmtiles.header().addressed_tiles)
      << "tiles inside one unit (Xinjiang, Tibet at zoom 6) are one content";
  EXPECT_EQ(*pmtiles.tile(5, 26, 12), read_file(folder_ + "/5/26/12.pbf"));
  const auto metadata = nlohmann::json::parse(pmtiles.metadata());
  EXPECT_EQ(metadata["vector_layers"][0]["id"], "units");

  outputs::MbtilesReader mbtiles(dir_->file("one.mbtiles"));
  auto rows = mbtiles.metadata();
  EXPECT_EQ(rows["format"], "pbf");
  const auto json = nlohmann::json::parse(rows["json"]);
  EXPECT_EQ(json["vector_layers"][1]["id"], "labels");
  EXPECT_FALSE(json["legend"].empty());
  EXPECT_EQ(*mbtiles.tile(5, 26, 12), read_file(folder_ + "/5/26/12.pbf"));
}

TEST_F(TilesMvt, GdalReadsEveryLayerAndFieldAndTheSameFeaturesFromFolderAndMbtiles) {
  const auto info = run_shell("ogrinfo -ro -so " + shell_quoted(folder_ + "/5") + " units");
  ASSERT_EQ(info.exit_code, 0) << info.err;
  for (const char* field : {"id: String", "name: String", "name_zh: String", "name_en: String", "value: Real",
                            "class: Real", "color: String", "no_data: Integer(Boolean)"})
    EXPECT_NE(info.out.find(field), std::string::npos) << field << "\n" << info.out;
  for (int z : {0, 3, 5, 6}) {
    const std::string zoom_dir = folder_ + "/" + std::to_string(z);
    const std::string zoom = "-oo ZOOM_LEVEL=" + std::to_string(z);
    for (const char* layer : {"units", "labels"}) {
      const long from_folder = feature_count(zoom_dir, layer);
      EXPECT_GT(from_folder, 0) << layer << " at z" << z;
      EXPECT_EQ(feature_count(dir_->file("one.mbtiles"), layer, zoom), from_folder) << layer << " at z" << z;
    }
  }
  EXPECT_EQ(feature_count(folder_ + "/8", "labels"), 33) << "one label point per province (Macao's from 9)";
}

TEST_F(TilesMvt, VectorTileJsReadsTheLayersPropertiesAndGeometryTypes) {
  COVERMAP_REQUIRE_NPM_PACKAGE("@mapbox/vector-tile");
  COVERMAP_REQUIRE_NPM_PACKAGE("pbf");
  for (int z : {3, 8}) {
    const auto result =
        run_shell("node " + shell_quoted(COVERMAP_SOURCE_DIR "/tests/app/mvt_js_check.mjs") + " " +
                  shell_quoted(COVERMAP_NPM_DIR) + " " + shell_quoted(folder_) + " " + std::to_string(z));
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    const auto decoded = nlohmann::json::parse(result.out);
    const auto& units = decoded["layers"]["units"];
    const auto& labels = decoded["layers"]["labels"];
    EXPECT_EQ(units["extent"], 4096);
    EXPECT_EQ(units["types"], nlohmann::json::array({3})) << "polygons";
    EXPECT_EQ(labels["types"], nlohmann::json::array({1})) << "points";
    EXPECT_EQ(units["keys"], nlohmann::json::array(
                                 {"class", "color", "id", "name", "name_en", "name_zh", "no_data", "value"}));
    EXPECT_EQ(labels["keys"], nlohmann::json::array({"id", "name", "name_en", "name_zh"}));
    EXPECT_EQ(units["ids"].size(), 34u) << "every province at zoom " << z;
    if (z == 8) {
      // One point per unit, from the zoom where its label fits (kLabelMinSpanPx): all but Macao, 30 px wide.
      EXPECT_EQ(labels["features"], 33);
      EXPECT_EQ(labels["ids"].size(), 33u);
      EXPECT_FALSE(labels["ids"].dump().find("820000") != std::string::npos);
    }
    EXPECT_EQ(feature_count(folder_ + "/" + std::to_string(z), "units"), units["features"].get<long>());
    // The colours are the legend's.
    const auto tilejson = nlohmann::json::parse(read_file(folder_ + "/tiles.json"));
    std::set<std::string> legend;
    for (const auto& entry : tilejson["covermap"]["legend"]) legend.insert(entry["color"].get<std::string>());
    for (const auto& colour : units["colors"]) EXPECT_TRUE(legend.count(colour.get<std::string>())) << colour;
  }
}

TEST_F(TilesMvt, TileJsonIsValidAgainstTheSchemaWithVectorLayers) {
  const auto tilejson = nlohmann::json::parse(read_file(folder_ + "/tiles.json"));
  EXPECT_EQ(tilejson["format"], "pbf");
  EXPECT_EQ(tilejson["tiles"][0], "{z}/{x}/{y}.pbf");
  EXPECT_EQ(tilejson["vector_layers"][0]["fields"]["value"], "Number");
  if (!fs::exists(kTileJsonSchema)) GTEST_SKIP() << "no TileJSON schema at " << kTileJsonSchema;
  if (run_shell("/usr/bin/python3 -c 'import jsonschema'").exit_code != 0)
    GTEST_SKIP() << "/usr/bin/python3 cannot import jsonschema (python3-jsonschema)";
  for (const std::string& path : {folder_ + "/tiles.json", dir_->file("one.pmtiles.json")}) {
    const auto check = run_shell(
        "/usr/bin/python3 -c 'import json, sys, jsonschema; "
        "jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))' " +
        shell_quoted(kTileJsonSchema) + " " + shell_quoted(path) + " 2>&1");
    EXPECT_EQ(check.exit_code, 0) << path << ": " << check.out;
  }
}

TEST_F(TilesMvt, StyleIsValidForMapLibreAndDrawsFromTheTiles) {
  const auto style = nlohmann::json::parse(read_file(folder_ + "/style.json"));
  EXPECT_EQ(style["sources"]["covermap"]["tiles"][0], "{z}/{x}/{y}.pbf");
  EXPECT_EQ(style["layers"][0]["paint"]["fill-color"], nlohmann::json::array({"get", "color"}));
  EXPECT_EQ(style["layers"][2]["source-layer"], "labels");
  EXPECT_EQ(style["layers"][2]["layout"]["text-font"][0], "Noto Sans CJK SC Regular");
  EXPECT_FALSE(style["metadata"]["covermap:legend"]["entries"].empty());
  EXPECT_TRUE(fs::exists(dir_->file("one.pmtiles.style.json")));
  if (!fs::exists(kStyleValidator)) GTEST_SKIP() << "no gl-style-validate in " << COVERMAP_NPM_DIR;
  for (const std::string& path : {folder_ + "/style.json", dir_->file("one.mbtiles.style.json")}) {
    const auto check = run_shell(shell_quoted(kStyleValidator) + " " + shell_quoted(path) + " 2>&1");
    EXPECT_EQ(check.exit_code, 0) << path << ": " << check.out;
    EXPECT_EQ(check.out, "") << path;
  }
}

TEST(TilesMvtCli, TileSizeIsForRasterTilesOnly) {
  TempDir dir;
  const auto result = run_cli("tiles " + shell_quoted(kExample) + " -o " + shell_quoted(dir.file("t")) +
                              " --zoom 0 --format mvt --tile-size 512");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("--tile-size"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(dir.file("t")));
}

}  // namespace
}  // namespace covermap::test
