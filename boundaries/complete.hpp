#pragma once
// boundaries.complete_from: the units of a coarser layer that a finer one leaves out. Many county sources
// hold no county of Taiwan while their province layer has it; a county map drawn from them alone would
// print China without Taiwan.
#include <cstddef>
#include <vector>

#include "boundaries/unit.hpp"
#include "geo/geos_context.hpp"

namespace covermap::boundaries {

// Indices of the units of `coarse` in which no unit of `fine` lies (each fine unit tested by a point on its
// largest part), ascending.
std::vector<std::size_t> uncovered_units(const BoundarySet& fine, const BoundarySet& coarse,
                                         const geo::GeosContext& geos);

// Appends `coarse`'s units at `indices` to `fine`, with the fields `fine` has (missing ones empty). Where an
// added unit may border units of `fine`, the set's topology nodes are marked unknown, so that simplifying
// finds them again and neighbours stay glued.
void add_units(BoundarySet& fine, BoundarySet coarse, const std::vector<std::size_t>& indices);

}  // namespace covermap::boundaries
