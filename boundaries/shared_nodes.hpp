#pragma once
// A boundary set's topology nodes, where the borders between neighbours meet and where shared-edge
// simplification must cut the rings into arcs (geo/shared_edge_simplify.hpp). Finding them depends only on
// the geometry and is most of the simplification's work (0.45 s of a county figure's 0.6 s), so they are
// found once, when the set is loaded for the cache, and kept with the units.
#include <vector>

#include "boundaries/unit.hpp"

namespace covermap::boundaries {

// Finds the nodes over every unit of the set and stores them with each unit.
void find_shared_nodes(BoundarySet& set);

// The nodes of the set's units as geo::simplify_shared_edges takes them (a flag per vertex over the units'
// rings in order), or nothing when they were never found. A unit left out of the set since keeps its nodes
// in its neighbours: a vertex more stays where it met them, on both sides alike.
std::vector<char> shared_node_flags(const BoundarySet& set);

}  // namespace covermap::boundaries
