// A folder of z/x/y tiles as a TileSource. Tiles are opened beneath the folder only: a symbolic link inside
// it may point elsewhere inside it, never out of it, so serving a folder never reads anything else.
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

#include "geo/error.hpp"
#include "geo/number.hpp"
#include "geo/tile_math.hpp"
#include "outputs/file_descriptor.hpp"
#include "outputs/tile_source.hpp"

namespace covermap::outputs {
namespace {

namespace fs = std::filesystem;

// Kernels before 5.6 have no openat2: there, a walk that follows no symbolic link at all.
int open_without_links(int dir, const std::string& relative) {
  int current = dir;
  std::size_t start = 0;
  for (;;) {
    const std::size_t slash = relative.find('/', start);
    const std::string part =
        relative.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    const bool last = slash == std::string::npos;
    if (part.empty() || part == "." || part == "..") {
      if (current != dir) ::close(current);
      errno = ENOENT;
      return -1;
    }
    const int next =
        ::openat(current, part.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | (last ? 0 : O_DIRECTORY));
    const int saved = errno;
    if (current != dir) ::close(current);
    errno = saved;
    if (next < 0 || last) return next;
    current = next;
    start = slash + 1;
  }
}

// `relative` opened for reading beneath `dir`; -1 with errno set (ENOENT, or EXDEV/ELOOP for a link out).
int open_beneath(int dir, const std::string& relative) {
  open_how how{};
  how.flags = O_RDONLY | O_CLOEXEC;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  const long fd = ::syscall(SYS_openat2, dir, relative.c_str(), &how, sizeof how);
  if (fd >= 0 || errno != ENOSYS) return static_cast<int>(fd);
  return open_without_links(dir, relative);
}

// The whole regular file `relative` beneath `dir`; nullopt when absent or not a regular file.
std::optional<std::string> read_beneath(int dir, const std::string& relative, const std::string& shown_as) {
  const FileDescriptor file(open_beneath(dir, relative));
  if (!file) {
    if (errno == ENOENT || errno == ENOTDIR || errno == EXDEV || errno == ELOOP) return std::nullopt;
    throw InputError(shown_as, std::string("cannot open: ") + std::strerror(errno));
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0 || !S_ISREG(status.st_mode)) return std::nullopt;
  std::string bytes(static_cast<std::size_t>(status.st_size), '\0');
  if (!read_at(file.get(), 0, bytes.data(), bytes.size()))
    throw InputError(shown_as, "cannot read: the file ended early", "was it changed while being read?");
  return bytes;
}

int open_folder(const std::string& path) {
  const int dir = ::open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) return dir;
  if (errno == ENOTDIR) throw InputError(path, "is neither a tile folder nor a .pmtiles or .mbtiles archive");
  throw InputError(path, std::string("cannot open: ") + std::strerror(errno));
}

class FolderSource : public TileSource {
 public:
  explicit FolderSource(const std::string& path) : TileSource(path), dir_(open_folder(path)) {
    const auto identity = file_identity(dir_.get());
    if (!identity) throw InputError(path, std::string("cannot read: ") + std::strerror(errno));
    identity_ = *identity;
    facts_.kind = TileSinkKind::directory;
    nlohmann::ordered_json stored = nlohmann::ordered_json::object();
    std::optional<geo::Point> center;
    int center_zoom = -1;
    if (const auto text = read_beneath(dir_.get(), "tiles.json", path + "/tiles.json")) {
      stored = nlohmann::ordered_json::parse(*text, nullptr, false);
      if (!stored.is_object()) throw InputError(path + "/tiles.json", "is not a JSON object");
      read_stored_facts(stored, center, center_zoom);
    } else {
      read_layout_facts(path);
    }
    facts_.vector = facts_.extension == "pbf" || facts_.extension == "mvt";
    facts_.tilejson = detail::describe_tile_set(stored, facts_, center, center_zoom);
  }

  std::optional<std::string> tile(int z, std::uint32_t x, std::uint32_t y) const override {
    const std::string relative =
        std::to_string(z) + "/" + std::to_string(x) + "/" + std::to_string(y) + "." + facts_.extension;
    return read_beneath(dir_.get(), relative, path() + "/" + relative);
  }

  std::optional<std::string> style() const override {
    if (!facts_.vector) return std::nullopt;
    return read_beneath(dir_.get(), "style.json", path() + "/style.json");
  }

 private:
  // covermap's tiles.json (or another tool's TileJSON): zooms, bounds, centre and the tiles' extension.
  void read_stored_facts(const nlohmann::ordered_json& stored, std::optional<geo::Point>& center,
                         int& center_zoom) {
    facts_.min_zoom = stored.value("minzoom", 0);
    facts_.max_zoom = stored.value("maxzoom", geo::kMaxTileZoom);
    if (const auto bounds = stored.find("bounds");
        bounds != stored.end() && bounds->is_array() && bounds->size() == 4 && (*bounds)[0].is_number())
      facts_.bounds = {(*bounds)[0], (*bounds)[1], (*bounds)[2], (*bounds)[3]};
    if (const auto middle = stored.find("center");
        middle != stored.end() && middle->is_array() && middle->size() == 3 && (*middle)[0].is_number()) {
      center = geo::Point{(*middle)[0], (*middle)[1]};
      center_zoom = (*middle)[2];
    }
    facts_.extension = stored.value("format", "");
    if (facts_.extension.empty() && stored.contains("tiles") && stored["tiles"].is_array() &&
        !stored["tiles"].empty() && stored["tiles"][0].is_string()) {
      const std::string url = stored["tiles"][0];
      facts_.extension = fs::path(url).extension().string().substr(std::min<std::size_t>(1, url.size()));
    }
    if (facts_.extension.empty()) facts_.extension = "png";
  }

  // No TileJSON: the zooms are the numbered folders, the extension that of the first tile found.
  void read_layout_facts(const std::string& path) {
    std::set<int> zooms;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(path, error))
      if (const auto zoom = geo::parse_plain_unsigned(entry.path().filename().string());
          zoom && *zoom <= geo::kMaxTileZoom && entry.is_directory(error))
        zooms.insert(static_cast<int>(*zoom));
    if (zooms.empty())
      throw InputError(path, "holds no tiles (no z/x/y folders and no tiles.json)",
                       "give a tile folder, an .mbtiles or a .pmtiles");
    facts_.min_zoom = *zooms.begin();
    facts_.max_zoom = *zooms.rbegin();
    for (const auto& entry :
         fs::recursive_directory_iterator(path + "/" + std::to_string(*zooms.begin()), error))
      if (entry.is_regular_file(error)) {
        facts_.extension = entry.path().extension().string().substr(1);
        break;
      }
    if (facts_.extension.empty()) facts_.extension = "png";
  }

  FileDescriptor dir_;
};

}  // namespace

namespace detail {

std::unique_ptr<TileSource> open_folder_source(const std::string& path) {
  return std::make_unique<FolderSource>(path);
}

}  // namespace detail
}  // namespace covermap::outputs
