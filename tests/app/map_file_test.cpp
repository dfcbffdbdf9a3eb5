#include "app/map_file.hpp"

#include <gtest/gtest.h>

#include "geo/error.hpp"
#include "tests/test_support.hpp"

namespace covermap::app {
namespace {

using test::TempDir;

TEST(MapFile, ReadsTheContractExampleAndResolvesPathsAgainstTheMapFile) {
  TempDir dir;
  const std::string path = dir.write("ecd.yaml", R"yaml(
title: "Early childhood development, 2023"
boundaries: {source: counties.gpkg, layer: county, id: adcode, name: name, encoding: GBK}
data: {source: data/ecd.csv, sheet: Sheet1, key: Province, match: auto, parent: province}
value: "ECD programme (2023)"
classify: {method: manual, breaks: [0, 10, 20, 30]}
palette: ["#ffffcc", "#41b6c4", "#253494"]
no_data: {fill: "#eeeeee", hatch: false, label: "No data"}
borders: none
projection: EPSG:3857
extent: [92, 31, 108, 40]
labels: {field: name_zh, size_pt: 7}
legend: {title: "Programme coverage", position: top-right}
inset: south-china-sea
page: {width_mm: 180, height_mm: 150, dpi: 300}
)yaml");
  const styles::MapSpec spec = load_map_file(path);
  EXPECT_EQ(spec.boundaries.source, dir.file("counties.gpkg"));
  EXPECT_EQ(spec.boundaries.encoding, "GBK");
  EXPECT_EQ(spec.data.source, dir.file("data/ecd.csv"));
  EXPECT_EQ(spec.classify.breaks.size(), 4u);
  EXPECT_EQ(spec.classify.classes, 3) << "manual breaks imply the class count";
  EXPECT_EQ(spec.palette.colors.size(), 3u);
  EXPECT_FALSE(spec.style.borders.visible);
  EXPECT_FALSE(spec.style.no_data.hatch);
  ASSERT_TRUE(spec.style.extent.has_value());
  EXPECT_EQ(spec.style.extent->min_x, 92);
  EXPECT_EQ(spec.style.legend.position, styles::LegendPosition::top_right);
  EXPECT_EQ(spec.style.legend.title, "Programme coverage");
}

TEST(MapFile, TypoInAKeyNamesTheLine) {
  TempDir dir;
  const std::string path =
      dir.write("typo.yaml", "title: x\nboundaries: builtin:china-provinces\nplaette: Blues\n");
  try {
    load_map_file(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":3: unknown key 'plaette'", 0), 0u) << e.what();
  }
}

// Found by the map_file fuzz target: YAML that is well-formed but not text where covermap wants text (a
// key that is a list) escaped as yaml-cpp's own exception, an internal failure, instead of a bad input.
TEST(MapFile, KeyThatIsAListIsABadInputNamingTheLine) {
  TempDir dir;
  const std::string top =
      dir.write("top.yaml", "title: x\n? [a, b]\n: 1\nboundaries: builtin:china-provinces\n");
  EXPECT_EQ(test::input_error_of([&] { load_map_document(top); }).rfind(top + ":2:", 0), 0u);
  const std::string panel = dir.write("panel.yaml",
                                      "boundaries: builtin:china-provinces\n"
                                      "data: {source: d.csv, key: K}\n"
                                      "value: v\n"
                                      "panels:\n"
                                      "  - title: A\n"
                                      "    data: {? [x]: 1}\n");
  EXPECT_EQ(test::input_error_of([&] { load_map_document(panel); }).rfind(panel + ":6:", 0), 0u);
}

// Found by the map_file fuzz target: a class count past int was cast to int before the range check
// (undefined behaviour).
TEST(MapFile, ClassCountPastIntIsABadInputNamingTheLine) {
  TempDir dir;
  const std::string path = dir.write("classes.yaml",
                                     "boundaries: builtin:china-provinces\n"
                                     "data: {source: d.csv, key: K}\n"
                                     "value: v\n"
                                     "classify: {method: quantile, classes: 2222222222222222222222}\n");
  EXPECT_EQ(test::input_error_of([&] { load_map_document(path); }).rfind(path + ":4:", 0), 0u);
}

TEST(MapFile, BadColourNamesTheLine) {
  TempDir dir;
  const std::string path = dir.write("colour.yaml",
                                     "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: "
                                     "k}\nvalue: v\nno_data: {fill: \"#12\"}\n");
  try {
    load_map_file(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":4: not a colour", 0), 0u) << e.what();
  }
}

TEST(MapFile, InsetBoundaryIsDetectedNamedOrTurnedOff) {
  TempDir dir;
  const std::string head = "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k}\nvalue: v\n";
  const styles::MapSpec detect = load_map_file(dir.write("detect.yaml", head + "inset: south-china-sea\n"));
  EXPECT_EQ(detect.style.inset, styles::Inset::south_china_sea);
  EXPECT_EQ(detect.inset_boundary.from, styles::InsetBoundarySpec::From::detect);
  EXPECT_TRUE(detect.warnings.empty()) << "the inset is drawn now";

  const styles::MapSpec named = load_map_file(dir.write(
      "named.yaml", head + "inset: {region: south-china-sea, boundary: {source: lines/scs.gpkg}}\n"));
  EXPECT_EQ(named.inset_boundary.from, styles::InsetBoundarySpec::From::file);
  EXPECT_EQ(named.inset_boundary.source, dir.file("lines/scs.gpkg"));
  EXPECT_EQ(named.inset_boundary.layer, "scs_boundary");

  const styles::MapSpec off =
      load_map_file(dir.write("off.yaml", head + "inset: {region: south-china-sea, boundary: none}\n"));
  EXPECT_EQ(off.inset_boundary.from, styles::InsetBoundarySpec::From::none);

  EXPECT_EQ(load_map_file(dir.write("none.yaml", head + "inset: none\n")).style.inset, styles::Inset::none);
}

TEST(MapFile, UnknownInsetNamesTheLineAndTheKnownOnes) {
  TempDir dir;
  const std::string path =
      dir.write("inset.yaml",
                "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k}\nvalue: v\ninset: "
                "atlantic\n");
  try {
    load_map_file(path);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":4: unknown inset 'atlantic'", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("south-china-sea"), std::string::npos) << e.what();
  }
}

TEST(MapFile, LegendCountsFormatAndSecondTitle) {
  TempDir dir;
  const std::string head = "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k}\nvalue: v\n";
  const styles::MapSpec spec = load_map_file(dir.write(
      "legend.yaml", head + "legend: {title: 覆盖率, title_en: Coverage, counts: true, format: share}\n"));
  EXPECT_EQ(spec.style.legend.title, "覆盖率");
  EXPECT_EQ(spec.style.legend.title_en, "Coverage");
  EXPECT_TRUE(spec.style.legend.counts);
  EXPECT_EQ(spec.classify.format, styles::LabelFormat::share);
  const styles::MapSpec plain = load_map_file(dir.write("plain.yaml", head));
  EXPECT_FALSE(plain.style.legend.counts);
  EXPECT_EQ(plain.classify.format, styles::LabelFormat::automatic);

  const std::string bad = dir.write("bad.yaml", head + "legend:\n  format: percentage\n");
  try {
    load_map_file(bad);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(bad + ":5: unknown legend.format 'percentage'", 0), 0u) << e.what();
  }
}

TEST(MapFile, GraticuleAndNorthArrow) {
  TempDir dir;
  const std::string head = "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k}\nvalue: v\n";
  const styles::MapSpec plain = load_map_file(dir.write("plain.yaml", head));
  EXPECT_EQ(plain.style.graticule_step_deg, 0);
  EXPECT_FALSE(plain.style.north_arrow);
  const styles::MapSpec on =
      load_map_file(dir.write("on.yaml", head + "graticule: true\nnorth_arrow: true\n"));
  EXPECT_EQ(on.style.graticule_step_deg, 10) << "graticule: true means every 10 degrees";
  EXPECT_TRUE(on.style.north_arrow);
  EXPECT_EQ(
      load_map_file(dir.write("five.yaml", head + "graticule: {step_deg: 5}\n")).style.graticule_step_deg, 5);
  const std::string bad = dir.write("bad.yaml", head + "graticule: {step_deg: 0}\n");
  try {
    load_map_file(bad);
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(bad + ":4: graticule.step_deg must be", 0), 0u) << e.what();
  }
}

TEST(MapFile, MissingValueIsExplained) {
  TempDir dir;
  const std::string path =
      dir.write("novalue.yaml", "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k}\n");
  EXPECT_THROW(load_map_file(path), InputError);
}

TEST(MapFile, JoinEngineKeys) {
  TempDir dir;
  const std::string path = dir.write("agg.yaml", R"yaml(
boundaries: {source: admin.gpkg, layer: province, parents: prefecture}
data: {source: counties.csv, key: county, parent: city, aggregate: mean, counties: {layer: county}}
value: reached
points: {lon: x, lat: y, size: reached, label: county, color: "#08519c"}
)yaml");
  const styles::MapSpec spec = load_map_file(path);
  EXPECT_EQ(spec.parents.source, dir.file("admin.gpkg"));
  EXPECT_EQ(spec.parents.layer, "prefecture");
  EXPECT_EQ(spec.counties.source, dir.file("admin.gpkg")) << "a layer of the boundary file by default";
  EXPECT_EQ(spec.counties.layer, "county");
  EXPECT_EQ(spec.data.aggregate, "mean");
  EXPECT_EQ(spec.points.source, dir.file("counties.csv")) << "the data table by default";
  EXPECT_EQ(spec.points.size, "reached");

  const auto error_of = [&](const std::string& text) -> std::string {
    try {
      load_map_file(dir.write("bad.yaml", text));
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_NE(error_of("boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k, aggregate: median}\n"
                     "value: v\n")
                .find("bad.yaml:2: unknown aggregate 'median' (sum, mean, max, count or any)"),
            std::string::npos);
  EXPECT_NE(error_of("boundaries: builtin:china-provinces\ndata: {source: a.csv, lon: x}\nvalue: v\n")
                .find("data.lon and data.lat go together"),
            std::string::npos);
}

std::string error_of(const TempDir& dir, const std::string& text) {
  try {
    load_map_file(dir.write("bad.yaml", text));
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

// The map file `text` is refused with a message holding `fragment`.
void expect_refused(const TempDir& dir, const std::string& text, const std::string& fragment) {
  const std::string message = error_of(dir, text);
  EXPECT_NE(message.find(fragment), std::string::npos) << message;
}

TEST(MapFile, PointsByKindNumberedOrPlacedInAUnit) {
  TempDir dir;
  const std::string path = dir.write("points.yaml", R"yaml(
boundaries: builtin:china-provinces
points:
  source: places.csv
  lon: lon
  lat: lat
  kind: kind
  kinds:
    epicentre: {color: "#b2182b", shape: star, label: "Epicentre", radius_pt: 4}
    county: "#2166ac"
  number: month
  text: highlight
  unit: province
  legend: "Places"
)yaml");
  const styles::MapSpec spec = load_map_file(path);
  EXPECT_TRUE(spec.base_map()) << "no data and no value: the boundaries alone";
  EXPECT_FALSE(spec.style.no_data.hatch) << "a base map is not hatched";
  EXPECT_TRUE(spec.style.no_data.label.empty()) << "nor listed in the legend";
  EXPECT_EQ(spec.points.source, dir.file("places.csv"));
  EXPECT_EQ(spec.points.kind, "kind");
  EXPECT_EQ(spec.points.number, "month");
  EXPECT_EQ(spec.points.text, "highlight");
  EXPECT_EQ(spec.points.unit, "province");
  EXPECT_EQ(spec.style.points.legend, "Places");
  ASSERT_EQ(spec.style.points.kinds.size(), 2u);
  EXPECT_EQ(spec.style.points.kinds[0].value, "epicentre");
  EXPECT_EQ(spec.style.points.kinds[0].shape, styles::MarkShape::star);
  EXPECT_EQ(spec.style.points.kinds[0].label, "Epicentre");
  EXPECT_EQ(spec.style.points.kinds[0].radius_pt, 4);
  EXPECT_EQ(spec.style.points.kinds[1].fill.hex(), "#2166ac");

  expect_refused(dir,
                 "boundaries: builtin:china-provinces\npoints: {source: p.csv, lon: x, lat: y, "
                 "shape: hexagon}\n",
                 "bad.yaml:2: points: unknown shape 'hexagon' (circle, square, diamond, triangle or star)");
  expect_refused(dir,
                 "boundaries: builtin:china-provinces\npoints: {source: p.csv, lon: x, lat: y, "
                 "kinds: {a: red}}\n",
                 "points.kinds needs points.kind");
  expect_refused(dir, "boundaries: builtin:china-provinces\npoints: {lon: x, lat: y}\n",
                 "points.source is missing");
  expect_refused(dir,
                 "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k}\nvalue: v\n"
                 "points: {lon: x, lat: y, text: t}\n",
                 "points.text goes with points.number");
}

TEST(MapFile, LabelsFromADataColumnLanguageAndTheInsetsWords) {
  TempDir dir;
  const std::string path = dir.write("words.yaml", R"yaml(
boundaries: builtin:world-countries
data: {source: partners.csv, key: iso}
value: role
labels: {column: label_zh, size_pt: 6}
language: zh
inset: {region: south-china-sea, land: none, title: "", note: "断续线见另图"}
)yaml");
  const styles::MapSpec spec = load_map_file(path);
  EXPECT_EQ(spec.style.labels.column, "label_zh");
  EXPECT_TRUE(spec.style.labels.field.empty());
  EXPECT_EQ(spec.style.words, styles::Language::zh);
  EXPECT_EQ(spec.inset_land.from, styles::InsetLandSpec::From::none);
  ASSERT_TRUE(spec.inset_title.has_value());
  EXPECT_EQ(*spec.inset_title, "") << "an empty title turns the default off";
  EXPECT_EQ(spec.inset_note.value_or(""), "断续线见另图");

  const styles::MapSpec defaults =
      load_map_file(dir.write("defaults.yaml",
                              "boundaries: builtin:china-provinces\ninset: {region: "
                              "south-china-sea, land: shore/binned_GSHHS_f.nc}\n"));
  EXPECT_EQ(defaults.style.words, styles::Language::en);
  EXPECT_FALSE(defaults.inset_title.has_value()) << "the default title, chosen by the language";
  EXPECT_EQ(defaults.inset_land.from, styles::InsetLandSpec::From::file);
  EXPECT_EQ(defaults.inset_land.source, dir.file("shore/binned_GSHHS_f.nc"));

  expect_refused(dir, "boundaries: builtin:china-provinces\nlanguage: fr\n", "unknown language 'fr'");
  expect_refused(dir,
                 "boundaries: builtin:china-provinces\ndata: {source: a.csv, key: k}\nvalue: v\n"
                 "labels: {field: name_zh, column: label}\n",
                 "not both");
}

TEST(MapFile, CompleteFromALayerOfTheSameSourceOrAnother) {
  TempDir dir;
  const std::string path = dir.write("complete.yaml", R"yaml(
boundaries: {source: admin.gpkg, layer: county, encoding: GBK, complete_from: {layer: province}}
data: {source: counties.csv, key: adcode}
value: v
)yaml");
  const styles::MapSpec spec = load_map_file(path);
  EXPECT_EQ(spec.complete_from.source, dir.file("admin.gpkg"));
  EXPECT_EQ(spec.complete_from.layer, "province");
  EXPECT_EQ(spec.complete_from.encoding, "GBK") << "the same source's encoding";
  const styles::MapSpec builtin =
      load_map_file(dir.write("builtin.yaml",
                              "boundaries: {source: admin.gpkg, complete_from: builtin:china-provinces}\n"
                              "data: {source: c.csv, key: adcode}\nvalue: v\n"));
  EXPECT_EQ(builtin.complete_from.source, "builtin:china-provinces");
  EXPECT_TRUE(load_map_file(dir.write("none.yaml", "boundaries: admin.gpkg\n")).complete_from.source.empty());
  expect_refused(dir, "boundaries: {source: a.gpkg, layer: county, complete_from: {layer: county}}\n",
                 "names the boundaries themselves");
}

}  // namespace
}  // namespace covermap::app
