#include "boundaries/shared_nodes.hpp"

#include "geo/shared_edge_simplify.hpp"

namespace covermap::boundaries {
namespace {

// Vertices a ring contributes to the flags: its distinct ones, none for a ring too short to be one.
std::size_t counted_vertices(const geo::Ring& ring) {
  return ring.size() < 4 ? 0 : ring.size() - 1;
}

}  // namespace

void find_shared_nodes(BoundarySet& set) {
  std::vector<const geo::Ring*> rings;
  for (const Unit& unit : set.units)
    geo::for_each_ring(unit.geometry, [&](const geo::Ring& r) { rings.push_back(&r); });
  const std::vector<char> flags = geo::find_shared_nodes(rings);
  std::size_t next = 0;
  for (Unit& unit : set.units) {
    unit.shared_nodes.clear();
    std::uint32_t vertex = 0;
    geo::for_each_ring(unit.geometry, [&](const geo::Ring& ring) {
      for (std::size_t i = 0; i < counted_vertices(ring); ++i, ++vertex)
        if (flags[next++]) unit.shared_nodes.push_back(vertex);
    });
  }
  set.shared_nodes_found = true;
}

std::vector<char> shared_node_flags(const BoundarySet& set) {
  if (!set.shared_nodes_found) return {};
  std::vector<char> flags;
  for (const Unit& unit : set.units) {
    const std::size_t first = flags.size();
    geo::for_each_ring(unit.geometry, [&](const geo::Ring& ring) {
      flags.resize(flags.size() + counted_vertices(ring), 0);
    });
    for (const std::uint32_t node : unit.shared_nodes) {
      if (first + node >= flags.size())
        return {};  // not this geometry's nodes: let the simplification find them
      flags[first + node] = 1;
    }
  }
  return flags;
}

}  // namespace covermap::boundaries
