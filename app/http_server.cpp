#include "app/http_server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "geo/error.hpp"

namespace covermap::app {
namespace {

using Clock = std::chrono::steady_clock;

thread_local bool close_after = false;

int wait_ms(Clock::time_point deadline) {
  const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 1'000'000));
}

// poll() for `events` on `fd` until `deadline`; true when ready.
bool wait_for(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    pollfd poll_fd{fd, events, 0};
    const int ready = ::poll(&poll_fd, 1, wait_ms(deadline));
    if (ready > 0) return true;
    if (ready == 0 || errno != EINTR) return false;
  }
}

void drain(int event_fd) {
  std::uint64_t count = 0;
  [[maybe_unused]] const ssize_t read_bytes = ::read(event_fd, &count, sizeof count);
}

void signal(int event_fd) {
  const std::uint64_t one = 1;
  [[maybe_unused]] const ssize_t written = ::write(event_fd, &one, sizeof one);
}

}  // namespace

// httplib's thread pool, plus what idle connections need to know: whether new connections wait for a worker
// (then `pressure_fd` is readable, and an idle keep-alive connection gives its worker up).
class WorkerPool final : public httplib::TaskQueue {
 public:
  explicit WorkerPool(int threads) : pressure_fd_(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    if (pressure_fd_ < 0) throw InternalError("serve", std::string("eventfd: ") + std::strerror(errno));
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~WorkerPool() override { ::close(pressure_fd_); }

  void enqueue(std::function<void()> job) override {
    const std::lock_guard lock(mutex_);
    jobs_.push_back(std::move(job));
    if (idle_ == 0) signal(pressure_fd_);
    wake_.notify_one();
  }

  void shutdown() override {
    {
      const std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    for (auto& worker : workers_) worker.join();
  }

  bool others_waiting() const {
    const std::lock_guard lock(mutex_);
    return !jobs_.empty();
  }
  int pressure_fd() const { return pressure_fd_; }

 private:
  void work() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        ++idle_;
        wake_.wait(lock, [&] { return !jobs_.empty() || stopping_; });
        --idle_;
        if (jobs_.empty()) return;  // stopping, and nothing left to do
        job = std::move(jobs_.front());
        jobs_.pop_front();
        if (jobs_.empty()) drain(pressure_fd_);
      }
      job();
    }
  }

  const int pressure_fd_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> workers_;
  int idle_ = 0;
  bool stopping_ = false;
};

namespace {

// One client connection as httplib reads and writes it. Reads are buffered and bounded: a request's head
// may not exceed its byte limit nor take longer than its deadline. Writes are gathered and sent when a
// response is complete (one send for a small response) or the buffer fills, each send waiting at most the
// write timeout for the client to take bytes.
class ConnectionStream final : public httplib::Stream {
 public:
  ConnectionStream(int sock, const HttpLimits& limits) : sock_(sock), limits_(limits) {}

  bool is_readable() const override { return buffered() > 0 || wait_for(sock_, POLLIN, head_deadline_); }
  bool is_writable() const override { return wait_for(sock_, POLLOUT, Clock::now() + limits_.write_timeout); }

  ssize_t read(char* into, size_t size) override {
    if (head_bytes_ >= limits_.max_request_head_bytes) return -1;
    if (buffered() == 0) {
      if (!flush() || !wait_for(sock_, POLLIN, head_deadline_)) return -1;
      const ssize_t got = ::recv(sock_, buffer_, sizeof buffer_, 0);
      if (got <= 0) return got;
      begin_ = 0;
      end_ = static_cast<std::size_t>(got);
    }
    const std::size_t n = std::min({size, buffered(), limits_.max_request_head_bytes - head_bytes_});
    std::memcpy(into, buffer_ + begin_, n);
    begin_ += n;
    head_bytes_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* data, size_t size) override {
    out_.append(data, size);
    if (out_.size() >= kFlushBytes && !flush()) return -1;
    return static_cast<ssize_t>(size);
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { address(::getpeername, ip, port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override { address(::getsockname, ip, port); }
  socket_t socket() const override { return sock_; }

  // Sends what was written; false when the client stopped taking bytes for the write timeout.
  bool flush() {
    std::size_t sent = 0;
    while (sent < out_.size()) {
      const ssize_t n = ::send(sock_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n > 0) {
        sent += static_cast<std::size_t>(n);
      } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)) {
        if (!wait_for(sock_, POLLOUT, Clock::now() + limits_.write_timeout)) return false;
      } else {
        return false;
      }
    }
    out_.clear();
    return true;
  }

  // Waits for the next request's first byte. False when the client closed or stayed idle past `idle`, the
  // server is stopping, or other connections wait for a worker while this one idles.
  bool wait_for_request(std::chrono::milliseconds idle, int stop_fd, const WorkerPool* pool) {
    if (buffered() > 0) return true;
    const auto started = Clock::now();
    const auto deadline = started + idle;
    // Under pressure a connection is given up only once it has idled a while: one in use may have a request
    // on its way, and closing it then would fail that request.
    const auto give_up_after = started + limits_.busy_idle_timeout;
    bool pressed = false;
    for (;;) {
      const bool watch_pressure = pool && !pressed;
      pollfd fds[3] = {
          {sock_, POLLIN, 0}, {stop_fd, POLLIN, 0}, {watch_pressure ? pool->pressure_fd() : -1, POLLIN, 0}};
      const auto until = pressed ? std::min(deadline, give_up_after) : deadline;
      const int ready = ::poll(fds, 3, wait_ms(until));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0 || fds[1].revents) return false;
      if (fds[0].revents) return true;
      if (ready == 0) {
        if (Clock::now() >= deadline) return false;
        if (pressed && pool->others_waiting()) return false;
        pressed = false;  // the others were served meanwhile: idle on
        continue;
      }
      if (fds[2].revents) pressed = pool->others_waiting();
    }
  }

  void start_request() {
    head_deadline_ = Clock::now() + limits_.request_head_timeout;
    head_bytes_ = 0;
  }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{64} * 1024;

  std::size_t buffered() const { return end_ - begin_; }

  template <typename Lookup>
  void address(Lookup lookup, std::string& ip, int& port) const {
    sockaddr_storage storage{};
    socklen_t length = sizeof storage;
    ip.clear();
    port = -1;
    if (lookup(sock_, reinterpret_cast<sockaddr*>(&storage), &length) != 0) return;
    char text[INET6_ADDRSTRLEN] = {};
    if (storage.ss_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(&storage);
      ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
      port = ntohs(v4->sin_port);
    } else if (storage.ss_family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&storage);
      ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
      port = ntohs(v6->sin6_port);
    }
    ip = text;
  }

  const int sock_;
  const HttpLimits& limits_;
  char buffer_[4096];
  std::size_t begin_ = 0, end_ = 0;
  std::size_t head_bytes_ = 0;
  Clock::time_point head_deadline_ = Clock::now();
  std::string out_;
};

}  // namespace

HttpServer::HttpServer(const HttpLimits& limits) : limits_(limits), stop_event_(::eventfd(0, EFD_CLOEXEC)) {
  if (stop_event_ < 0) throw InternalError("serve", std::string("eventfd: ") + std::strerror(errno));
  new_task_queue = [this] {
    auto* pool = new WorkerPool(std::max(1, limits_.threads));
    pool_.store(pool);
    return pool;
  };
  // What httplib says in its Keep-Alive response header.
  set_keep_alive_timeout(std::max<time_t>(1, limits_.keep_alive_timeout.count() / 1000));
  set_keep_alive_max_count(limits_.max_requests_per_connection);
  set_payload_max_length(0);
  // httplib's default sets SO_REUSEPORT, which lets a second server bind the same port and share its
  // connections without a word; SO_REUSEADDR alone still allows a restart while old connections linger.
  set_socket_options([this](socket_t sock) {
    const int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_socket_ = sock;
  });
}

int HttpServer::bind(const std::string& host, int port) {
  const int bound = port == 0 ? bind_to_any_port(host) : (bind_to_port(host, port) ? port : -1);
  // listen() again on the listening socket sets its queue anew (the kernel caps it at net.core.somaxconn).
  if (bound >= 0 && ::listen(listen_socket_, SOMAXCONN) != 0)
    throw InternalError("serve", std::string("listen: ") + std::strerror(errno));
  return bound;
}

HttpServer::~HttpServer() {
  ::close(stop_event_);
}

void HttpServer::on_request(std::function<void(const httplib::Request&, httplib::Response&)> handle) {
  set_pre_routing_handler(
      [handle = std::move(handle)](const httplib::Request& request, httplib::Response& response) {
        handle(request, response);
        return HandlerResponse::Handled;
      });
}

void HttpServer::close_after_response() {
  close_after = true;
}

void HttpServer::stop_serving() {
  if (stopping_.exchange(true)) return;
  signal(stop_event_);
  stop();
}

bool HttpServer::process_and_close_socket(socket_t sock) {
  const int one = 1;
  ::setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  ConnectionStream stream(sock, limits_);
  const WorkerPool* pool = pool_.load();
  // Range headers are answered by the handlers themselves (httplib would cut the body again).
  const std::function<void(httplib::Request&)> setup = [](httplib::Request& request) {
    request.ranges.clear();
  };
  for (std::size_t served = 0;;) {
    const auto idle = served == 0 ? limits_.request_head_timeout : limits_.keep_alive_timeout;
    if (!stream.wait_for_request(idle, stop_event_, pool)) break;
    stream.start_request();
    const bool last = ++served >= limits_.max_requests_per_connection || stopping_.load();
    bool closed = false;
    close_after = false;
    const bool ok = process_request(stream, last, closed, setup);
    if (!stream.flush() || !ok || closed || last || close_after) break;
  }
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return true;
}

}  // namespace covermap::app
