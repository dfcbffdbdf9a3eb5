#include "boundaries/gshhg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>

#include "geo/error.hpp"
#include "geo/netcdf_file.hpp"

namespace covermap::boundaries {
namespace {

// GSHHG's segment offsets run from 0 to this across a bin.
constexpr std::uint32_t kMaxOffset = 65535;
// Positions along the bin's edge, counter-clockwise from the south-west corner: each side spans one unit
// of kSide (south 0, east 1, north 2, west 3), so a position's side is position / kSide.
constexpr std::uint32_t kSide = kMaxOffset + 1;
constexpr std::uint32_t kPerimeter = 4 * kSide;
constexpr int kInside = 4;     // a segment's entry and exit side when it is a whole polygon inside the bin
constexpr int kLandLevel = 1;  // the level of the sea's shores; higher levels (lakes, islands in lakes) are
                               // inside land, and the land is filled over them

struct Segment {
  int entry = kInside;
  int exit = kInside;
  std::vector<std::uint16_t> dx, dy;
};

struct Bin {
  double west = 0, south = 0, size = 1;  // degrees
  bool corners_on_land = false;          // the bin's corners lie on land (all alike when no shore crosses)
  std::vector<Segment> segments;         // the shores of the sea (level 1)

  geo::Point point(std::uint16_t dx, std::uint16_t dy) const {
    return {west + size * dx / kMaxOffset, south + size * dy / kMaxOffset};
  }
  // The corner at the end of `side` going counter-clockwise: south-east, north-east, north-west, south-west.
  geo::Point corner_after(int side) const {
    switch (side % 4) {
      case 0:
        return {west + size, south};
      case 1:
        return {west + size, south + size};
      case 2:
        return {west, south + size};
      default:
        return {west, south};
    }
  }
};

// Where a segment's end lies on the bin's edge, counter-clockwise from the south-west corner.
std::uint32_t edge_position(int side, std::uint16_t dx, std::uint16_t dy) {
  switch (side) {
    case 0:
      return dx;
    case 1:
      return kSide + dy;
    case 2:
      return 2 * kSide + (kMaxOffset - dx);
    default:
      return 3 * kSide + (kMaxOffset - dy);
  }
}

void append_segment(geo::Ring& ring, const Bin& bin, const Segment& segment) {
  for (std::size_t i = 0; i < segment.dx.size(); ++i) ring.push_back(bin.point(segment.dx[i], segment.dy[i]));
}

// The land of one bin. Shores keep the land on their left (GSHHG's polygons run counter-clockwise), so
// walking counter-clockwise along the bin's edge from where a shore leaves it reaches the next shore that
// enters it across land: shore, edge, shore, ... until the walk is back where it began.
void assemble_bin(const Bin& bin, Land& land) {
  std::vector<const Segment*> crossing;
  for (const Segment& segment : bin.segments) {
    if (segment.entry == kInside) {
      geo::Ring island;
      append_segment(island, bin, segment);
      if (island.size() < 3) continue;
      if (island.front().x != island.back().x || island.front().y != island.back().y)
        island.push_back(island.front());
      land.pieces.push_back({island, {}});
      land.islands.push_back(std::move(island));
    } else {
      crossing.push_back(&segment);
    }
  }
  if (crossing.empty()) {
    if (bin.corners_on_land) {
      const double w = bin.west, s = bin.south, e = w + bin.size, n = s + bin.size;
      land.pieces.push_back({{{w, s}, {e, s}, {e, n}, {w, n}, {w, s}}, {}});
    }
    return;
  }
  const auto entry_at = [](const Segment* s) {
    return edge_position(s->entry, s->dx.front(), s->dy.front());
  };
  const auto exit_at = [](const Segment* s) { return edge_position(s->exit, s->dx.back(), s->dy.back()); };
  std::vector<bool> used(crossing.size(), false);
  for (std::size_t first = 0; first < crossing.size(); ++first) {
    if (used[first]) continue;
    used[first] = true;
    geo::Ring ring;
    append_segment(ring, bin, *crossing[first]);
    std::uint32_t at = exit_at(crossing[first]);
    for (std::size_t step = 0; step <= crossing.size(); ++step) {
      // The next entry counter-clockwise from `at`: among the shores not yet walked, and the first one.
      std::optional<std::size_t> next;
      std::uint32_t nearest = kPerimeter;
      for (std::size_t i = 0; i < crossing.size(); ++i) {
        if (used[i] && i != first) continue;
        const std::uint32_t ahead = (entry_at(crossing[i]) + kPerimeter - at) % kPerimeter;
        if (ahead < nearest) {
          nearest = ahead;
          next = i;
        }
      }
      if (!next) break;
      // The corners passed on the way.
      for (std::uint32_t corner = (at / kSide + 1) * kSide; corner <= at + nearest; corner += kSide)
        ring.push_back(bin.corner_after(static_cast<int>(corner / kSide) - 1));
      if (*next == first) break;
      used[*next] = true;
      append_segment(ring, bin, *crossing[*next]);
      at = exit_at(crossing[*next]);
    }
    if (ring.size() < 3) continue;
    ring.push_back(ring.front());
    land.pieces.push_back({std::move(ring), {}});
  }
}

class GshhgFile {
 public:
  explicit GshhgFile(const std::string& path) : file_(open(path)) {
    const double minutes = scalar("Bin_size_in_minutes");
    columns_ = static_cast<long>(scalar("N_bins_in_360_longitude_range"));
    rows_ = static_cast<long>(scalar("N_bins_in_180_degree_latitude_range"));
    if (!(minutes > 0) || columns_ <= 0 || rows_ <= 0 ||
        std::abs(minutes / 60 * static_cast<double>(columns_) - 360) > 1e-6)
      throw damaged("inconsistent bin sizes");
    bin_size_ = minutes / 60;
    const auto bins = static_cast<std::size_t>(columns_ * rows_);
    first_segment_ = file_.read_int32("Id_of_first_segment_in_a_bin", 0, bins);
    segment_count_ = file_.read_int16("N_segments_in_a_bin", 0, bins);
    corner_levels_ = file_.read_int16("Embedded_node_levels_in_a_bin", 0, bins);
  }

  double bin_size() const { return bin_size_; }

  // The bin in `row` (0 at the north pole) and `column` (any whole number: wrapped around the globe).
  Bin bin(long row, long column) const {
    Bin bin;
    bin.size = bin_size_;
    bin.west = static_cast<double>(column) * bin_size_;
    bin.south = 90 - static_cast<double>(row + 1) * bin_size_;
    const long wrapped = ((column % columns_) + columns_) % columns_;
    const auto index = static_cast<std::size_t>(row * columns_ + wrapped);
    // The south-west corner's level, in bits 9-11 (GMT's gmt_shore.c); without shores, all corners agree.
    const int corner_level = (static_cast<std::uint16_t>(corner_levels_[index]) >> 9) & 7;
    bin.corners_on_land = corner_level >= kLandLevel;
    const int count = segment_count_[index];
    if (count <= 0) return bin;
    const auto first = static_cast<std::size_t>(first_segment_[index]);
    const auto info = file_.read_int32("Embedded_npts_levels_exit_entry_for_a_segment", first,
                                       static_cast<std::size_t>(count));
    const auto starts =
        file_.read_int32("Id_of_first_point_in_a_segment", first, static_cast<std::size_t>(count));
    for (int s = 0; s < count; ++s) {
      // Packed as GMT writes it: points << 9 | level << 6 | entry << 3 | exit.
      const auto packed = static_cast<std::uint32_t>(info[static_cast<std::size_t>(s)]);
      const int level = static_cast<int>((packed >> 6) & 7);
      if (level != kLandLevel) continue;
      Segment segment;
      segment.entry = static_cast<int>((packed >> 3) & 7);
      segment.exit = static_cast<int>(packed & 7);
      const std::size_t points = packed >> 9;
      if (segment.entry > kInside || segment.exit > kInside ||
          (segment.entry == kInside) != (segment.exit == kInside) || points < 2)
        throw damaged("a segment of bin " + std::to_string(index) + " has a bad header");
      const auto start = static_cast<std::size_t>(starts[static_cast<std::size_t>(s)]);
      for (const auto& [name, into] : {std::pair{"Relative_longitude_from_SW_corner_of_bin", &segment.dx},
                                       std::pair{"Relative_latitude_from_SW_corner_of_bin", &segment.dy}}) {
        const auto raw = file_.read_int16(name, start, points);
        into->reserve(points);
        for (const std::int16_t value : raw) into->push_back(static_cast<std::uint16_t>(value));
      }
      bin.segments.push_back(std::move(segment));
    }
    return bin;
  }

  long rows() const { return rows_; }

 private:
  static geo::NetcdfFile open(const std::string& path) {
    try {
      return geo::NetcdfFile(path);
    } catch (const InputError& e) {
      throw InputError(e.where(), e.detail(),
                       path == kDefaultGshhgPath
                           ? "install Debian's gmt-gshhg-full, or point COVERMAP_GSHHG at binned_GSHHS_f.nc"
                           : "COVERMAP_GSHHG must name GMT's binned_GSHHS_f.nc");
    }
  }
  double scalar(const std::string& name) const {
    try {
      return file_.read_int32(name, 0, 1).front();
    } catch (const InternalError&) {
      throw damaged("no " + name);
    }
  }
  InputError damaged(const std::string& what) const {
    return InputError(file_.path(), "not a GSHHG binned shoreline file: " + what, "reinstall gmt-gshhg-full");
  }

  geo::NetcdfFile file_;
  double bin_size_ = 1;
  long columns_ = 0, rows_ = 0;
  std::vector<std::int32_t> first_segment_;
  std::vector<std::int16_t> segment_count_;
  std::vector<std::int16_t> corner_levels_;
};

}  // namespace

std::string default_gshhg_path() {
  const char* overridden = std::getenv("COVERMAP_GSHHG");
  return overridden != nullptr && *overridden != '\0' ? overridden : kDefaultGshhgPath;
}

Land read_gshhg_land(const std::string& path, const geo::Box& box) {
  const GshhgFile file(path);
  const double size = file.bin_size();
  const long first_row = std::max(0L, static_cast<long>(std::floor((90 - box.max_y) / size)));
  const long last_row = std::min(file.rows() - 1, static_cast<long>(std::ceil((90 - box.min_y) / size)) - 1);
  const auto first_column = static_cast<long>(std::floor(box.min_x / size));
  const auto last_column = static_cast<long>(std::ceil(box.max_x / size)) - 1;
  Land land;
  for (long row = first_row; row <= last_row; ++row)
    for (long column = first_column; column <= last_column; ++column)
      assemble_bin(file.bin(row, column), land);
  return land;
}

}  // namespace covermap::boundaries
