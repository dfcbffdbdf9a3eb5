#pragma once
// Which parts of the map frame the units leave empty: where an inset or the scale bar may go without hiding
// land.
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {

// True when some unit shows inside `box` (page points): a vertex of it falls in the box, or the box's centre
// lies inside it.
bool shows_units(const Scene& scene, const MapTransform& transform, const Rect& box);

}  // namespace covermap::render
