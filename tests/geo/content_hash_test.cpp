// Which files a dataset's cache key and a build's input hash are made from.
#include "geo/content_hash.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/test_support.hpp"

namespace covermap::geo {
namespace {

using test::TempDir;

TEST(DatasetFiles, AShapefileIsReadWithTheFilesBesideIt) {
  const TempDir dir;
  const std::string shp = dir.write("counties.shp", "shapes");
  const std::string dbf = dir.write("counties.dbf", "attributes");
  const std::string shx = dir.write("counties.shx", "index");
  const std::string cpg = dir.write("counties.cpg", "UTF-8");
  dir.write("provinces.dbf", "another dataset");
  EXPECT_EQ(dataset_files(shp), (std::vector<std::string>{shp, dbf, shx, cpg}));
}

TEST(DatasetFiles, MapInfoTablesAndCsvColumnTypesAreRead) {
  const TempDir dir;
  const std::string tab = dir.write("counties.tab", "header");
  const std::string dat = dir.write("counties.dat", "attributes");
  const std::string map = dir.write("counties.map", "geometry");
  const std::string id = dir.write("counties.id", "index");
  EXPECT_EQ(dataset_files(tab), (std::vector<std::string>{tab, dat, map, id}));
  const std::string csv = dir.write("coverage.csv", "adcode,value\n");
  const std::string csvt = dir.write("coverage.csvt", "\"String\",\"Integer\"\n");
  EXPECT_EQ(dataset_files(csv), (std::vector<std::string>{csv, csvt}))
      << "a .csvt sets the column types GDAL reads the table with";
}

// QGIS holds a GeoPackage open while it is edited: SQLite keeps the committed edits in FILE-wal until it
// copies them into the file, and GDAL reads them from there. A key made from the file alone would keep the
// boundaries from before the edit.
TEST(DatasetFiles, AGeoPackageIsReadWithItsWriteAheadLogNotWithAShapefileOfTheSameName) {
  const TempDir dir;
  const std::string gpkg = dir.write("counties.gpkg", "database");
  dir.write("counties.dbf", "the attributes of counties.shp, exported beside it");
  dir.write("counties.gpkg-shm", "an index of the log, not data");
  EXPECT_EQ(dataset_files(gpkg), (std::vector<std::string>{gpkg}));
  const std::string wal = dir.write("counties.gpkg-wal", "committed edits");
  EXPECT_EQ(dataset_files(gpkg), (std::vector<std::string>{gpkg, wal}));
}

}  // namespace
}  // namespace covermap::geo
