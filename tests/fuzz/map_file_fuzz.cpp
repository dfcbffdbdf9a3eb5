// libFuzzer target: the map file reader. Any bytes must give a document or an InputError naming the file;
// any other exception escaping (a YAML conversion error, std::out_of_range, ...) is a bug and aborts.
#include <cstddef>
#include <cstdint>

#include "app/map_file.hpp"
#include "geo/error.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = covermap::fuzz::write_input(data, size, "map.yaml");
  try {
    covermap::app::load_map_document(path);
  } catch (const covermap::InputError&) {
    // Refused with a message: what bad input should get.
  }
  return 0;
}
