#include "geo/binary_record.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "geo/atomic_output.hpp"
#include "geo/error.hpp"

namespace covermap::geo {

std::optional<std::string> write_cache_entry(const std::string& directory, const std::string& path,
                                             std::string_view bytes) {
  try {
    std::filesystem::create_directories(directory);
    AtomicOutput output(path);
    {
      std::ofstream out(output.temp_path(), std::ios::binary);
      out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
      if (!out.flush()) return std::string(std::strerror(errno));
    }
    output.commit();
  } catch (const std::filesystem::filesystem_error& e) {
    return e.code().message();
  } catch (const Error& e) {
    return e.detail();
  }
  return std::nullopt;
}

}  // namespace covermap::geo
