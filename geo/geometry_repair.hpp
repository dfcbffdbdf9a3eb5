#pragma once
// Makes polygons valid (closed rings, no self-intersections, parts that neither overlap nor share an edge),
// so fills, areas and label points are right. Fast where it can be: buffer(0) part by part when that keeps
// the area, GEOS MakeValid only where it would not, and overlapping parts dissolved cluster by cluster.
#include <string>

#include "geo/geometry.hpp"
#include "geo/geos_context.hpp"

namespace covermap::geo {

// `what` names the feature in errors. Valid input comes back as it is, its rings closed.
MultiPolygon make_valid(const GeosContext& geos, MultiPolygon geometry, const std::string& what);

// Valid parts that overlap or share an edge (an island drawn against the coast, pieces cut at the
// antimeridian) dissolved into one, cluster by cluster; returns `parts` as they are when already valid
// together.
MultiPolygon dissolve_overlaps(const GeosContext& geos, MultiPolygon parts, const std::string& what);

// Whether GEOS finds the polygons valid together.
bool is_valid(const GeosContext& geos, const MultiPolygon& geometry);

// Polygons with whole-number coordinates made valid again on that grid: GEOS MakeValid, then snap-rounded
// to the grid (GEOS's precision reduction), which keeps them valid; parts that collapse are dropped.
MultiPolygon make_valid_on_unit_grid(const GeosContext& geos, const MultiPolygon& geometry);

}  // namespace covermap::geo
