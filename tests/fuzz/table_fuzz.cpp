// libFuzzer target: the table reader on a CSV file (GDAL's CSV driver, the one-column fallback, the UTF-8 /
// GB18030 detection and recoding). Any bytes must give a table or an InputError.
#include <cstddef>
#include <cstdint>

#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/fuzz/fuzz_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path = covermap::fuzz::write_input(data, size, "table.csv");
  try {
    const covermap::geo::Table table = covermap::geo::read_table(path);
    // Every row has a cell per column: the join indexes rows by column.
    for (const auto& row : table.rows)
      if (row.size() != table.columns.size()) __builtin_trap();
  } catch (const covermap::InputError&) {
  }
  return 0;
}
