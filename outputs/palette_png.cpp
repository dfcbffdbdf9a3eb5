// Palette PNG: exact palettes for <= 256 colours, frequent-and-spread + nearest quantisation above (see
// tile_encoding.hpp), written by png_chunks.hpp.
#include <png.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <limits>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "geo/error.hpp"
#include "outputs/argb32.hpp"
#include "outputs/png_chunks.hpp"
#include "outputs/png_writer.hpp"
#include "outputs/tile_encoding.hpp"

// The nearest-colour loop is compiled for AVX2 as well as the baseline and picked at load time (same integer
// results either way).
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define COVERMAP_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define COVERMAP_VECTOR_CLONES
#endif

namespace covermap::outputs {
namespace {

using detail::check_pixels;
using detail::pixel_at;
using detail::PngImage;
using detail::unpremultiply;

constexpr int kMaxPalette = 256;

// The tile as palette indices into `colours` (premultiplied ARGB), in the order written.
struct IndexedTile {
  std::vector<std::uint32_t> colours;
  std::vector<unsigned char> indices;  // width * height
};

// A tile as runs of one colour, its distinct colours numbered in order of first use, with their pixel counts:
// one pass over the pixels, one hash probe per run. Open addressing, at most half full, starting small and
// doubling when needed, so the table of a tile's few thousand colours stays in cache. Reused across tiles by
// one thread.
class ColourRuns {
 public:
  struct Run {
    std::uint32_t colour_number, length;
  };

  void scan(const unsigned char* argb32, int width, int height, int stride_bytes) {
    clear();
    std::uint32_t run_colour = pixel_at(argb32, stride_bytes, 0, 0);
    std::uint32_t run_number = number_of(run_colour);
    std::uint32_t length = 0;
    for (int y = 0; y < height; ++y) {
      const unsigned char* row = argb32 + static_cast<std::ptrdiff_t>(y) * stride_bytes;
      for (int x = 0; x < width;) {
        const int same = same_colour_prefix(row + std::ptrdiff_t{x} * 4, width - x, run_colour);
        length += static_cast<std::uint32_t>(same);
        x += same;
        if (x == width) break;
        counts_[run_number] += length;
        runs_.push_back({run_number, length});
        run_colour = pixel_at(row, 0, x, 0);
        run_number = number_of(run_colour);
        length = 1;
        ++x;
      }
    }
    counts_[run_number] += length;
    runs_.push_back({run_number, length});
  }

  std::size_t size() const { return colours_.size(); }
  const std::vector<std::uint32_t>& colours() const { return colours_; }  // by number
  std::uint32_t count(std::uint32_t number) const { return counts_[number]; }
  const std::vector<Run>& runs() const { return runs_; }

 private:
  static constexpr std::size_t kInitialSlots = 8192;

  // How many of the `count` pixels at `pixels` are `colour` before one is not. Flat areas are most of a tile:
  // eight pixels are compared at a time, two to a 64-bit word.
  static int same_colour_prefix(const unsigned char* pixels, int count, std::uint32_t colour) {
    constexpr int kWide = 8;
    const std::uint64_t pair = (std::uint64_t{colour} << 32) | colour;
    int i = 0;
    for (; i + kWide <= count; i += kWide) {
      std::array<std::uint64_t, kWide / 2> words;
      std::memcpy(words.data(), pixels + std::ptrdiff_t{i} * 4, sizeof words);
      if (((words[0] ^ pair) | (words[1] ^ pair) | (words[2] ^ pair) | (words[3] ^ pair)) != 0) break;
    }
    while (i < count && pixel_at(pixels, 0, i, 0) == colour) ++i;
    return i;
  }
  void clear() {
    for (const std::uint32_t slot : filled_) slots_[slot] = 0;
    filled_.clear();
    colours_.clear();
    counts_.clear();
    runs_.clear();
    if (slots_.empty()) resize_slots(kInitialSlots);
  }
  std::size_t slot_of(std::uint32_t colour) const {
    // Fibonacci hashing: the product's high bits, which every channel reaches (its low bits, only blue and
    // green's lowest: the blends of one anti-aliased edge would share slots).
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>((std::uint64_t{colour} * 0x9e3779b97f4a7c15u) >> shift_);
    while (slots_[slot] != 0 && colours_[slots_[slot] - 1] != colour) slot = (slot + 1) & mask;
    return slot;
  }
  // The colour's number, adding it.
  std::uint32_t number_of(std::uint32_t colour) {
    std::size_t slot = slot_of(colour);
    if (slots_[slot] != 0) return slots_[slot] - 1;
    if ((colours_.size() + 1) * 2 > slots_.size()) {
      grow();
      slot = slot_of(colour);
    }
    colours_.push_back(colour);
    counts_.push_back(0);
    slots_[slot] = static_cast<std::uint32_t>(colours_.size());
    filled_.push_back(static_cast<std::uint32_t>(slot));
    return static_cast<std::uint32_t>(colours_.size()) - 1;
  }
  void resize_slots(std::size_t size) {
    slots_.assign(size, 0);
    shift_ = 64 - std::countr_zero(size);
  }
  void grow() {
    resize_slots(slots_.size() * 2);
    filled_.clear();
    for (std::size_t number = 0; number < colours_.size(); ++number) {
      const std::size_t slot = slot_of(colours_[number]);
      slots_[slot] = static_cast<std::uint32_t>(number) + 1;
      filled_.push_back(static_cast<std::uint32_t>(slot));
    }
  }

  std::vector<std::uint32_t> slots_;  // colour number + 1, 0 = empty
  int shift_ = 64;                    // 64 - log2 of the slots
  std::vector<std::uint32_t> filled_, colours_, counts_;
  std::vector<Run> runs_;
};

// The tile's indices, each run's colour number mapped through `index_of`.
template <typename IndexOf>
void write_indices(const ColourRuns& runs, std::size_t pixels, const IndexOf& index_of, IndexedTile& tile) {
  tile.indices.resize(pixels);
  unsigned char* out = tile.indices.data();
  for (const ColourRuns::Run& run : runs.runs()) {
    std::memset(out, index_of(run.colour_number), run.length);
    out += run.length;
  }
}

// The palette entry nearest to `colour` in premultiplied RGBA (squared distance), ties to the lower index.
// Channels in separate arrays so the distance loop vectorises. The entries set are scanned in blocks of
// kBlock; unused ones in the last block repeat entry 0, which wins ties, so they are never chosen.
struct NearestSearch {
  static constexpr int kBlock = 16;
  std::array<std::int32_t, kMaxPalette> a{}, r{}, g{}, b{};
  int scanned = kBlock;  // entries set, rounded up to kBlock
  // Every entry `colour` to begin with.
  explicit NearestSearch(std::uint32_t colour) {
    for (std::size_t i = 0; i < kMaxPalette; ++i) set(i, colour);
    scanned = kBlock;
  }
  void set(std::size_t i, std::uint32_t colour) {
    scanned = std::max(scanned, (static_cast<int>(i) / kBlock + 1) * kBlock);
    a[i] = static_cast<std::int32_t>(colour >> 24);
    r[i] = static_cast<std::int32_t>((colour >> 16) & 0xff);
    g[i] = static_cast<std::int32_t>((colour >> 8) & 0xff);
    b[i] = static_cast<std::int32_t>(colour & 0xff);
  }
  unsigned char nearest(std::uint32_t colour) const {
    return static_cast<unsigned char>(search(colour) & 0xff);
  }
  std::int32_t squared_distance(std::uint32_t colour) const { return search(colour) >> 8; }

 private:
  // The nearest entry's squared distance (< 2^19) and index packed in one integer, (distance << 8) | index:
  // the minimum is the nearest entry, ties to the lower index, in one pass the compiler vectorises (32-bit
  // lanes: the multiplies need no widening).
  COVERMAP_VECTOR_CLONES std::int32_t search(std::uint32_t colour) const {
    const auto ca = static_cast<std::int32_t>(colour >> 24),
               cr = static_cast<std::int32_t>((colour >> 16) & 0xff),
               cg = static_cast<std::int32_t>((colour >> 8) & 0xff),
               cb = static_cast<std::int32_t>(colour & 0xff);
    std::int32_t best = std::numeric_limits<std::int32_t>::max();
    for (int i = 0; i < scanned; ++i) {
      const std::int32_t da = a[i] - ca, dr = r[i] - cr, dg = g[i] - cg, db = b[i] - cb;
      const std::int32_t distance = da * da + dr * dr + dg * dg + db * db;
      best = std::min(best, (distance << 8) | i);
    }
    return best;
  }
};

// Translucent colours first, so the tRNS chunk stops at the last of them; otherwise the order given. Returns
// each colour's new index by its old one.
std::array<unsigned char, kMaxPalette> order_palette(std::vector<std::uint32_t>& colours) {
  std::vector<int> order(colours.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int>(i);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return (colours[a] >> 24 < 255) > (colours[b] >> 24 < 255); });
  std::array<unsigned char, kMaxPalette> new_index{};
  std::vector<std::uint32_t> ordered(order.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    new_index[order[i]] = static_cast<unsigned char>(i);
    ordered[i] = colours[order[i]];
  }
  colours = std::move(ordered);
  return new_index;
}

// More than 256 colours: keep `kept` of them and map the rest to the nearest kept one. Colours are taken in
// order of frequency, each only if it is more than kPaletteSpread from every colour kept before it; slots
// left over go to the most frequent of the rest. So flat fills and common edge blends stay exact, and the
// palette still reaches the rarer blends along every border instead of spending its slots on near-duplicates
// of the common ones. Measured on the county tiles of tests/app/tiles_mapnik_test.cpp (z3-9, 128 colours):
// pixels within 24 levels of Mapnik's 98.75% (most frequent only: 97.0%; unquantized: 98.9%).
constexpr std::int32_t kPaletteSpread = 16;

// `runs` has more than 256 colours.
void index_quantized(const ColourRuns& runs, std::size_t pixels, std::size_t kept, IndexedTile& tile) {
  thread_local std::vector<std::pair<std::uint64_t, std::uint32_t>> by_count;  // (order key, colour number)
  thread_local std::vector<int> index_of_number;
  const std::vector<std::uint32_t>& colours = runs.colours();
  // Most frequent first, ties by colour: the key orders both as one integer.
  by_count.clear();
  for (std::uint32_t number = 0; number < colours.size(); ++number)
    by_count.emplace_back((std::uint64_t{~runs.count(number)} << 32) | colours[number], number);
  std::sort(by_count.begin(), by_count.end());

  // Choose the palette: a colour's index, or kNotKept.
  constexpr int kNotKept = -1;
  index_of_number.assign(colours.size(), kNotKept);
  tile.colours.clear();
  NearestSearch search(colours[by_count[0].second]);
  const auto keep = [&](std::uint32_t number) {
    const std::size_t i = tile.colours.size();
    tile.colours.push_back(colours[number]);
    index_of_number[number] = static_cast<int>(i);
    search.set(i, colours[number]);
  };
  keep(by_count[0].second);
  for (std::size_t i = 1; i < by_count.size() && tile.colours.size() < kept; ++i)
    if (search.squared_distance(colours[by_count[i].second]) > kPaletteSpread * kPaletteSpread)
      keep(by_count[i].second);
  for (std::size_t i = 1; i < by_count.size() && tile.colours.size() < kept; ++i)
    if (index_of_number[by_count[i].second] == kNotKept) keep(by_count[i].second);
  for (std::size_t number = 0; number < colours.size(); ++number)
    if (index_of_number[number] == kNotKept) index_of_number[number] = search.nearest(colours[number]);

  const std::array<unsigned char, kMaxPalette> new_index = order_palette(tile.colours);
  write_indices(
      runs, pixels,
      [&](std::uint32_t number) { return new_index[static_cast<std::size_t>(index_of_number[number])]; },
      tile);
}

// The tile's indices into a palette of its colours (<= 256, in order of first use) or, with more, `kept`
// colours chosen by index_quantized.
void index_colours(const unsigned char* argb32, int width, int height, int stride_bytes, std::size_t kept,
                   IndexedTile& tile) {
  thread_local ColourRuns runs;
  runs.scan(argb32, width, height, stride_bytes);
  const std::size_t pixels = static_cast<std::size_t>(width) * height;
  if (runs.size() > kMaxPalette) {
    index_quantized(runs, pixels, kept, tile);
    return;
  }
  tile.colours = runs.colours();
  const std::array<unsigned char, kMaxPalette> new_index = order_palette(tile.colours);
  write_indices(
      runs, pixels, [&](std::uint32_t number) { return new_index[number]; }, tile);
}

int bit_depth_for(std::size_t colours) {
  if (colours <= 2) return 1;
  if (colours <= 4) return 2;
  if (colours <= 16) return 4;
  return 8;
}

PngImage plan_png(const IndexedTile& tile, int width, int height) {
  PngImage plan;
  plan.colour_type = PNG_COLOR_TYPE_PALETTE;
  plan.width = width;
  plan.height = height;
  plan.depth = bit_depth_for(tile.colours.size());
  plan.palette_size = static_cast<int>(tile.colours.size());
  for (std::size_t i = 0; i < tile.colours.size(); ++i) {
    const auto rgba = unpremultiply(tile.colours[i]);
    plan.palette[i] = {rgba[0], rgba[1], rgba[2]};
    plan.alpha[i] = rgba[3];
    if (rgba[3] < 255) plan.translucent = static_cast<int>(i) + 1;
  }
  // Rows packed to the bit depth, most significant bits first, each behind its filter byte (0: none) as
  // palette_png compresses them.
  const int depth = plan.depth;
  const std::size_t row_bytes = (static_cast<std::size_t>(width) * depth + 7) / 8;
  plan.packed.assign((row_bytes + 1) * height, 0);
  plan.rows.resize(height);
  const int per_byte_log2 = depth == 1 ? 3 : depth == 2 ? 2 : depth == 4 ? 1 : 0;
  const int slot_mask = (1 << per_byte_log2) - 1;
  for (int y = 0; y < height; ++y) {
    png_bytep row = plan.packed.data() + (row_bytes + 1) * y + 1;
    plan.rows[y] = row;
    const unsigned char* in = tile.indices.data() + static_cast<std::size_t>(width) * y;
    if (depth == 8) {
      std::memcpy(row, in, width);
      continue;
    }
    for (int x = 0; x < width; ++x)
      row[x >> per_byte_log2] |= static_cast<png_byte>(in[x] << (8 - depth * ((x & slot_mask) + 1)));
  }
  return plan;
}

// The one colour of a uniform tile, if it is one.
std::optional<std::uint32_t> single_colour(const unsigned char* argb32, int width, int height,
                                           int stride_bytes) {
  const std::uint32_t first = pixel_at(argb32, stride_bytes, 0, 0);
  for (int x = 1; x < width; ++x)
    if (pixel_at(argb32, stride_bytes, x, 0) != first) return std::nullopt;
  for (int y = 1; y < height; ++y)
    if (std::memcmp(argb32, argb32 + static_cast<std::ptrdiff_t>(y) * stride_bytes, std::size_t{4} * width) !=
        0)
      return std::nullopt;
  return first;
}

}  // namespace

std::string encode_palette_png(const unsigned char* argb32, int width, int height, int stride_bytes,
                               const PngOptions& options) {
  check_pixels(argb32, width, height, stride_bytes);
  // Tiles wholly inside one unit or outside all are common and identical: each is encoded once per thread.
  thread_local std::map<std::tuple<std::uint32_t, int, int>, std::string> flat_tiles;
  const std::optional<std::uint32_t> flat = single_colour(argb32, width, height, stride_bytes);
  if (flat) {
    const auto key = std::make_tuple(*flat, width, height);
    if (const auto found = flat_tiles.find(key); found != flat_tiles.end()) return found->second;
  }
  IndexedTile tile;
  index_colours(argb32, width, height, stride_bytes,
                static_cast<std::size_t>(std::clamp(options.quantized_colours, 2, kMaxPalette)), tile);
  std::string out = detail::palette_png(plan_png(tile, width, height));
  if (flat) {
    if (flat_tiles.size() >= 64) flat_tiles.clear();
    flat_tiles.emplace(std::make_tuple(*flat, width, height), out);
  }
  return out;
}

}  // namespace covermap::outputs
