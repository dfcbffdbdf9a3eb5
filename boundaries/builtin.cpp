#include "boundaries/builtin.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include "boundaries/china_provinces_table.hpp"
#include "boundaries/dcw.hpp"
#include "geo/error.hpp"
#include "geo/netcdf_file.hpp"

namespace covermap::boundaries {
namespace {

constexpr const char* kChinaProvinces = "china-provinces";
constexpr const char* kWorldCountries = "world-countries";

std::string install_hint(const std::string& path) {
  return path == kDefaultDcwPath ? "install Debian's gmt-dcw package, or point COVERMAP_DCW at dcw-gmt.nc"
                                 : "COVERMAP_DCW must name GMT's dcw-gmt.nc";
}

geo::NetcdfFile open_dcw(const std::string& path) {
  try {
    return geo::NetcdfFile(path);
  } catch (const InputError& e) {
    throw InputError(e.where(), e.detail(), install_hint(path));
  }
}

// Two upper-case letters: a country. States are longer ("CNGD", "USTX", "AUNSW").
bool is_country_code(const std::string& code) {
  return code.size() == 2 && std::isupper(static_cast<unsigned char>(code[0])) &&
         std::isupper(static_cast<unsigned char>(code[1]));
}

// dcw-countries.txt: "CONTINENT CODE Name of the country", '#' starts a comment line.
std::map<std::string, std::string> read_country_names(const std::string& dcw_path) {
  const auto list = std::filesystem::path(dcw_path).parent_path() / "dcw-countries.txt";
  std::ifstream in(list);
  if (!in) throw InputError(list.string(), "cannot read the DCW country names", install_hint(dcw_path));
  std::map<std::string, std::string> names;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    const auto code_start = line.find_first_not_of(' ', line.find(' '));
    if (code_start == std::string::npos) continue;
    const auto code_end = line.find(' ', code_start);
    if (code_end == std::string::npos) continue;
    const auto name_start = line.find_first_not_of(' ', code_end);
    if (name_start == std::string::npos) continue;
    names[line.substr(code_start, code_end - code_start)] = line.substr(name_start);
  }
  return names;
}

BoundarySet load_china_provinces(const geo::GeosContext& geos) {
  const std::string path = default_dcw_path();
  const geo::NetcdfFile file = open_dcw(path);
  BoundarySet set;
  set.source = std::string("builtin:") + kChinaProvinces;
  set.fields = {"adcode", "iso", "name_zh", "name_en"};
  for (const auto& province : china_provinces()) {
    const std::string code = std::string("CN") + province.code;
    // gmt-dcw before 2.0 numbered China's provinces differently.
    if (!file.has_array(code + "_lon"))
      throw InputError(path, "DCW file has no unit " + code, "gmt-dcw 2.0 or later is needed");
    Unit unit;
    unit.id = province.adcode;
    unit.name = province.name_zh;
    unit.attributes = {{"adcode", province.adcode},
                       {"iso", std::string("CN-") + province.code},
                       {"name_zh", province.name_zh},
                       {"name_en", province.name_en}};
    unit.geometry = read_dcw_unit(file, code, geos);
    set.units.push_back(std::move(unit));
  }
  std::sort(set.units.begin(), set.units.end(), [](const Unit& a, const Unit& b) { return a.id < b.id; });
  return set;
}

BoundarySet load_world_countries(const geo::GeosContext& geos) {
  const std::string path = default_dcw_path();
  const geo::NetcdfFile file = open_dcw(path);
  const auto names = read_country_names(path);
  BoundarySet set;
  set.source = std::string("builtin:") + kWorldCountries;
  set.fields = {"iso", "name_en"};
  for (const auto& array : file.array_names()) {
    const std::string suffix = "_lon";
    if (array.size() <= suffix.size() ||
        array.compare(array.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    const std::string code = array.substr(0, array.size() - suffix.size());
    if (!is_country_code(code)) continue;
    const auto named = names.find(code);
    Unit unit;
    unit.id = code;
    unit.name = named != names.end() ? named->second : code;  // a country the list forgot keeps its code
    unit.attributes = {{"iso", code}, {"name_en", unit.name}};
    unit.geometry = read_dcw_unit(file, code, geos);
    set.units.push_back(std::move(unit));
  }
  if (set.units.empty()) throw InputError(path, "DCW file has no countries", install_hint(path));
  std::sort(set.units.begin(), set.units.end(), [](const Unit& a, const Unit& b) { return a.id < b.id; });
  return set;
}

}  // namespace

std::vector<std::string> builtin_names() {
  return {kChinaProvinces, kWorldCountries};
}

std::string default_dcw_path() {
  const char* overridden = std::getenv("COVERMAP_DCW");
  return overridden != nullptr && *overridden != '\0' ? overridden : kDefaultDcwPath;
}

BoundarySet load_builtin(const std::string& name, const geo::GeosContext& geos) {
  if (name == kChinaProvinces) return load_china_provinces(geos);
  if (name == kWorldCountries) return load_world_countries(geos);
  throw InputError("builtin:" + name, "unknown built-in boundaries", "covermap boundaries list shows them");
}

}  // namespace covermap::boundaries
