#pragma once
// The `points:` symbol layer: symbols and numbered badges above the choropleth, labels beside them where
// they fit. Placed first, so that the units' labels can keep clear of them, then drawn above the labels.
#include <vector>

#include "render/cairo_handles.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

struct PointPlacement {
  struct Placed {
    std::size_t point;  // index into scene.points
    geo::Point at;      // on the page: a symbol's or badge's centre, a label's top-left corner
  };
  std::vector<Placed> symbols;
  std::vector<Placed> badges;  // moved apart where several share a place
  std::vector<Placed> labels;
  std::vector<Rect> boxes;  // everything placed, for the units' labels to keep clear of
};

PointPlacement place_points(cairo_t* cr, const Scene& scene, const MapTransform& transform,
                            const Rect& frame);
void draw_points(cairo_t* cr, const Scene& scene, const PointPlacement& placed);

}  // namespace covermap::render
