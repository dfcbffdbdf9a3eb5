// The native CSV reader against GDAL's, file by file. For each file it either declines (GDAL then reads it)
// or gives exactly GDAL's table, or GDAL's error. It must also take the common files, or the fast path would
// silently never run.
#include <gtest/gtest.h>
#include <iconv.h>

#include <optional>
#include <random>
#include <string>
#include <vector>

#include "geo/csv_table.hpp"
#include "geo/error.hpp"
#include "geo/gdal_io.hpp"
#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

using test::TempDir;

// Control characters written out, so that a failure shows where lines and cells end.
std::string visible(const std::string& text) {
  std::string shown;
  for (const char c : text) {
    if (c == '\n')
      shown += "\\n";
    else if (c == '\r')
      shown += "\\r";
    else if (c == '\t')
      shown += "\\t";
    else if (c == '\0')
      shown += "\\0";
    else
      shown += c;
  }
  return shown;
}

std::string described(const Table& table) {
  std::string text = "source " + table.source + "\ncolumns";
  for (const std::string& column : table.columns) text += " [" + visible(column) + "]";
  for (const auto& row : table.rows) {
    text += "\nrow";
    for (const std::string& cell : row) text += " [" + visible(cell) + "]";
  }
  return text;
}

// What a reader made of a file: a table or an error, both as text; or nothing, when it declined the file.
struct Outcome {
  bool declined = false;
  std::string text;
};

template <typename Read>
Outcome outcome_of(Read&& read) {
  try {
    const std::optional<Table> table = read();
    return table ? Outcome{false, described(*table)} : Outcome{true, ""};
  } catch (const InputError& error) {
    return {false, std::string("error: ") + error.what()};
  }
}

// Reads `path` through GDAL alone, the native reader alone and read_table. read_table must answer as GDAL
// does; the native reader too, unless it declines. Returns whether it answered (with a table or an error).
bool native_reader_matches_gdal(const std::string& path, const ReadOptions& options = {}) {
  const Outcome gdal =
      outcome_of([&] { return std::optional<Table>(read_table_through_gdal(path, options)); });
  const Outcome native = outcome_of([&] { return read_table_without_gdal(path, options); });
  const Outcome either = outcome_of([&] { return std::optional<Table>(read_table(path, options)); });
  const std::string file = "the file: " + visible(test::read_file(path));
  EXPECT_EQ(either.text, gdal.text) << file;
  if (native.declined) return false;
  EXPECT_EQ(native.text, gdal.text) << file;
  return true;
}

// UTF-8 text in GB18030, as Chinese spreadsheet exports are written.
std::string gb18030(const std::string& utf8_text) {
  const iconv_t converter = iconv_open("GB18030", "UTF-8");
  EXPECT_NE(converter, reinterpret_cast<iconv_t>(-1));  // NOLINT(performance-no-int-to-ptr): iconv's "none"
  std::string out(utf8_text.size() * 2 + 4, '\0');
  char* in_at = const_cast<char*>(utf8_text.data());  // iconv's signature; the input is not written
  std::size_t in_left = utf8_text.size();
  char* out_at = out.data();
  std::size_t out_left = out.size();
  EXPECT_NE(iconv(converter, &in_at, &in_left, &out_at, &out_left), static_cast<std::size_t>(-1));
  iconv_close(converter);
  out.resize(out.size() - out_left);
  return out;
}

struct Sample {
  std::string name;  // the file's name, so also its extension
  std::string text;
  ReadOptions options{};
};

TEST(CsvTable, TakesTheCommonFiles) {
  TempDir dir;
  const std::vector<Sample> common = {
      {"excel.csv", "\xEF\xBB\xBFProvince,adcode,coverage\r\n广东省,440000,0.93\r\n四川省,510000,0.71\r\n"},
      {"gb18030.csv", gb18030("省份,覆盖率\n广东省,93%\n四川省,71%\n")},
      {"gbk_named.csv", gb18030("省份,覆盖率\n广东省,93%\n"), {"", "GBK"}},
      {"semicolon.csv", "Province;Coverage\nGuangdong;0,93\nSichuan;0,71\n"},
      {"tabs.tsv", "Province\tCoverage\nGuangdong\t0.93\n"},
      {"tabs.csv", "Province\tCoverage\nGuangdong\t0.93\n"},
      {"quoted.csv", "\"省份\",\"备注\"\n\"广东省\",\"珠三角, 粤东\"\n\"四川省\",\"说 \"\"好\"\"\"\n"},
      {"fills.csv", "adcode,fill\n\"110101\",#a1dab4\n\"110102\",#41b6c4\n"},
      {"one_column.csv", "\xEF\xBB\xBFProvince\r\n\"Guangdong\"\r\n四川\r\n\r\n"},
      {"list.txt", "Province\n广东\n四川\n"},
  };
  for (const Sample& sample : common)
    EXPECT_TRUE(native_reader_matches_gdal(dir.write(sample.name, sample.text), sample.options))
        << sample.name << " is read without GDAL";
}

// What GDAL 3.6 was seen to do, each case read without GDAL: quotes anywhere, names trimmed and numbered,
// blank lines skipped, short rows padded, errors on the same rows.
TEST(CsvTable, MatchesGdalOnTheCasesItTakes) {
  TempDir dir;
  const std::vector<Sample> cases = {
      {"escaped_quote.csv", "a,b\n\"x\"\"y\",2\n\"\"\"\",3\n\"\"\"x\"\"\",4\n"},
      {"quote_inside.csv", "a,b\nab\"cd\"ef,2\nab\"c,d\"ef,3\n\"x\"y,4\nx\"\"y,5\n"},
      {"quoted_separator.csv", "a,b\n\"1,5\",2\n"},
      {"quoted_semicolon.csv", "a;b\n\"1;2\";3\n"},
      {"quoted_tab.csv", "a\tb\n\"x\ty\"\t2\n"},
      {"quoted_tab.tsv", "\"a\"\tb\n\"x\ty\"\t\"2\"\n"},
      {"multi_line.csv", "a,b\n\"x\ny\",2\n3,4\n\"x\n\ny\",5\n"},
      {"multi_line_crlf.csv", "a,b\r\n\"x\r\ny\",2\r\n\"x\r\n\r\ny\",3\r\n"},
      {"blank_lines.csv", "a,b\n1,2\n\n\n3,4\n\n\n"},
      {"blank_lines_crlf.csv", "a,b\r\n1,2\r\n\r\n3,4\r\n\r\n\r\n"},
      {"space_line.csv", "a,b\n1,2\n \n3,4\n"},
      {"no_final_break.csv", "a,b\n1,2"},
      {"spaces.csv", " a , b \n 1 , 2 \n \"x\" ,  \"y\"\n"},
      {"quoted_names_with_spaces.csv", "\" a \",b\n1,2\n"},
      {"short_rows.csv", "a,b,c\n1\n2,3\n"},
      {"trailing_separator.csv", "a,b\n1,2,\n3,4, \n"},
      {"trailing_separator_header.csv", "a,b,\n1,2,\n"},
      {"empty_cells.csv", "a,b\n,\n,2\n\"\",\"\"\n\"\"\n"},
      {"empty_names.csv", "a,,c\n1,2,3\n"},
      {"blank_names.csv", "  ,b, \n1,2,3\n"},
      {"pandas_index.csv", ",value\n0,1\n"},
      {"quoted_empty_name.csv", "\"\",b\n1,2\n"},
      {"numbered_name_twice.csv", "field_2,,c\n1,2,3\n"},
      {"duplicate_names.csv", "a,a,b\n1,2,3\n"},
      {"duplicate_names_by_case.csv", "a,A,a\n1,2,3\n"},
      {"doubled_quote_in_name.csv", "\"x\"\"y\",b\n1,2\n"},
      {"quote_inside_name.csv", "a\"b\"c,d\n1,2\n"},
      {"separator_inside_name.csv", "a\"b,c\"d,e\n1,2\n"},
      {"mixed_separators.csv", "a;b,c\n1;2,3\n"},
      {"semicolon_in_tsv.tsv", "a;b\tc\n1;2\t3\n"},
      {"numbers_as_names.csv", "name,2022,2023\nx,1,2\n"},
      {"coordinates.csv", "name,X,Y,lat,lon,geometry,the_geom\nx,a,b,c,d,e,f\n"},
      {"fid.csv", "FID,name\n7,x\n"},
      {"byte_order_mark_quoted.csv", "\xEF\xBB\xBF\"a\",b\n1,2\n"},
      {"backslash_in_cell.csv", "a,b\n\"x\\\",2\n"},
      {"header_only.csv", "a,b\n"},
      {"header_and_blank_lines.csv", "a,b\r\n\r\n\r\n"},
      {"one_column_blank_lines.csv", "Province\n\n北京\n  \n"},
      {"one_column_quotes.txt", "\"Province\"\n\"北\"\"京\"\n"},
      {"one_column_crlf.tsv", "Province\r\n北京\r\n\r\n"},
      {"gb18030_name.csv", gb18030("名称,v\n北京,1\n")},
      {"gb18030_quoted.csv", gb18030("名称;备注\n\"北京\";\"一;二\"\n\"上海\";\"两\n行\"\n")},
      {"bad_byte.csv", "name,value\nok,1\n\nbad\xFF,2\n"},
      {"bad_byte_in_header.csv", "name\xFF,value\nok,1\n"},
      {"bad_byte_gbk.csv", "name,value\n\xB9\xE3\xB6\xAB\xCA\xA1,1\nab\xFF,2\n", {"", "GBK"}},
      {"bad_byte_one_column.csv", "name\nok\n\nbad\xFF\n"},
      {"unknown_encoding.csv", "name,value\n广东,1\n", {"", "GKB"}},
      {"too_many_cells.csv", "name,value\n北京,2\n\n上海,1,5\n"},
      {"unclosed_quote.csv", "name,value\n北京,1\n\"上海,2\n广东,3\n"},
  };
  for (const Sample& sample : cases)
    EXPECT_TRUE(native_reader_matches_gdal(dir.write(sample.name, sample.text), sample.options))
        << sample.name << " is read without GDAL";
}

// Where GDAL reads a file otherwise than the native reader would (seen, or possible), GDAL reads it.
TEST(CsvTable, DeclinesWhatGdalReadsOtherwise) {
  TempDir dir;
  const std::vector<Sample> declined = {
      {"lone_cr.csv", "a,b\r1,2\r3,4\r"},      // a lone CR ends a line for GDAL
      {"lf_cr.csv", "a,b\n\r1,2\n\r3,4\n\r"},  // and so does LF CR
      {"second_bom.csv",
       "a,b\n\xEF\xBB\xBF"
       "1,2\n"},                                        // dropped at the start of every record
      {"nul.csv", std::string("a,b\n1\0002,3\n", 10)},  // a cell ends at a NUL
      {"tab_and_comma.csv", "a\tb,c\n1\t2,3\n"},        // GDAL tries tabs when the first line has one
      {"tab_in_quotes.csv", "\"a\tb\",c\n1,2\n"},
      {"tab_in_name.csv", "a\t ;b\n1;2\n"},
      {"comma_tsv.tsv", "a,b\n1,2\n"},                 // a .tsv without a tab: GDAL detects the separator
      {"quoted_tab_tsv.tsv", "\"a\tb\",c\n1,2\n"},     // one cell at the tab GDAL forces: refused
      {"spaces_only.csv", "Province name\n北京 x\n"},  // split at spaces
      {"one_column_trailing_space.csv", "Province \n北京\n"},
      {"wkt.csv", "name,WKT\nx,POINT (1 2)\n"},  // parsed as geometry: a bad one fails the read
      {"wkt_lower.csv", "name, wkt \nx,junk\n"},
      {"wkt_prefix.csv", "name,_WKTgeom\nx,junk\n"},
      {"trailing_comma_header.csv", "a,\n1,2\n"},  // one column to GDAL
      {"trailing_quoted_empty.csv", "a,\"\"\n1,2\n"},
      {"escaped_name.csv", "\"a\\\"b\\\"c\",d\n1,2\n"},  // \" is an escape in the header
      {"eurostat.tsv", "unit,geo\\time\t2019 \nA,BE\t1 \n"},
      {"multi_line_header.csv", "\"a\nb\",c\n1,2\n"},  // GDAL takes names from the first line
      {"blank_first_line.csv", "\na,b\n1,2\n"},
      {"comma_list.txt", "a,b\n1,2\n"},        // GDAL's CSV driver does not open .txt
      {"xml_like.csv", "name,note\nx,<b>\n"},  // XML drivers look for a tag in the first bytes
      {"digits_first.csv", "01,x\n1,2\n"},     // NTF and ISO 8211 start with digits
      {"hash_first.csv", "#a,b\n1,2\n"},       // GMT's text format starts with #
      {"json_like.csv", "{\"a\",b\n1,2\n"},
      {"fits_like.csv", "SIMPLE,x\n1,2\n"},
      {"gmt_mark.csv", "Province\nx@VGMT\n"},  // GMT's driver takes a list GDAL's CSV driver refuses
  };
  for (const Sample& sample : declined)
    EXPECT_FALSE(native_reader_matches_gdal(dir.write(sample.name, sample.text), sample.options))
        << sample.name << " is left to GDAL";

  const std::string with_types = dir.write("typed.csv", "a,b\n007,2\n");
  dir.write("typed.csvt", "Integer,String\n");
  EXPECT_FALSE(native_reader_matches_gdal(with_types)) << "a .csvt gives GDAL the column types: 007 is 7";
  const std::string with_crs = dir.write("located.csv", "a,b\n1,2\n");
  dir.write("located.prj", "EPSG:4326\n");
  EXPECT_FALSE(native_reader_matches_gdal(with_crs));
  EXPECT_FALSE(native_reader_matches_gdal(dir.write("layer.csv", "a,b\n1,2\n"), {"other", ""}))
      << "GDAL's error for a wrong layer lists the layers";
  const std::string long_line = "a,b\n" + std::string(std::size_t{2} << 20, 'x') + ",2\n";
  EXPECT_FALSE(native_reader_matches_gdal(dir.write("long_line.csv", long_line)))
      << "GDAL stops at a line past 10 MB";
}

// Random tables as spreadsheets and scripts write them: separators, quoting, blank and short rows, line
// breaks, byte-order marks, Chinese text in UTF-8 or GB18030.
std::string generated_table(std::mt19937& random, std::string& name) {
  auto pick = [&](const auto& choices) { return choices[random() % std::size(choices)]; };
  const char separator = pick(std::vector<char>{',', ';', '\t'});
  const std::string line_break = pick(std::vector<std::string>{"\n", "\r\n"});
  name = separator == '\t' && random() % 2 ? ".tsv" : ".csv";
  const std::vector<std::string> names = {
      "name", "Province", "省份",     "value",      "覆盖率",
      "code", "a b",      " padded ", "\"quoted\"", "\"with" + std::string(1, separator) + "it\"",
      "",     "X",        "geometry", "name",       "\"say \"\"hi\"\"\""};
  const std::vector<std::string> cells = {"",
                                          "1",
                                          "007",
                                          " 12.5 ",
                                          "广东省",
                                          "四川",
                                          "\"北京\"",
                                          "  ",
                                          "x y",
                                          "\"a,b\"",
                                          "\"a;b\"",
                                          "\"tab\there\"",
                                          "mid\"q\"x",
                                          "\"say \"\"hi\"\"\"",
                                          "\"\"",
                                          "\"两\n行\"",
                                          "\"two\r\nlines\"",
                                          "\"\"\"\"",
                                          "上海 ",
                                          "0,93",
                                          "#a1dab4"};
  const std::size_t columns = 1 + random() % 5;
  std::string text = random() % 3 == 0 ? "\xEF\xBB\xBF" : "";
  for (std::size_t i = 0; i < columns; ++i) text += (i ? std::string(1, separator) : "") + pick(names);
  text += line_break;
  const std::size_t rows = random() % 7;
  for (std::size_t row = 0; row < rows; ++row) {
    if (random() % 5 == 0) text += line_break;  // a blank line
    std::size_t count = columns;
    if (random() % 4 == 0) count = 1 + random() % columns;  // a short row
    if (random() % 6 == 0) ++count;                         // a trailing separator, or one cell too many
    for (std::size_t i = 0; i < count; ++i) text += (i ? std::string(1, separator) : "") + pick(cells);
    if (row + 1 < rows || random() % 4) text += line_break;
  }
  if (random() % 4 == 0) text += line_break + line_break;
  return random() % 4 == 0 ? gb18030(text) : text;
}

TEST(CsvTable, MatchesGdalOnGeneratedTables) {
  TempDir dir;
  std::mt19937 random(20240611);
  int taken = 0;
  constexpr int kTables = 400;
  for (int i = 0; i < kTables; ++i) {
    std::string extension;
    const std::string text = generated_table(random, extension);
    if (native_reader_matches_gdal(dir.write("generated_" + std::to_string(i) + extension, text))) ++taken;
  }
  EXPECT_GT(taken, kTables * 3 / 4) << "most generated tables are plain enough to be read without GDAL";
}

// Short runs of the characters that matter to the reader, in any order: most are errors or declined, and
// each must still agree with GDAL.
TEST(CsvTable, MatchesGdalOnRandomText) {
  TempDir dir;
  std::mt19937 random(7);
  const std::vector<std::string> pieces = {"a",  "b",  "中",           "\xB1\xB1", ",",  ";",
                                           "\t", "\"", "\"\"",         " ",        "\n", "\r\n",
                                           "\r", "\\", "\xEF\xBB\xBF", "WKT",      "1",  "x,y"};
  for (int i = 0; i < 500; ++i) {
    std::string text;
    for (std::size_t length = 1 + random() % 30; length > 0; --length)
      text += pieces[random() % pieces.size()];
    native_reader_matches_gdal(dir.write("random_" + std::to_string(i) + (i % 5 ? ".csv" : ".tsv"), text));
  }
}

}  // namespace
}  // namespace covermap::geo
