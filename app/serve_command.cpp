#include "app/serve_command.hpp"

#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

#include "app/commands.hpp"
#include "app/http_server.hpp"
#include "app/tile_catalog.hpp"
#include "app/tile_server.hpp"
#include "geo/error.hpp"
#include "outputs/sqlite_handles.hpp"

namespace covermap::app {
namespace {

using Clock = std::chrono::steady_clock;
thread_local Clock::time_point request_started;

std::mutex log_mutex;

void log_line(const std::string& line) {
  const std::lock_guard lock(log_mutex);
  std::cerr << line << std::endl;
}

std::string request_line(const httplib::Request& request, const httplib::Response& response) {
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - request_started).count();
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.2f ms", ms);
  const std::size_t bytes = response.body.empty() ? response.content_length_ : response.body.size();
  return request.remote_addr + " " + request.method + " " + request.target + " " +
         std::to_string(response.status) + " " + std::to_string(bytes) + " B " + duration;
}

// Signals go to one thread that stops the server, so workers are never interrupted mid-request.
class StopOnSignal {
 public:
  explicit StopOnSignal(HttpServer& server) {
    sigset_t signals;
    sigemptyset(&signals);
    for (int signal : {SIGINT, SIGTERM, SIGUSR1}) sigaddset(&signals, signal);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any worker starts, which inherit the mask
    waiter_ = std::thread([&server, signals] {
      int received = 0;
      sigwait(&signals, &received);
      server.stop_serving();
    });
  }
  ~StopOnSignal() {
    pthread_kill(waiter_.native_handle(), SIGUSR1);
    waiter_.join();
  }

 private:
  std::thread waiter_;
};

}  // namespace

int run_serve(const ServeOptions& options) {
  outputs::sqlite_without_memory_statistics();  // MBTiles read by many threads at once
  outputs::MapTileOptions map_options;
  map_options.zoom = options.map_zoom;
  ServedPaths served = served_paths(options.paths);
  const TileCatalog catalog(
      std::move(served.entries), [](const std::string& message) { log_line("warning: " + message); },
      [&map_options](const std::string& path) { return open_served(path, map_options); });

  HttpLimits limits;
  limits.threads = options.threads;
  HttpServer server(limits);
  const std::string where =
      options.host.find(':') != std::string::npos ? "[" + options.host + "]" : options.host;
  const int port = server.bind(options.host, options.port);
  if (port < 0) {
    if (options.port == 0)
      throw InputError("--host", "cannot listen on " + options.host, "is it an address of this machine?");
    throw InputError("--port", "cannot listen on " + where + ":" + std::to_string(options.port),
                     "is another server using that port? choose another with --port");
  }
  TileServerSettings settings;
  settings.max_age_seconds = options.max_age;
  settings.listen_url = "http://" + where + ":" + std::to_string(port);
  settings.basemap_url = options.basemap.empty() ? served.basemap : options.basemap;  // --basemap wins
  const TileServer tiles(catalog, settings);
  server.on_request([&tiles](const httplib::Request& request, httplib::Response& response) {
    request_started = Clock::now();
    tiles.handle(request, response);
  });
  if (options.verbose)
    server.set_logger([](const httplib::Request& request, const httplib::Response& response) {
      log_line(request_line(request, response));
    });

  std::cout << "serving " << catalog.sets().size()
            << (catalog.sets().size() == 1 ? " tile set" : " tile sets") << " at " << settings.listen_url
            << "/" << std::endl;
  const StopOnSignal stop(server);
  server.listen_after_bind();
  return kDone;
}

}  // namespace covermap::app
