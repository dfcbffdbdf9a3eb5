// libFuzzer target: the PMTiles v3 decoder. The input is a whole archive, read through PmtilesReader from
// memory: header, metadata, every directory (root and leaves, uncompressed or gzip), every tile's bytes, and
// verify_pmtiles. The same bytes also go to parse_directory on their own, the part most inputs reach. Any
// bytes must give data or an InputError; anything else escaping aborts.
#include <cstddef>
#include <cstdint>
#include <string>

#include "geo/error.hpp"
#include "outputs/pmtiles_format.hpp"
#include "outputs/pmtiles_reader.hpp"
#include "outputs/pmtiles_verify.hpp"

namespace {

using covermap::InputError;
using covermap::outputs::PmtilesReader;

void read_all(const PmtilesReader& reader) {
  try {
    reader.metadata();
  } catch (const InputError&) {
  }
  try {
    reader.tile(0, 0, 0);
    reader.for_each_entry([&](const covermap::outputs::pmtiles::Entry& entry) { reader.tile_data(entry); });
  } catch (const InputError&) {
  }
  try {
    covermap::outputs::verify_pmtiles(reader);
  } catch (const InputError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string archive(reinterpret_cast<const char*>(data), size);
  try {
    covermap::outputs::pmtiles::parse_directory(archive, "directory");
  } catch (const InputError&) {
  }
  try {
    const PmtilesReader reader(
        [&archive](std::uint64_t offset, std::uint64_t length) {
          return offset >= archive.size() ? std::string() : archive.substr(offset, length);
        },
        archive.size(), "fuzz.pmtiles");
    read_all(reader);
  } catch (const InputError&) {
  }
  return 0;
}
