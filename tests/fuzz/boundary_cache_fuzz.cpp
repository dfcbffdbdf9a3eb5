// libFuzzer target: the boundary cache's reader. A damaged entry must be refused (nothing comes back), never
// read past its end or allocated beyond its size; what does come back must be safe to use.
#include <cstddef>
#include <cstdint>
#include <filesystem>

#include "boundaries/boundary_cache.hpp"
#include "boundaries/shared_nodes.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string key = "fuzz";
  const std::string path = covermap::fuzz::write_input(data, size, "boundaries-" + key + ".bin");
  const auto set =
      covermap::boundaries::read_cached_boundaries(std::filesystem::path(path).parent_path().string(), key);
  // The stored nodes index the units' vertices; the renderers take them through shared_node_flags.
  if (set) covermap::boundaries::shared_node_flags(*set);
  return 0;
}
