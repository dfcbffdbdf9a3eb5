#include "tests/app/serve_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>

namespace covermap::test {

const ProvinceTiles& province_tiles() {
  static const TempDir* dir = new TempDir();  // left for the process's end, as the tiles are shared
  static const ProvinceTiles tiles = [] {
    const std::string example = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml";
    ProvinceTiles made{dir->path().string(), dir->file("cover.pmtiles"), dir->file("covermb.mbtiles"),
                       dir->file("coverdir")};
    for (const auto& [out, zooms] :
         {std::pair{made.pmtiles, "0-5"}, {made.mbtiles, "0-5"}, {made.directory, "0-3"}}) {
      const auto result = run_cli("tiles '" + example + "' -o '" + out + "' --zoom " + zooms);
      if (result.exit_code != 0) ADD_FAILURE() << result.err;
    }
    return made;
  }();
  return tiles;
}

std::vector<app::CatalogEntry> entries_for(const std::vector<std::string>& paths) {
  return app::catalog_entries(paths);
}

RunningServer::RunningServer(std::vector<app::CatalogEntry> entries, app::HttpLimits limits,
                             app::TileServerSettings settings)
    : catalog_(std::move(entries), [this](const std::string& message) { warnings_.push_back(message); }),
      server_(limits) {
  port_ = server_.bind("127.0.0.1", 0);
  settings.listen_url = url();
  tiles_ = std::make_unique<app::TileServer>(catalog_, settings);
  server_.on_request([this](const httplib::Request& request, httplib::Response& response) {
    tiles_->handle(request, response);
  });
  thread_ = std::thread([this] { server_.listen_after_bind(); });
  while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
}

RunningServer::~RunningServer() {
  server_.stop_serving();
  thread_.join();
}

httplib::Client RunningServer::client() const {
  httplib::Client client("127.0.0.1", port_);
  client.set_keep_alive(true);
  return client;
}

namespace {

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Whether `sock` is ready for `events` by `deadline` (a deadline passed still looks once).
bool ready_by(int sock, short events, std::chrono::steady_clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
  pollfd fd{sock, events, 0};
  return ::poll(&fd, 1, static_cast<int>(std::max<std::int64_t>(left.count(), 0))) == 1;
}

}  // namespace

int connect_without_waiting(int port) {
  const int sock = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  const sockaddr_in address = loopback(port);
  if (::connect(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 &&
      errno != EINPROGRESS) {
    ::close(sock);
    return -1;  // never made: wait_until_connected says so
  }
  return sock;
}

bool wait_until_connected(int sock, std::chrono::steady_clock::time_point deadline) {
  if (!ready_by(sock, POLLOUT, deadline)) return false;
  int error = 0;
  socklen_t length = sizeof error;
  return ::getsockopt(sock, SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
}

std::string raw_exchange(int port, const std::string& bytes, int wait_ms) {
  const int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  const sockaddr_in address = loopback(port);
  std::string answer;
  if (::connect(sock, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) {
    std::size_t sent = 0;
    while (sent < bytes.size()) {
      const ssize_t n = ::send(sock, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) break;
      sent += static_cast<std::size_t>(n);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
    while (ready_by(sock, POLLIN, deadline)) {
      char buffer[4096];
      const ssize_t n = ::recv(sock, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      answer.append(buffer, static_cast<std::size_t>(n));
    }
  }
  ::close(sock);
  return answer;
}

}  // namespace covermap::test
