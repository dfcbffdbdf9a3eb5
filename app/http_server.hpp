#pragma once
// cpp-httplib's server with the limits a server facing the open network needs, which httplib itself leaves
// open: a request's head (request line and headers) is bounded in bytes and must arrive within a deadline
// once begun, idle keep-alive connections are closed after a timeout (a shorter one when new connections are
// waiting for a worker), and a write that makes no progress times out. One worker thread serves one
// connection at a time; connections beyond the workers wait in a queue.
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <string>

namespace covermap::app {

struct HttpLimits {
  std::size_t max_request_head_bytes = std::size_t{16} * 1024;  // request line + headers
  std::chrono::milliseconds request_head_timeout{10'000};       // from its first byte to its last
  std::chrono::milliseconds keep_alive_timeout{5'000};          // idle between requests
  std::chrono::milliseconds busy_idle_timeout{1'000};           // idle, while other connections wait
  std::chrono::milliseconds write_timeout{10'000};              // without any byte accepted by the client
  std::size_t max_requests_per_connection = 100'000;
  int threads = 256;
};

class WorkerPool;

class HttpServer : public httplib::Server {
 public:
  explicit HttpServer(const HttpLimits& limits);
  ~HttpServer() override;

  // Binds `host`:`port` (0: a free port) with an accept queue as deep as the kernel allows; the port bound,
  // or -1. httplib's own bind_to_port listens with a queue of 5: connections arriving at once beyond it (a
  // map opening 64, say) are dropped and retried by the client a second or three later.
  int bind(const std::string& host, int port);

  // Every request, answered by `handle` (after the limits, before any body is read).
  void on_request(std::function<void(const httplib::Request&, httplib::Response&)> handle);

  // Called from a request's handler: the connection closes once the response is sent (for a request whose
  // body was not read, which would otherwise be taken for the next request).
  static void close_after_response();

  // stop() also wakes connections idling between requests, so the server stops within a moment.
  void stop_serving();

 private:
  bool process_and_close_socket(socket_t sock) override;

  HttpLimits limits_;
  std::atomic<WorkerPool*> pool_{nullptr};  // httplib owns it, for as long as it listens
  int stop_event_ = -1;                     // eventfd written once when stopping
  int listen_socket_ = -1;                  // the socket last set up for binding: the one bound
  std::atomic<bool> stopping_{false};
};

}  // namespace covermap::app
