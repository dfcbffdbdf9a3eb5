#include "styles/classify.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <string_view>

#include "geo/ascii_text.hpp"
#include "geo/error.hpp"
#include "geo/number.hpp"
#include "styles/palette.hpp"

namespace covermap::styles {
namespace {

const char* const kEnDash = " \u2013 ";

// Fixed decimals, "," between thousands, never "-0".
std::string format_number(double v, int decimals) {
  char buf[400];
  const auto result = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
  std::string s(buf, result.ptr);
  if (s[0] == '-' && s.find_first_of("123456789") == std::string::npos) s.erase(0, 1);
  const std::size_t start = s[0] == '-' ? 1 : 0;
  const std::size_t int_end = std::min(s.find('.'), s.size());
  for (std::size_t at = int_end; at > start + 3; at -= 3) s.insert(at - 3, ",");
  return s;
}

// Whether `decimals` shows v exactly (to within rounding noise).
bool exact_at(double v, int decimals) {
  const double scale = std::pow(10.0, decimals);
  return std::abs(std::round(v * scale) - v * scale) < 1e-6;
}

// A number with just the decimals it needs (at most 6), for messages.
std::string shortest(double v) {
  int decimals = 0;
  while (decimals < 6 && !exact_at(v, decimals)) ++decimals;
  return format_number(v, decimals);
}

// The fewest decimals that keep adjacent bounds distinct, and that show every bound exactly when two
// decimals can (edges 0, 2.5, 5 read "0.0 – 2.5", not "0 – 2"); single-value classes also keep their value
// exact (up to 6 decimals), so 0.25 is not shown as "0". Bounds are multiplied by `scale` and followed by
// `suffix` (100 and "%" for shares).
void label_classes(std::vector<ClassEntry>& classes, double scale, const std::string& suffix) {
  std::vector<double> bounds;
  for (const auto& c : classes) bounds.insert(bounds.end(), {c.lower * scale, c.upper * scale});
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());
  int decimals = 0;
  for (; decimals < 12; ++decimals) {
    bool ok = true;
    for (std::size_t i = 1; i < bounds.size() && ok; ++i)
      ok = format_number(bounds[i - 1], decimals) != format_number(bounds[i], decimals);
    for (const auto& c : classes)
      if (c.lower == c.upper && decimals < 6 && !exact_at(c.lower * scale, decimals)) ok = false;
    if (ok) break;
  }
  constexpr int kMostExactDecimals = 2;
  for (int exact = 0; exact <= kMostExactDecimals; ++exact)
    if (std::all_of(bounds.begin(), bounds.end(), [&](double b) { return exact_at(b, exact); })) {
      decimals = std::max(decimals, exact);
      break;
    }
  for (auto& c : classes) {
    c.label = format_number(c.lower * scale, decimals) + suffix;
    if (c.lower != c.upper) c.label += kEnDash + format_number(c.upper * scale, decimals) + suffix;
  }
}

// Whole-number data (counts) are labelled by the whole numbers each class holds, so that the classes of
// edges [0, 2.5, 5] read "0 – 2" and "3 – 5", not "0.0 – 2.5" and "2.5 – 5.0": a value on an edge opens
// the upper class, the last edge closes the last. A class holding no whole number keeps its edges.
void whole_number_bounds(std::vector<ClassEntry>& classes) {
  for (std::size_t i = 0; i < classes.size(); ++i) {
    const bool last = i + 1 == classes.size();
    const double lower = std::ceil(classes[i].lower);
    const double upper = last ? std::floor(classes[i].upper) : std::ceil(classes[i].upper) - 1;
    if (lower > upper) continue;
    classes[i].lower = lower;
    classes[i].upper = upper;
  }
}

// Colours for `count` classes: the listed ones first-come, else the named (or default) scheme.
std::vector<Color> resolve_colors(const PaletteSpec& palette, int count, const char* default_name,
                                  const char* noun) {
  if (count == 0) return {};
  if (!palette.colors.empty()) {
    if (static_cast<int>(palette.colors.size()) < count)
      throw InputError(
          "palette",
          std::to_string(palette.colors.size()) + " colours listed for " + std::to_string(count) + " " + noun,
          "list at least " + std::to_string(count) + " colours, or name a palette");
    return {palette.colors.begin(), palette.colors.begin() + count};
  }
  return palette_colors(palette.name.empty() ? default_name : palette.name, count, "palette");
}

Classification classify_categorical(const std::vector<DataValue>& values, const ClassifySpec& spec,
                                    const PaletteSpec& palette) {
  Classification out;
  std::map<std::string, int> index;
  std::vector<std::optional<Color>> given;
  auto add = [&](const std::string& name, std::optional<Color> color) {
    const auto [it, inserted] = index.emplace(name, static_cast<int>(out.classes.size()));
    if (inserted) {
      out.classes.push_back({name, {}, 0, 0});
      given.push_back(color);
    }
    return it->second;
  };
  for (const auto& [name, color] : spec.categories)
    if (const auto text = geo::ascii_trimmed(name); !text.empty()) add(std::string(text), color);
  for (const auto& value : values) {
    const auto text = geo::ascii_trimmed(value.text);
    out.class_of.push_back(text.empty() ? -1 : add(std::string(text), std::nullopt));
    if (out.class_of.back() >= 0) ++out.classes[static_cast<std::size_t>(out.class_of.back())].count;
  }
  // Only the categories without a colour of their own draw from the palette, in legend order.
  const auto missing = std::count(given.begin(), given.end(), std::nullopt);
  const auto colors = resolve_colors(palette, static_cast<int>(missing), "Set2", "categories");
  std::size_t next = 0;
  for (std::size_t i = 0; i < out.classes.size(); ++i)
    out.classes[i].fill = given[i] ? *given[i] : colors[next++];
  return out;
}

// Class starts for quantiles: each cut sits at the boundary between distinct values nearest to the
// ideal equal-count position, so equal values share a class and no class is empty.
std::vector<double> quantile_cuts(const std::vector<double>& sorted, int classes) {
  std::vector<std::size_t> boundaries;
  for (std::size_t p = 1; p < sorted.size(); ++p)
    if (sorted[p - 1] < sorted[p]) boundaries.push_back(p);
  std::vector<double> cuts;
  if (boundaries.empty()) return cuts;
  for (int i = 1; i < classes; ++i) {
    const double ideal = static_cast<double>(i) * static_cast<double>(sorted.size()) / classes;
    auto it = std::lower_bound(boundaries.begin(), boundaries.end(), ideal,
                               [](std::size_t b, double x) { return static_cast<double>(b) < x; });
    if (it == boundaries.end() || (it != boundaries.begin() && ideal - static_cast<double>(*(it - 1)) <=
                                                                   static_cast<double>(*it) - ideal))
      --it;
    const double cut = sorted[*it];
    if (cuts.empty() || cut > cuts.back()) cuts.push_back(cut);
  }
  return cuts;
}

// Class starts for natural breaks: Fisher's exact minimum within-class sum of squares over the distinct
// values weighted by their counts. The optimal start is monotone in the class end, so each layer is
// filled by divide and conquer in O(n log n) instead of O(n^2).
std::vector<double> jenks_cuts(const std::vector<double>& sorted, int classes) {
  std::vector<double> x, w;
  for (double v : sorted) {
    if (x.empty() || v != x.back()) {
      x.push_back(v);
      w.push_back(0);
    }
    w.back() += 1;
  }
  const std::size_t n = x.size();
  const std::size_t k = std::min(static_cast<std::size_t>(classes), n);
  if (k <= 1) return {};
  double shift = 0;  // centring keeps the prefix sums of squares from losing precision
  for (double v : sorted) shift += v / static_cast<double>(sorted.size());
  std::vector<double> sw(n + 1, 0), s1(n + 1, 0), s2(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) {
    const double d = x[i] - shift;
    sw[i + 1] = sw[i] + w[i];
    s1[i + 1] = s1[i] + w[i] * d;
    s2[i + 1] = s2[i] + w[i] * d * d;
  }
  auto ssq = [&](std::size_t j, std::size_t m) {  // values j..m inclusive
    const double s = s1[m + 1] - s1[j];
    return std::max(0.0, s2[m + 1] - s2[j] - s * s / (sw[m + 1] - sw[j]));
  };
  std::vector<std::vector<double>> cost(k, std::vector<double>(n, 0));
  std::vector<std::vector<std::size_t>> start(k, std::vector<std::size_t>(n, 0));
  for (std::size_t m = 0; m < n; ++m) cost[0][m] = ssq(0, m);
  for (std::size_t q = 1; q < k; ++q) {
    auto fill = [&](auto& self, std::size_t lo, std::size_t hi, std::size_t jlo, std::size_t jhi) -> void {
      const std::size_t mid = lo + (hi - lo) / 2;
      double best = std::numeric_limits<double>::infinity();
      std::size_t best_j = std::max(jlo, q);
      for (std::size_t j = std::max(jlo, q); j <= std::min(mid, jhi); ++j) {
        const double c = cost[q - 1][j - 1] + ssq(j, mid);
        if (c < best) {
          best = c;
          best_j = j;
        }
      }
      cost[q][mid] = best;
      start[q][mid] = best_j;
      if (lo < mid) self(self, lo, mid - 1, jlo, best_j);
      if (mid < hi) self(self, mid + 1, hi, best_j, jhi);
    };
    fill(fill, q, n - 1, q, n - 1);
  }
  std::vector<double> cuts;
  for (std::size_t q = k - 1, m = n - 1; q >= 1; --q) {
    const std::size_t j = start[q][m];
    cuts.push_back(x[j]);
    m = j - 1;
  }
  std::reverse(cuts.begin(), cuts.end());
  return cuts;
}

// Class edges from the user's breaks, checked; n+1 boundaries or n-1 inner breaks for n classes.
std::vector<double> manual_edges(const ClassifySpec& spec, const std::vector<double>& sorted) {
  const auto& b = spec.breaks;
  const int given = static_cast<int>(b.size());
  const std::string n = std::to_string(spec.classes);
  for (std::size_t i = 0; i < b.size(); ++i)
    if (!std::isfinite(b[i]) || (i > 0 && b[i] <= b[i - 1]))
      throw InputError("classify.breaks", "manual breaks must be strictly ascending numbers");
  if (given == spec.classes + 1 && given >= 2) return b;
  if (given == spec.classes - 1) {
    if (sorted.empty()) return {};  // no data to close the outer classes
    std::vector<double> edges{given == 0 ? sorted.front() : std::min(sorted.front(), b.front())};
    edges.insert(edges.end(), b.begin(), b.end());
    edges.push_back(given == 0 ? sorted.back() : std::max(sorted.back(), b.back()));
    return edges;
  }
  throw InputError(
      "classify.breaks",
      std::to_string(given) + (given == 1 ? " break" : " breaks") + " given for " + n + " classes",
      "list " + std::to_string(spec.classes + 1) + " class boundaries or " +
          std::to_string(spec.classes - 1) + " inner breaks");
}

Classification classify_numeric(const std::vector<DataValue>& values, const ClassifySpec& spec,
                                const PaletteSpec& palette, const std::string& method,
                                const std::string& source, const std::string& column) {
  if (spec.classes < 1)
    throw InputError("classify.classes", "classes must be at least 1, got " + std::to_string(spec.classes));
  std::vector<std::optional<double>> parsed;
  std::vector<double> sorted;
  bool all_percent = true;  // every value written as "12.5%"
  bool all_whole = true;    // every value a whole number: counts
  for (const auto& value : values) {
    const auto text = geo::ascii_trimmed(value.text);
    if (text.empty()) {
      parsed.emplace_back();
      continue;
    }
    all_percent = all_percent && text.back() == '%';
    const auto number = geo::parse_number(text, {.thousands = true, .percent = true});
    if (!number)
      throw geo::not_a_number_error(source, value.row, column, text,
                                    "classify.method: categorical treats values as categories");
    all_whole = all_whole && *number == std::floor(*number);
    parsed.push_back(number);
    sorted.push_back(*number);
  }
  std::sort(sorted.begin(), sorted.end());

  // Either class starts (cuts, bounds from the data in each class) or edges (bounds are the edges).
  std::vector<double> cuts, edges;
  if (method == "manual") {
    edges = manual_edges(spec, sorted);
  } else if (sorted.empty()) {
    // No data: no classes, every row is "no data".
  } else if (method == "quantile") {
    cuts = quantile_cuts(sorted, spec.classes);
  } else if (method == "natural-breaks") {
    cuts = jenks_cuts(sorted, spec.classes);
  } else if (sorted.front() == sorted.back()) {
    edges = {sorted.front(), sorted.back()};
  } else {  // equal-interval
    const double lo = sorted.front(), hi = sorted.back();
    for (int i = 0; i < spec.classes; ++i) edges.push_back(lo + (hi - lo) * i / spec.classes);
    edges.push_back(hi);
  }
  if (!edges.empty()) cuts.assign(edges.begin() + 1, edges.end() - 1);
  const bool from_edges = !edges.empty();
  const std::size_t count = from_edges ? edges.size() - 1 : (sorted.empty() ? 0 : cuts.size() + 1);

  Classification out;
  out.classes.resize(count);
  for (std::size_t i = 0; i < count && from_edges; ++i) {
    out.classes[i].lower = edges[i];
    out.classes[i].upper = edges[i + 1];
  }
  std::vector<bool> seen(count, false);
  for (std::size_t r = 0; r < parsed.size(); ++r) {
    if (!parsed[r] || count == 0) {
      out.class_of.push_back(-1);
      continue;
    }
    const double v = *parsed[r];
    if (from_edges && (v < edges.front() || v > edges.back()))
      throw input_error_at_row(source, values[r].row,
                               "value " + std::string(geo::ascii_trimmed(values[r].text)) +
                                   " is outside the manual breaks " + shortest(edges.front()) + "\u2013" +
                                   shortest(edges.back()),
                               "widen the first or last break");
    const auto cls = static_cast<std::size_t>(std::upper_bound(cuts.begin(), cuts.end(), v) - cuts.begin());
    out.class_of.push_back(static_cast<int>(cls));
    ++out.classes[cls].count;
    if (!from_edges) {  // bounds are the extent of the values in the class
      auto& entry = out.classes[cls];
      entry.lower = seen[cls] ? std::min(entry.lower, v) : v;
      entry.upper = seen[cls] ? std::max(entry.upper, v) : v;
      seen[cls] = true;
    }
  }
  LabelFormat format = spec.format;
  if (format == LabelFormat::automatic)
    format = !sorted.empty() && all_percent ? LabelFormat::percent : LabelFormat::number;
  if (format == LabelFormat::number && from_edges && all_whole && !sorted.empty())
    whole_number_bounds(out.classes);
  label_classes(out.classes, format == LabelFormat::share ? 100 : 1,
                format == LabelFormat::number ? "" : "%");
  const auto colors = resolve_colors(palette, static_cast<int>(count), "YlGnBu", "classes");
  for (std::size_t i = 0; i < count; ++i) out.classes[i].fill = colors[i];
  return out;
}

}  // namespace

std::string format_count(std::size_t count) {
  return format_number(static_cast<double>(count), 0);
}

Classification classify(const std::vector<DataValue>& values, const ClassifySpec& spec,
                        const PaletteSpec& palette, const std::string& source, const std::string& column) {
  auto method = geo::ascii_lowered(geo::ascii_trimmed(spec.method));
  if (method == "jenks") method = "natural-breaks";
  if (method != "categorical" && method != "quantile" && method != "equal-interval" &&
      method != "natural-breaks" && method != "manual")
    throw InputError("classify.method", "unknown method '" + spec.method + "'",
                     "categorical, quantile, equal-interval, natural-breaks or manual");
  // A misspelt palette is reported even when the data would need no colours.
  if (palette.colors.empty() && !palette.name.empty() && !is_palette_name(palette.name))
    palette_colors(palette.name, 1, "palette");
  if (method == "categorical") return classify_categorical(values, spec, palette);
  return classify_numeric(values, spec, palette, method, source, column);
}

}  // namespace covermap::styles
