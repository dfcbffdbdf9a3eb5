#pragma once
// One map as the map file describes it, in the plain specs each layer takes: boundaries and data to join,
// the value to classify, and how it looks. Read from YAML by app/map_file; loaded, joined and classified by
// styles/choropleth; drawn by render/ and written by outputs/.
#include <optional>
#include <string>
#include <vector>

#include "boundaries/boundary_source.hpp"
#include "boundaries/join.hpp"
#include "styles/classify.hpp"
#include "styles/map_style.hpp"

namespace covermap::styles {

// Where the inset's boundary line comes from (`inset: {boundary: ...}`).
struct InsetBoundarySpec {
  enum class From { detect, file, none };
  From from = From::detect;  // detect: the boundaries source's layer `scs_boundary`, when it has one
  std::string source;        // From::file, resolved against the map file
  std::string layer;         // From::file; empty: scs_boundary
};

inline constexpr const char* kInsetBoundaryLayer = "scs_boundary";

// Where the inset's land around the units comes from (`inset: {land: ...}`).
struct InsetLandSpec {
  enum class From { automatic, file, none };
  From from = From::automatic;  // automatic: GSHHG's shorelines when gmt-gshhg-full is installed
  std::string source;           // From::file: a GSHHG binned shoreline file (binned_GSHHS_f.nc)
};

// The `points:` symbol layer: a table of points drawn as symbols above the choropleth.
struct PointsSpec {
  std::string source;  // empty: no layer; default in the file: data.source
  std::string sheet;
  std::string lon, lat;  // coordinate columns, decimal degrees (WGS 84)
  std::string size;      // optional: a numeric column the circles' areas show
  std::string label;     // optional: a column printed beside each symbol
  std::string kind;      // optional: a column whose values choose colour and shape (style.points.kinds)
  std::string number;    // optional: a column printed in a badge instead of a symbol
  std::string text;      // with number: the column the legend lists beside each number
  std::string unit;      // optional: a column naming the unit a row without coordinates is placed in
};

// Where a panel of a `panels:` map file is (for messages and join reports).
struct PanelInfo {
  int index = 0;      // 1, 2, ... in the file; 0: the map file has no panels
  long line = 0;      // of the panel's entry in the file
  std::string title;  // the panel's heading
};

struct MapSpec {
  std::string path;  // the map file itself
  PanelInfo panel;
  boundaries::BoundarySpec boundaries;
  // boundaries.complete_from: a coarser set whose units `boundaries` leaves out are drawn as no data
  // (source empty: none).
  boundaries::BoundarySpec complete_from;
  boundaries::DataSpec data;
  boundaries::ParentSpec parents;   // boundaries.parents: names data.parent may use besides the provinces
  boundaries::ParentSpec counties;  // data.counties: the units rows name when data.aggregate is set
  std::string value;                // the data column to classify
  ClassifySpec classify;
  PaletteSpec palette;
  MapStyle style;
  InsetBoundarySpec inset_boundary;
  InsetLandSpec inset_land;
  std::optional<std::string> inset_title;  // none: "南海诸岛" or "South China Sea Islands", by style.words
  std::optional<std::string> inset_note;   // none: what the inset does not draw, found when it is drawn
  PointsSpec points;
  std::vector<std::string> warnings;  // things the map file asks for that this version does not do

  // No data and no value: the boundaries alone, drawn in the no-data fill, as the ground for points.
  bool base_map() const { return data.source.empty() && value.empty(); }
};

// A map file: one map, or a page of panels (`panels:`), each a MapSpec with every top-level key the panel
// does not override.
struct MapDocument {
  MapStyle page;              // the page's size and font, and the top level's title, subtitle and source
  std::vector<MapSpec> maps;  // one per panel; without panels, the one map
  bool has_panels = false;
  int columns = 0;  // grid.columns; 0: chosen by the renderer
};

}  // namespace covermap::styles
