// libFuzzer target: the table reader on delimited text (the native reader, GDAL's CSV driver, the one-column
// list, the UTF-8 / GB18030 detection and recoding). Any bytes must give a table or an InputError. Where the
// native reader takes the bytes, GDAL must give the same table or the same error: each input is read as a
// .csv and as a .tsv, through both.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "geo/csv_table.hpp"
#include "geo/error.hpp"
#include "tests/fuzz/fuzz_input.hpp"

namespace {

using covermap::geo::Table;

// A table or an error message; nothing when the native reader declined.
struct Outcome {
  std::optional<Table> table;
  std::string error;
  bool declined() const { return !table && error.empty(); }
};

template <typename Read>
Outcome outcome_of(Read&& read) {
  try {
    return {read(), ""};
  } catch (const covermap::InputError& error) {
    return {std::nullopt, error.what()};
  }
}

bool same_tables(const Table& a, const Table& b) {
  return a.source == b.source && a.columns == b.columns && a.rows == b.rows;
}

void check(const std::string& path) {
  const Outcome gdal =
      outcome_of([&] { return std::optional<Table>(covermap::geo::read_table_through_gdal(path)); });
  const Outcome native = outcome_of([&] { return covermap::geo::read_table_without_gdal(path); });
  // Every row has a cell per column: the join indexes rows by column.
  for (const Outcome* outcome : {&gdal, &native})
    if (outcome->table)
      for (const auto& row : outcome->table->rows)
        if (row.size() != outcome->table->columns.size()) __builtin_trap();
  if (native.declined()) return;
  if (native.error != gdal.error || native.table.has_value() != gdal.table.has_value()) __builtin_trap();
  if (native.table && !same_tables(*native.table, *gdal.table)) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  check(covermap::fuzz::write_input(data, size, "table.csv"));
  check(covermap::fuzz::write_input(data, size, "table.tsv"));
  return 0;
}
