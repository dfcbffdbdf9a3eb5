#pragma once
// Reads a PMTiles v3 archive through a random-access byte source: a file (pread), or anything that can
// return a byte range (a buffer in tests, an HTTP range request). Directories are read as they are needed
// and never all at once, so memory does not grow with the number of tiles. Every problem is an InputError
// naming the archive. The const methods keep no state, so one reader serves several threads when its byte
// source does (the file source does).
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "outputs/pmtiles_format.hpp"

namespace covermap::outputs {

// `length` bytes at `offset`; fewer only where the source ends.
using ReadRange = std::function<std::string(std::uint64_t offset, std::uint64_t length)>;

class PmtilesReader {
 public:
  // The file at `path`, held open until the reader goes.
  explicit PmtilesReader(const std::string& path);
  // An archive of `size` bytes read through `read`; `name` names it in errors.
  PmtilesReader(ReadRange read, std::uint64_t size, std::string name);

  const pmtiles::Header& header() const { return header_; }
  const std::string& name() const { return name_; }
  // The root directory's entries (tiles and leaf pointers), read when the reader opened.
  const std::vector<pmtiles::Entry>& root_directory() const { return root_; }

  // The metadata JSON text, decompressed.
  std::string metadata() const;

  // One tile's bytes as stored (still tile-compressed when header().tile_compression says so), by z/x/y with
  // y from the north; nullopt when the archive has no such tile or it cannot exist.
  std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y) const;

  // The stored bytes of one tile entry from for_each_entry.
  std::string tile_data(const pmtiles::Entry& entry) const;

  // Every tile entry (run length > 0) in increasing tile id order, reading one leaf directory at a time.
  // Throws when the directories are out of order, overlap, or a leaf holds ids outside the range its
  // parent gives it, as a merge relying on the order must not go on.
  void for_each_entry(const std::function<void(const pmtiles::Entry&)>& visit) const;

 private:
  struct Source {
    ReadRange read;
    std::uint64_t size = 0;
  };
  PmtilesReader(Source source, std::string name);

  std::string read(std::uint64_t offset, std::uint64_t length, const char* what) const;
  // The leaf directory `pointer` points to, `depth` levels below the root.
  std::vector<pmtiles::Entry> leaf(const pmtiles::Entry& pointer, int depth) const;
  void walk(const std::vector<pmtiles::Entry>& entries, int depth, std::uint64_t end, std::uint64_t& next_id,
            const std::function<void(const pmtiles::Entry&)>& visit) const;
  static Source open_file(const std::string& path);

  ReadRange read_;
  std::uint64_t size_ = 0;
  std::string name_;
  pmtiles::Header header_;
  std::vector<pmtiles::Entry> root_;
};

}  // namespace covermap::outputs
