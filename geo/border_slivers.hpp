#pragma once
// After snapping (geo/border_snap.hpp) a border is one run of vertices both neighbours share, except where
// the source's two versions of it part by more than the snap's tolerance (China's county layer: a few dozen
// stretches, up to a few hundred metres apart). There each side keeps its own line, with a sliver of no unit
// (or of both) between them, and simplifies it its own way: at low zooms the two lines part by pixels and
// open gaps between neighbours. Closing the sliver gives the stretch one line, which both sides then share.
#include <cstddef>
#include <span>

#include "geo/geometry.hpp"

namespace covermap::geo {

struct BorderSliverStats {
  std::size_t stretches_closed = 0;  // stretches a ring took from an earlier one
};

// A ring's stretch between two consecutive vertices it shares with other rings, along which no other ring
// has its vertices, is replaced by an earlier ring's path (earlier in `rings`' order) that joins the same two
// vertices, has no vertex another ring shares either, and stays within `tolerance` of the stretch both ways
// (each vertex of either line within the tolerance of the other line). A ring the change would fold flat or
// turn inside out keeps its own lines. The result depends only on the rings and their order, not on
// `threads`. A ring may become invalid where the taken path crosses another of its stretches: callers repair
// afterwards.
BorderSliverStats close_border_slivers(std::span<Ring* const> rings, double tolerance, int threads = 1);

}  // namespace covermap::geo
