#include "outputs/row_deflate.hpp"

#include <libdeflate.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace covermap::outputs::detail {
namespace {

constexpr std::size_t kMinMatch = 3, kMaxMatch = 258, kWindow = 32768, kMaxStored = 65535;
constexpr int kLitLenCodes = 286, kDistanceCodes = 30, kCodeLengthCodes = 19;
constexpr int kEndOfBlock = 256, kMaxBits = 15, kMaxCodeLengthBits = 7;
// The order in which a dynamic block's header gives the code-length code's lengths (RFC 1951, 3.2.7).
constexpr std::array<int, kCodeLengthCodes> kCodeLengthOrder = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                                11, 4,  12, 3, 13, 2, 14, 1, 15};

// A literal (distance 0) or a match of `value` bytes `distance` back.
struct Symbol {
  std::uint16_t value;
  std::uint16_t distance;
};

// A length or distance as its code and extra bits (RFC 1951, 3.2.5).
struct Coded {
  int code;
  int extra_bits;
  std::uint32_t extra;
};

Coded length_code(std::uint32_t length) {
  if (length == kMaxMatch) return {285, 0, 0};
  const std::uint32_t v = length - kMinMatch;
  if (v < 8) return {257 + static_cast<int>(v), 0, 0};
  const int log = static_cast<int>(std::bit_width(v)) - 1;  // 3-7: codes 265-284 in fours
  return {257 + 4 * (log - 1) + static_cast<int>((v >> (log - 2)) & 3), log - 2, v & ((1u << (log - 2)) - 1)};
}

Coded distance_code(std::uint32_t distance) {
  const std::uint32_t v = distance - 1;
  if (v < 4) return {static_cast<int>(v), 0, 0};
  const int log = static_cast<int>(std::bit_width(v)) - 1;  // 2-14: codes 4-29 in pairs
  return {2 * log + static_cast<int>((v >> (log - 1)) & 1), log - 1, v & ((1u << (log - 1)) - 1)};
}

// How many bytes from a and b agree, up to `limit`.
std::size_t match_length(const unsigned char* a, const unsigned char* b, std::size_t limit) {
  std::size_t n = 0;
  for (; n + 8 <= limit; n += 8) {
    std::uint64_t x = 0, y = 0;
    std::memcpy(&x, a + n, 8);
    std::memcpy(&y, b + n, 8);
    if (x != y) {
      const std::uint64_t differ = x ^ y;
      const int bit =
          std::endian::native == std::endian::little ? std::countr_zero(differ) : std::countl_zero(differ);
      return n + static_cast<std::size_t>(bit / 8);
    }
  }
  while (n < limit && a[n] == b[n]) ++n;
  return n;
}

// Lengths of a complete prefix code of at most `limit` bits for the `n` symbols' frequencies: Huffman's
// (two queues over the leaves sorted by frequency), with leaves deeper than the limit raised to it and, to
// pay for them, shallower leaves split until Kraft's sum is 1 again. A lone symbol is paired with another, as
// inflaters want a complete code.
void code_lengths(const std::uint32_t* freq, int n, int limit, std::uint8_t* lengths) {
  std::fill(lengths, lengths + n, std::uint8_t{0});
  std::array<int, kLitLenCodes> used{};
  int m = 0;
  for (int s = 0; s < n; ++s)
    if (freq[s] > 0) used[static_cast<std::size_t>(m++)] = s;
  if (m < 2) {
    const int first = m == 1 ? used[0] : 0;
    lengths[first] = 1;
    lengths[first == 0 ? 1 : 0] = 1;
    return;
  }
  // By frequency, ties by symbol: the order of a stable sort of the symbols, without its buffer.
  std::sort(used.begin(), used.begin() + m,
            [&](int a, int b) { return freq[a] != freq[b] ? freq[a] < freq[b] : a < b; });
  std::array<std::uint64_t, std::size_t{2} * kLitLenCodes> weight{};
  std::array<int, std::size_t{2} * kLitLenCodes> parent{};
  for (int i = 0; i < m; ++i) weight[static_cast<std::size_t>(i)] = freq[used[static_cast<std::size_t>(i)]];
  int leaf = 0, inner = m;
  const auto lightest = [&](int made) {
    if (leaf < m &&
        (inner >= made || weight[static_cast<std::size_t>(leaf)] <= weight[static_cast<std::size_t>(inner)]))
      return leaf++;
    return inner++;
  };
  for (int made = m; made < 2 * m - 1; ++made) {
    const int a = lightest(made), b = lightest(made);
    weight[static_cast<std::size_t>(made)] =
        weight[static_cast<std::size_t>(a)] + weight[static_cast<std::size_t>(b)];
    parent[static_cast<std::size_t>(a)] = parent[static_cast<std::size_t>(b)] = made;
  }
  // Parents come after their children: depths from the root down.
  std::array<int, std::size_t{2} * kLitLenCodes> depth{};
  std::array<int, kMaxBits + 1> count{};
  for (int i = 2 * m - 3; i >= 0; --i) {
    depth[static_cast<std::size_t>(i)] =
        depth[static_cast<std::size_t>(parent[static_cast<std::size_t>(i)])] + 1;
    if (i < m) ++count[static_cast<std::size_t>(std::min(depth[static_cast<std::size_t>(i)], limit))];
  }
  std::uint64_t kraft = 0;  // in units of 2^-limit
  for (int bits = 1; bits <= limit; ++bits)
    kraft += static_cast<std::uint64_t>(count[static_cast<std::size_t>(bits)]) << (limit - bits);
  while (kraft > (std::uint64_t{1} << limit)) {
    --count[static_cast<std::size_t>(limit)];  // a leaf at the limit goes up into a split shallower leaf
    int bits = limit - 1;
    while (count[static_cast<std::size_t>(bits)] == 0) --bits;
    --count[static_cast<std::size_t>(bits)];
    count[static_cast<std::size_t>(bits) + 1] += 2;
    --kraft;
  }
  // The rarest symbols take the longest codes.
  int next = 0;
  for (int bits = limit; bits >= 1; --bits)
    for (int k = 0; k < count[static_cast<std::size_t>(bits)]; ++k)
      lengths[used[static_cast<std::size_t>(next++)]] = static_cast<std::uint8_t>(bits);
}

// Canonical codes for the lengths (RFC 1951, 3.2.2), bit-reversed: deflate sends codes from their top bit
// while everything else goes least significant bit first.
void canonical_codes(const std::uint8_t* lengths, int n, std::uint16_t* codes) {
  std::array<std::uint32_t, kMaxBits + 2> count{}, next{};
  for (int s = 0; s < n; ++s) ++count[lengths[s]];
  count[0] = 0;
  std::uint32_t code = 0;
  for (int bits = 1; bits <= kMaxBits; ++bits) {
    code = (code + count[static_cast<std::size_t>(bits) - 1]) << 1;
    next[static_cast<std::size_t>(bits)] = code;
  }
  for (int s = 0; s < n; ++s) {
    const int bits = lengths[s];
    if (bits == 0) continue;
    const std::uint32_t value = next[static_cast<std::size_t>(bits)]++;
    std::uint32_t reversed = 0;
    for (int b = 0; b < bits; ++b) reversed |= ((value >> b) & 1u) << (bits - 1 - b);
    codes[s] = static_cast<std::uint16_t>(reversed);
  }
}

// Bits least significant first into a buffer sized beforehand.
class BitWriter {
 public:
  explicit BitWriter(unsigned char* out) : out_(out) {}
  void put(std::uint32_t value, int count) {
    bits_ |= std::uint64_t{value} << count_;
    count_ += count;
    if (count_ >= 32) {
      for (int i = 0; i < 4; ++i) *out_++ = static_cast<unsigned char>(bits_ >> (8 * i));
      bits_ >>= 32;
      count_ -= 32;
    }
  }
  // Pads to a whole byte; returns the end.
  unsigned char* finish() {
    for (; count_ > 0; count_ -= 8, bits_ >>= 8) *out_++ = static_cast<unsigned char>(bits_);
    count_ = 0;
    return out_;
  }

 private:
  unsigned char* out_;
  std::uint64_t bits_ = 0;
  int count_ = 0;
};

// The code-length code's symbols (RFC 1951, 3.2.7) for the literal/length and distance lengths: runs of zeros
// as 17 and 18, repeats as 16, each with its extra bits' value.
struct CodeLengthSymbol {
  std::uint8_t symbol;
  std::uint8_t extra;
};

void code_length_symbols(const std::uint8_t* lengths, int total, std::vector<CodeLengthSymbol>& out) {
  out.clear();
  for (int i = 0; i < total;) {
    const std::uint8_t value = lengths[i];
    int run = 1;
    while (i + run < total && lengths[i + run] == value) ++run;
    i += run;
    if (value == 0) {
      for (; run >= 11; run -= std::min(run, 138))
        out.push_back({18, static_cast<std::uint8_t>(std::min(run, 138) - 11)});
      if (run >= 3) out.push_back({17, static_cast<std::uint8_t>(run - 3)}), run = 0;
    } else {
      out.push_back({value, 0});
      for (--run; run >= 3; run -= std::min(run, 6))
        out.push_back({16, static_cast<std::uint8_t>(std::min(run, 6) - 3)});
    }
    for (; run > 0; --run) out.push_back({value, 0});
  }
}

int code_length_extra_bits(int symbol) {
  return symbol == 16 ? 2 : symbol == 17 ? 3 : symbol == 18 ? 7 : 0;
}

// The greedy parse: literals and matches, with what each code is used.
struct Parse {
  std::vector<Symbol> symbols;
  std::array<std::uint32_t, kLitLenCodes> litlen_freq{};
  std::array<std::uint32_t, kDistanceCodes> distance_freq{};
  std::uint64_t extra_bits = 0;  // of the lengths and distances
};

void parse(const unsigned char* data, std::size_t size, std::size_t stride, Parse& out) {
  // The distances looked at: the run, then the row above, straight and shifted a byte.
  std::array<std::size_t, 4> distances{1};
  std::size_t distance_count = 1;
  if (stride >= 2)
    for (const std::size_t d : {stride, stride - 1, stride + 1})
      if (d >= 2 && d <= kWindow) distances[distance_count++] = d;  // distinct, and not 1
  out.symbols.clear();
  out.litlen_freq = {};
  out.distance_freq = {};
  out.extra_bits = 0;
  for (std::size_t i = 0; i < size;) {
    const std::size_t limit = std::min(kMaxMatch, size - i);
    std::size_t best = 0, best_distance = 0;
    for (std::size_t k = 0; k < distance_count && distances[k] <= i && best < limit; ++k) {
      const unsigned char* from = data + i - distances[k];
      if (from[best] != data[i + best]) continue;  // cannot be longer
      const std::size_t length = match_length(data + i, from, limit);
      if (length > best) best = length, best_distance = distances[k];
    }
    if (best >= kMinMatch) {
      out.symbols.push_back({static_cast<std::uint16_t>(best), static_cast<std::uint16_t>(best_distance)});
      const Coded length = length_code(static_cast<std::uint32_t>(best));
      const Coded distance = distance_code(static_cast<std::uint32_t>(best_distance));
      ++out.litlen_freq[static_cast<std::size_t>(length.code)];
      ++out.distance_freq[static_cast<std::size_t>(distance.code)];
      out.extra_bits += static_cast<std::uint64_t>(length.extra_bits + distance.extra_bits);
      i += best;
    } else {
      out.symbols.push_back({data[i], 0});
      ++out.litlen_freq[data[i]];
      ++i;
    }
  }
  ++out.litlen_freq[kEndOfBlock];
}

// A dynamic block's codes and its header (RFC 1951, 3.2.7), and how many bits the whole block takes.
struct DynamicBlock {
  std::array<std::uint8_t, kLitLenCodes> litlen_lengths{};
  std::array<std::uint8_t, kDistanceCodes> distance_lengths{};
  int litlen_count = 0, distance_count = 0;  // the lengths the header sends
  std::vector<CodeLengthSymbol> header;
  std::array<std::uint8_t, kCodeLengthCodes> header_lengths{};
  int header_count = 0;  // code-length code lengths the header sends, in kCodeLengthOrder
  std::uint64_t bits = 0;
};

void plan_block(const Parse& parse, DynamicBlock& block) {
  code_lengths(parse.litlen_freq.data(), kLitLenCodes, kMaxBits, block.litlen_lengths.data());
  code_lengths(parse.distance_freq.data(), kDistanceCodes, kMaxBits, block.distance_lengths.data());
  block.litlen_count = kLitLenCodes;
  while (block.litlen_lengths[static_cast<std::size_t>(block.litlen_count) - 1] == 0) --block.litlen_count;
  block.distance_count = kDistanceCodes;
  while (block.distance_lengths[static_cast<std::size_t>(block.distance_count) - 1] == 0)
    --block.distance_count;
  // The two sets of lengths go as one sequence.
  std::array<std::uint8_t, kLitLenCodes + kDistanceCodes> sent{};
  std::copy_n(block.litlen_lengths.begin(), block.litlen_count, sent.begin());
  std::copy_n(block.distance_lengths.begin(), block.distance_count, sent.begin() + block.litlen_count);
  code_length_symbols(sent.data(), block.litlen_count + block.distance_count, block.header);
  std::array<std::uint32_t, kCodeLengthCodes> header_freq{};
  for (const CodeLengthSymbol& s : block.header) ++header_freq[s.symbol];
  code_lengths(header_freq.data(), kCodeLengthCodes, kMaxCodeLengthBits, block.header_lengths.data());
  block.header_count = kCodeLengthCodes;
  while (block.header_count > 4 &&
         block.header_lengths[static_cast<std::size_t>(kCodeLengthOrder[block.header_count - 1])] == 0)
    --block.header_count;

  std::uint64_t bits = 3 + 5 + 5 + 4 + 3 * static_cast<std::uint64_t>(block.header_count) + parse.extra_bits;
  for (std::size_t s = 0; s < kCodeLengthCodes; ++s)
    bits += header_freq[s] *
            static_cast<std::uint64_t>(block.header_lengths[s] + code_length_extra_bits(static_cast<int>(s)));
  for (std::size_t s = 0; s < kLitLenCodes; ++s)
    bits += static_cast<std::uint64_t>(parse.litlen_freq[s]) * block.litlen_lengths[s];
  for (std::size_t s = 0; s < kDistanceCodes; ++s)
    bits += static_cast<std::uint64_t>(parse.distance_freq[s]) * block.distance_lengths[s];
  block.bits = bits;
}

void write_stored(const unsigned char* data, std::size_t size, std::vector<unsigned char>& out) {
  const std::size_t blocks = std::max<std::size_t>(1, (size + kMaxStored - 1) / kMaxStored);
  for (std::size_t block = 0, at = 0; block < blocks; ++block) {
    const std::size_t length = std::min(kMaxStored, size - at);
    out.push_back(block + 1 == blocks ? 1 : 0);  // BFINAL, BTYPE 00, padding to the byte
    const auto n = static_cast<std::uint16_t>(length);
    for (const std::uint16_t v : {n, static_cast<std::uint16_t>(~n)}) {
      out.push_back(static_cast<unsigned char>(v & 0xff));
      out.push_back(static_cast<unsigned char>(v >> 8));
    }
    out.insert(out.end(), data + at, data + at + length);
    at += length;
  }
}

void write_dynamic(const Parse& parse, const DynamicBlock& block, std::vector<unsigned char>& out) {
  std::array<std::uint16_t, kLitLenCodes> litlen_codes{};
  std::array<std::uint16_t, kDistanceCodes> distance_codes{};
  std::array<std::uint16_t, kCodeLengthCodes> header_codes{};
  canonical_codes(block.litlen_lengths.data(), kLitLenCodes, litlen_codes.data());
  canonical_codes(block.distance_lengths.data(), kDistanceCodes, distance_codes.data());
  canonical_codes(block.header_lengths.data(), kCodeLengthCodes, header_codes.data());

  const std::size_t start = out.size();
  out.resize(start + (block.bits + 7) / 8 + 8);  // the writer stores 4 bytes at a time
  BitWriter writer(out.data() + start);
  writer.put(1, 1);  // BFINAL
  writer.put(2, 2);  // BTYPE 10: dynamic Huffman codes
  writer.put(static_cast<std::uint32_t>(block.litlen_count - 257), 5);
  writer.put(static_cast<std::uint32_t>(block.distance_count - 1), 5);
  writer.put(static_cast<std::uint32_t>(block.header_count - 4), 4);
  for (int i = 0; i < block.header_count; ++i)
    writer.put(block.header_lengths[static_cast<std::size_t>(kCodeLengthOrder[static_cast<std::size_t>(i)])],
               3);
  for (const CodeLengthSymbol& s : block.header) {
    writer.put(header_codes[s.symbol], block.header_lengths[s.symbol]);
    if (const int extra = code_length_extra_bits(s.symbol); extra > 0) writer.put(s.extra, extra);
  }
  for (const Symbol& s : parse.symbols) {
    if (s.distance == 0) {
      writer.put(litlen_codes[s.value], block.litlen_lengths[s.value]);
      continue;
    }
    const Coded length = length_code(s.value);
    const Coded distance = distance_code(s.distance);
    const auto length_symbol = static_cast<std::size_t>(length.code);
    const auto distance_symbol = static_cast<std::size_t>(distance.code);
    writer.put(litlen_codes[length_symbol], block.litlen_lengths[length_symbol]);
    if (length.extra_bits > 0) writer.put(length.extra, length.extra_bits);
    writer.put(distance_codes[distance_symbol], block.distance_lengths[distance_symbol]);
    if (distance.extra_bits > 0) writer.put(distance.extra, distance.extra_bits);
  }
  writer.put(litlen_codes[kEndOfBlock], block.litlen_lengths[kEndOfBlock]);
  out.resize(static_cast<std::size_t>(writer.finish() - out.data()));
}

}  // namespace

void deflate_rows(const unsigned char* data, std::size_t size, std::size_t stride,
                  std::vector<unsigned char>& out) {
  thread_local Parse parsed;
  thread_local DynamicBlock block;
  parse(data, size, stride, parsed);
  plan_block(parsed, block);
  out.push_back(0x78);  // deflate with a 32 KB window
  out.push_back(0x01);  // the fastest kind of compressor; (0x78 << 8 | 0x01) is a multiple of 31
  const std::size_t stored_bytes = size + 5 * std::max<std::size_t>(1, (size + kMaxStored - 1) / kMaxStored);
  if ((block.bits + 7) / 8 >= stored_bytes)
    write_stored(data, size, out);
  else
    write_dynamic(parsed, block, out);
  const std::uint32_t adler = libdeflate_adler32(1, data, size);
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<unsigned char>(adler >> shift));
}

}  // namespace covermap::outputs::detail
