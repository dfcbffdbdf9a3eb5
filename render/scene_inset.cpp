#include <algorithm>
#include <cmath>
#include <set>
#include <utility>

#include "geo/projection.hpp"
#include "geo/shared_edge_simplify.hpp"
#include "render/page_layout.hpp"
#include "render/scene.hpp"

namespace covermap::render {
namespace {

// Cells of a square grid, to tell which islets lie off every coast.
class Cells {
 public:
  explicit Cells(double size) : size_(size) {}
  void add(const geo::Point& p) { cells_.insert(cell(p)); }
  void add(const geo::MultiPolygon& shape) {
    for (const auto& polygon : shape)
      for (const auto& p : polygon.outer) add(p);
  }
  bool near(const geo::Point& p) const {
    const auto [x, y] = cell(p);
    for (long dx = -1; dx <= 1; ++dx)
      for (long dy = -1; dy <= 1; ++dy)
        if (cells_.count({x + dx, y + dy})) return true;
    return false;
  }
  bool contains(const geo::Point& p) const { return cells_.count(cell(p)) > 0; }

 private:
  std::pair<long, long> cell(const geo::Point& p) const {
    return {std::lround(std::floor(p.x / size_)), std::lround(std::floor(p.y / size_))};
  }
  double size_;
  std::set<std::pair<long, long>> cells_;
};

double largest_side(const geo::Box& box) {
  return std::max(box.width(), box.height());
}

}  // namespace

void add_inset_land(Scene& scene, const boundaries::Land& land, double detail_pt) {
  if (scene.inset_extent.empty() || scene.inset_extent.height() <= 0) return;
  const geo::Projector projector(scene.style.projection);
  // The inset at its largest: page points per projected unit, so the detail kept is never coarser than
  // `detail_pt` wherever the inset lands.
  const double largest_scale =
      kInsetLargestShare * points_from_mm(scene.style.page.height_mm) / scene.inset_extent.height();
  const double dot = kInsetIsletDiameterPt / largest_scale;
  scene.inset_land = projector.forward(land.pieces);

  // Islands narrower than a dot become dots, unless a coast is within a dot or two: there they would only
  // roughen it (the islets off Vietnam's and the Philippines' coasts), while those out at sea (the Paracels,
  // the Spratlys) would otherwise not show at all. Dots closer than their width are one.
  Cells coasts(1.5 * dot);
  for (const auto& polygon : scene.inset_land)
    if (largest_side(geo::bounds(geo::MultiPolygon{polygon})) >= dot)
      for (const auto& p : polygon.outer) coasts.add(p);
  for (const auto& unit : scene.units)
    if (unit.bounds.max_x >= scene.inset_extent.min_x && unit.bounds.min_x <= scene.inset_extent.max_x &&
        unit.bounds.max_y >= scene.inset_extent.min_y && unit.bounds.min_y <= scene.inset_extent.max_y)
      coasts.add(unit.shape);
  Cells dots(dot);
  for (const geo::Ring& island : land.islands) {
    const geo::Box box = geo::bounds(projector.forward(geo::MultiPolygon{{island, {}}}));
    if (box.empty() || largest_side(box) >= dot) continue;
    const geo::Point centre{(box.min_x + box.max_x) / 2, (box.min_y + box.max_y) / 2};
    if (coasts.near(centre) || dots.contains(centre)) continue;
    dots.add(centre);
    scene.inset_islets.push_back(centre);
  }
  if (detail_pt > 0) {
    geo::MultiPolygon* shapes[] = {&scene.inset_land};
    geo::simplify_shared_edges(shapes, detail_pt / largest_scale);
  }
}

}  // namespace covermap::render
