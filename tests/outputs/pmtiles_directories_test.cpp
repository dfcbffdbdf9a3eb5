// The PMTiles directories of entries read from disk, as the sinks build them: the bytes of the in-memory
// build (gzip in one call), root only or with leaves, and the piecewise gzip they rely on.
#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "outputs/gzip.hpp"
#include "outputs/pmtiles_format.hpp"

namespace covermap::outputs::pmtiles {
namespace {

// Bytes that compress like a directory: small varints with some noise.
std::string directory_like_bytes(std::size_t size, unsigned seed) {
  std::mt19937 random(seed);
  std::string bytes;
  while (bytes.size() < size) bytes.push_back(static_cast<char>(random() % 5 == 0 ? random() : random() % 4));
  return bytes;
}

TEST(GzipStream, PiecesOfAnySizeGiveTheBytesOfOneGzipCall) {
  const std::string input = directory_like_bytes(400000, 7);
  const std::string whole = gzip(input);
  for (const std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{65536}, input.size()}) {
    GzipStream stream;
    // One-byte pieces only over the first 64 KiB (more than zlib's window), to keep the test quick.
    const std::size_t limit = piece == 1 ? std::size_t{65536} : input.size();
    std::size_t at = 0;
    std::uint64_t out_so_far = 0;
    for (; at < limit; at += piece) {
      stream.add(std::string_view(input).substr(at, std::min(piece, limit - at)));
      EXPECT_GE(stream.compressed_size(), out_so_far) << "output only grows";
      out_so_far = stream.compressed_size();
    }
    stream.add(std::string_view(input).substr(std::min(at, input.size())));
    const std::string pieces = stream.finish();
    EXPECT_GE(pieces.size(), out_so_far);
    EXPECT_TRUE(pieces == whole) << "pieces of " << piece << " bytes";
  }
  GzipStream empty;
  EXPECT_EQ(empty.finish(), gzip(""));
  // At the level the PMTiles writer gives its directories.
  GzipStream at_six(6);
  at_six.add(std::string_view(input).substr(0, 100000));
  at_six.add(std::string_view(input).substr(100000));
  const std::string six = at_six.finish();
  EXPECT_TRUE(six == gzip_at_level(input, 6));
  EXPECT_FALSE(six == whole) << "the level is used";
}

// `count` tile entries as a clustered archive has them: ids rising with gaps, runs, contents repeated.
std::vector<Entry> archive_entries(std::size_t count, unsigned seed) {
  std::mt19937 random(seed);
  std::vector<Entry> entries;
  std::uint64_t id = 0, data_end = 0;
  for (std::size_t i = 0; i < count; ++i) {
    id += 1 + random() % 3;
    const std::uint32_t length = 60 + random() % 900;
    const std::uint32_t run_length = 1 + random() % 2;
    if (i > 0 && random() % 4 == 0) {  // a content used before
      const Entry& earlier = entries[random() % i];
      entries.push_back({id, earlier.offset, earlier.length, run_length});
    } else {
      entries.push_back({id, data_end, length, run_length});
      data_end += length;
    }
    id += entries.back().run_length - 1;
  }
  return entries;
}

struct StreamedBuild {
  std::string root, leaves;
  std::uint64_t fed = 0;  // uncompressed bytes handed to the compressor, over every try
};

StreamedBuild build_streamed(const std::vector<Entry>& entries) {
  StreamedBuild built;
  const StartCompress start = [&built] {
    auto stream = std::make_shared<GzipStream>();
    return CompressStream{[stream, &built](std::string_view piece) {
                            built.fed += piece.size();
                            stream->add(piece);
                            return stream->compressed_size();
                          },
                          [stream] { return stream->finish(); }};
  };
  const WalkEntries walk = [&](std::uint64_t begin, std::uint64_t end, const EntryVisit& visit) {
    for (std::uint64_t i = begin; i < end; ++i)
      if (!visit(entries.at(i))) return;
  };
  const LeafOutput leaves{[&] { built.leaves.clear(); },
                          [&](std::string_view leaf) { built.leaves += leaf; }};
  const DirectoryLayout layout = build_directories(entries.size(), walk, start, leaves);
  built.root = layout.root;
  EXPECT_EQ(layout.leaves_length, built.leaves.size());
  return built;
}

TEST(PmtilesDirectories, EntriesReadAsNeededGiveTheBytesOfEntriesInMemory) {
  for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{3000}, std::size_t{150000}}) {
    const auto entries = archive_entries(count, static_cast<unsigned>(count) + 1);
    const Directories in_memory = build_directories(entries, gzip);
    const StreamedBuild streamed = build_streamed(entries);
    EXPECT_TRUE(streamed.root == in_memory.root) << count << " entries";
    EXPECT_TRUE(streamed.leaves == in_memory.leaves) << count << " entries";
    EXPECT_LE(streamed.root.size(), kMaxRootDirectoryBytes);
    if (count == 150000) {
      EXPECT_FALSE(in_memory.leaves.empty()) << "too many for the root alone";
      // The try at a root of every entry stops once its compressed bytes pass the limit, long before the
      // end: the leaves (all entries once) and their root are the bulk of what is fed.
      EXPECT_LT(streamed.fed, serialize_directory(entries).size() * 3 / 2);
    }
  }
}

}  // namespace
}  // namespace covermap::outputs::pmtiles
