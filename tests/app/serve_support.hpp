#pragma once
// For the serve tests: tile sets made once by the real CLI from the provinces example, and a server running
// in this process on a free loopback port.
#include <httplib.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "app/http_server.hpp"
#include "app/tile_catalog.hpp"
#include "app/tile_server.hpp"
#include "tests/test_support.hpp"

namespace covermap::test {

// tests/data/children-reached.yaml as cover.pmtiles (z0-5), covermb.mbtiles (z0-5) and the folder coverdir
// (z0-3), made once per test binary and kept until it ends.
struct ProvinceTiles {
  std::string folder, pmtiles, mbtiles, directory;
};
const ProvinceTiles& province_tiles();

class RunningServer {
 public:
  explicit RunningServer(std::vector<app::CatalogEntry> entries, app::HttpLimits limits = {},
                         app::TileServerSettings settings = {});
  ~RunningServer();

  int port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  httplib::Client client() const;
  const std::vector<std::string>& warnings() const { return warnings_; }

 private:
  std::vector<std::string> warnings_;
  app::TileCatalog catalog_;
  app::HttpServer server_;
  std::unique_ptr<app::TileServer> tiles_;
  int port_ = -1;
  std::thread thread_;
};

// Entries for the given tile set paths, named as the CLI names them.
std::vector<app::CatalogEntry> entries_for(const std::vector<std::string>& paths);

// Sends `bytes` on a fresh connection to 127.0.0.1:port and returns all the server says until it closes
// the connection or `wait_ms` pass.
std::string raw_exchange(int port, const std::string& bytes, int wait_ms = 3000);

// A connection to 127.0.0.1:port begun without waiting for the handshake (a non-blocking socket), and
// whether it was made by `deadline`.
int connect_without_waiting(int port);
bool wait_until_connected(int sock, std::chrono::steady_clock::time_point deadline);

}  // namespace covermap::test
