// covermap serve under changes and misbehaving clients: a tile set renamed over by a new build, a damaged
// replacement, request heads too large, clients too slow, idle connections; and the CLI around it.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <thread>

#include "tests/app/serve_support.hpp"

namespace covermap::test {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;
using Clock = std::chrono::steady_clock;

const std::string kExample = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/children-reached.yaml";

int max_zoom_served(httplib::Client& client, const std::string& name) {
  const auto response = client.Get("/" + name + ".json");
  return response && response->status == 200 ? nlohmann::json::parse(response->body)["maxzoom"].get<int>()
                                             : -1;
}

TEST(ServeReload, ATileSetRenamedOverIsServedAtOnceAndADamagedOneNever) {
  TempDir dir;
  const std::string served = dir.file("live.pmtiles");
  fs::copy_file(province_tiles().pmtiles, served);  // zooms 0-5
  RunningServer server(entries_for({served}));
  auto client = server.client();
  EXPECT_EQ(max_zoom_served(client, "live"), 5);
  const auto before = client.Get("/live.pmtiles");

  // A new build of zooms 0-2, written beside it and renamed over it, as covermap writes every output.
  const auto build = run_cli("tiles '" + kExample + "' -o '" + dir.file("next.pmtiles") + "' --zoom 0-2");
  ASSERT_EQ(build.exit_code, 0) << build.err;
  fs::rename(dir.file("next.pmtiles"), served);
  EXPECT_EQ(max_zoom_served(client, "live"), 2);
  EXPECT_EQ(client.Get("/live/3/6/3.png")->status, 404);
  const auto after = client.Get("/live.pmtiles");
  EXPECT_NE(after->get_header_value("ETag"), before->get_header_value("ETag"));
  EXPECT_TRUE(after->body == read_file(served));

  // Half an archive renamed over it: the last good one goes on, and the server says why once.
  const std::string half = read_file(province_tiles().pmtiles).substr(0, 20000);
  dir.write("half.pmtiles", half);
  fs::rename(dir.file("half.pmtiles"), served);
  EXPECT_EQ(max_zoom_served(client, "live"), 2);
  EXPECT_EQ(client.Get("/live/2/3/1.png")->status, 200);
  EXPECT_EQ(max_zoom_served(client, "live"), 2);
  ASSERT_EQ(server.warnings().size(), 1u);
  EXPECT_NE(server.warnings()[0].find("kept the earlier tiles of \"live\""), std::string::npos)
      << server.warnings()[0];
}

TEST(ServeReload, AFolderSwappedByANewBuildIsServedToo) {
  TempDir dir;
  const std::string served = dir.file("web");
  auto build = run_cli("tiles '" + kExample + "' -o '" + served + "' --zoom 0-1");
  ASSERT_EQ(build.exit_code, 0) << build.err;
  RunningServer server(entries_for({served}));
  auto client = server.client();
  EXPECT_EQ(max_zoom_served(client, "web"), 1);
  build = run_cli("tiles '" + kExample + "' -o '" + served + "' --zoom 0-3");
  ASSERT_EQ(build.exit_code, 0) << build.err;
  EXPECT_EQ(max_zoom_served(client, "web"), 3);
  EXPECT_EQ(client.Get("/web/3/6/3.png")->status, 200);
}

TEST(ServeMaps, AMapFileIsDrawnOnDemandAsItsTilesAreWrittenAndRedrawnWhenItsDataChanges) {
  TempDir dir;
  const std::string examples = std::string(COVERMAP_SOURCE_DIR) + "/tests/data/";
  fs::copy_file(examples + "children-reached.yaml", dir.file("children.yaml"));
  fs::copy_file(examples + "children-reached.csv", dir.file("children-reached.csv"));
  RunningServer server(entries_for({dir.file("children.yaml")}));
  auto client = server.client();
  EXPECT_EQ(max_zoom_served(client, "children"), 10);
  const auto drawn = client.Get("/children/3/6/3.png");
  ASSERT_TRUE(drawn);
  ASSERT_EQ(drawn->status, 200) << drawn->body;
  EXPECT_TRUE(drawn->body == read_file(province_tiles().directory + "/3/6/3.png"))
      << "the same bytes as written";
  EXPECT_EQ(client.Get("/children/9/418/193.png")->status, 200)
      << "a zoom 9 tile over Hebei, drawn when asked";
  const auto query = [&] {
    return nlohmann::json::parse(client.Get("/children/query?lon=116.3&lat=40.3")->body)["unit"]["value"];
  };
  EXPECT_EQ(query(), "12400");

  // Beijing's value rewritten (the new file renamed over the old): the next requests see the new map.
  std::string csv = read_file(dir.file("children-reached.csv"));
  csv.replace(csv.find("12400"), 5, "99999");
  dir.write("next.csv", csv);
  fs::rename(dir.file("next.csv"), dir.file("children-reached.csv"));
  const auto redrawn = client.Get("/children/3/6/3.png");
  EXPECT_EQ(redrawn->status, 200);
  EXPECT_NE(redrawn->body, drawn->body);
  EXPECT_EQ(query(), "99999");
}

app::HttpLimits quick_limits() {
  app::HttpLimits limits;
  limits.request_head_timeout = milliseconds(400);
  limits.keep_alive_timeout = milliseconds(400);
  limits.write_timeout = milliseconds(400);
  limits.threads = 4;
  return limits;
}

TEST(ServeLimits, ARequestHeadTooLargeIsRefusedAndTheConnectionClosed) {
  RunningServer server(entries_for({province_tiles().pmtiles}), quick_limits());
  const std::string many_headers = [] {
    std::string head = "GET /cover/3/6/3.png HTTP/1.1\r\nHost: x\r\n";
    for (int i = 0; i < 1000; ++i)
      head += "X-Filler-" + std::to_string(i) + ": " + std::string(40, 'a') + "\r\n";
    return head + "\r\n";
  }();
  const std::string answer = raw_exchange(server.port(), many_headers, 2000);
  EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos) << answer.substr(0, 200);
  const std::string long_line =
      raw_exchange(server.port(), "GET /" + std::string(100'000, 'a') + " HTTP/1.1\r\n\r\n");
  EXPECT_EQ(long_line.find("HTTP/1.1 200"), std::string::npos) << long_line.substr(0, 200);
  // The server is still there for everyone else.
  EXPECT_EQ(server.client().Get("/cover/3/6/3.png")->status, 200);
}

TEST(ServeLimits, ASlowClientIsCutOffAtTheHeadDeadline) {
  RunningServer server(entries_for({province_tiles().pmtiles}), quick_limits());
  // A request line sent a few bytes at a time, never finished (slowloris): the connection is closed once the
  // head deadline passes, however steadily the bytes trickle.
  const int port = server.port();
  const auto started = Clock::now();
  std::string answer;
  std::thread trickle(
      [&] { answer = raw_exchange(port, "GET /cover/3/6/3.png HTTP/1.1\r\nX-Slow: ", 3000); });
  trickle.join();
  const auto waited = std::chrono::duration_cast<milliseconds>(Clock::now() - started);
  EXPECT_LT(waited.count(), 2500) << "closed at the 400 ms deadline, not after the client's 3 s";
  EXPECT_EQ(answer.find("HTTP/1.1 200"), std::string::npos);
}

TEST(ServeLimits, IdleKeepAliveConnectionsAreClosedAndGivenUpWhenOthersWait) {
  app::HttpLimits limits = quick_limits();
  limits.keep_alive_timeout = milliseconds(20'000);
  limits.threads = 1;
  RunningServer server(entries_for({province_tiles().pmtiles}), limits);
  // The only worker holds an idle keep-alive connection; a second client must not wait 20 s for it.
  auto first = server.client();
  ASSERT_EQ(first.Get("/healthz")->status, 200);
  const auto started = Clock::now();
  auto second = server.client();
  const auto response = second.Get("/cover/3/6/3.png");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_LT(std::chrono::duration_cast<milliseconds>(Clock::now() - started).count(), 5000);
}

// A web map opens dozens of connections at once, and a busy server accepts them a moment later: they wait in
// the kernel's accept queue. Before the server accepts any, 200 connections all complete their handshake;
// with httplib's queue of 5 the rest would be dropped and their requests retried a second or three later.
TEST(ServeLimits, ConnectionsArrivingAtOnceWaitToBeAcceptedRatherThanBeDropped) {
  app::HttpLimits limits = quick_limits();
  limits.threads = 2;
  app::HttpServer server(limits);
  const int port = server.bind("127.0.0.1", 0);
  ASSERT_GT(port, 0);
  constexpr int kConnections = 200;
  std::vector<int> sockets;
  sockets.reserve(kConnections);
  for (int i = 0; i < kConnections; ++i) sockets.push_back(connect_without_waiting(port));
  // Not accepted yet: a connection is made once the kernel queues it, and one that found the queue full
  // stays unmade (its retried handshake finds the queue as full).
  const auto deadline = Clock::now() + milliseconds(3000);
  int made = 0;
  for (const int sock : sockets) made += wait_until_connected(sock, deadline) ? 1 : 0;
  EXPECT_EQ(made, kConnections);
  for (const int sock : sockets)
    if (sock >= 0) ::close(sock);
  std::thread serving([&server] { server.listen_after_bind(); });
  while (!server.is_running()) std::this_thread::sleep_for(milliseconds(1));
  server.stop_serving();
  serving.join();
}

TEST(ServeCli, PrintsWhereItListensLogsAtVerboseAndStopsOnSigterm) {
  TempDir dir;
  const std::string out = dir.file("out.txt"), err = dir.file("err.txt");
  const auto started = run_shell("'" COVERMAP_CLI "' serve '" + province_tiles().pmtiles +
                                 "' --port 0 --verbose >'" + out + "' 2>'" + err + "' & echo $!");
  const int pid = std::stoi(started.out);
  std::string url;
  int port = 0;
  for (int i = 0; i < 200 && url.empty(); ++i) {
    std::smatch match;
    const std::string printed = read_file(out);
    if (std::regex_search(printed, match, std::regex(R"(http://127\.0\.0\.1:(\d+)/)"))) {
      url = match[0];
      port = std::stoi(match[1]);
    }
    std::this_thread::sleep_for(milliseconds(50));
  }
  ASSERT_FALSE(url.empty()) << read_file(err);
  EXPECT_EQ(read_file(out), "serving 1 tile set at " + url + "\n");
  httplib::Client client("127.0.0.1", port);
  const auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_NE(health->body.find("\"ok\""), std::string::npos) << health->body;
  ::kill(pid, SIGTERM);
  const auto waited = run_shell("for i in $(seq 100); do kill -0 " + std::to_string(pid) +
                                " 2>/dev/null || exit 0; sleep 0.1; done; exit 1");
  EXPECT_EQ(waited.exit_code, 0) << "covermap serve did not stop on SIGTERM";
  EXPECT_NE(read_file(err).find("GET /healthz 200"), std::string::npos) << read_file(err);
}

TEST(ServeCli, APathThatIsNoTileSetIsBadInput) {
  TempDir dir;
  const auto missing = run_cli("serve '" + dir.file("nothing.pmtiles") + "' --port 0");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nothing.pmtiles"), std::string::npos) << missing.err;
  const std::string bogus = dir.write("bogus.pmtiles", "not an archive");
  const auto damaged = run_cli("serve '" + bogus + "' --port 0");
  EXPECT_EQ(damaged.exit_code, 2);
  EXPECT_EQ(damaged.err.rfind("error: " + bogus, 0), 0u) << damaged.err;
  const auto twice =
      run_cli("serve '" + province_tiles().pmtiles + "' '" + province_tiles().pmtiles + "' --port 0");
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("another tile set is also named \"cover\""), std::string::npos) << twice.err;
}

}  // namespace
}  // namespace covermap::test
