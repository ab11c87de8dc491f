#include "http/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include <chrono>
#include <csignal>
#include <memory>
#include <thread>
#include <vector>

#include "http/listener.h"
#include "log.h"

namespace clinic::server {

namespace net = boost::asio;

int run_server(App& app) {
  const Config& config = app.config();
  net::thread_pool workers(static_cast<size_t>(config.workers));
  SessionHub hub{app, workers, {}, {}};
  // Declared after the hub so it can be destroyed first (below): handlers still queued
  // in it own sessions, and a session unregisters itself from the hub when destroyed.
  auto ioc = std::make_unique<net::io_context>(config.threads);
  // Keeps run() going while requests are in flight with no socket operation pending
  // (a handler on a worker thread), e.g. after the acceptor closed on SIGTERM.
  auto work = std::make_unique<net::executor_work_guard<net::io_context::executor_type>>(ioc->get_executor());
  net::ip::tcp::endpoint endpoint{net::ip::make_address(config.bind), static_cast<unsigned short>(config.port)};
  auto listener = std::make_shared<Listener>(*ioc, endpoint, hub);
  listener->run();
  log_info("listening on http://" + config.bind + ":" + std::to_string(listener->port()));

  std::thread drainer;
  auto signals = std::make_unique<net::signal_set>(*ioc, SIGINT, SIGTERM);
  signals->async_wait([&](const boost::system::error_code& ec, int sig) {
    if (ec) return;
    log_info(std::string("received ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") + ", draining");
    app.begin_drain();
    listener->stop();
    hub.close_idle();
    drainer = std::thread([&] {
      auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(config.shutdown_grace_ms);
      while (app.in_flight().load() > 0 && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        hub.close_idle();
      }
      if (app.in_flight().load() > 0) log_warn("grace period over with requests still in flight");
      app.stop_store();  // commits whatever is queued, checkpoints the WAL
      ioc->stop();
    });
  });

  std::vector<std::thread> io_threads;
  for (int i = 1; i < config.threads; ++i) io_threads.emplace_back([&] { ioc->run(); });
  ioc->run();
  for (auto& t : io_threads) t.join();
  if (drainer.joinable()) drainer.join();
  workers.join();
  signals.reset();
  work.reset();
  listener.reset();
  ioc.reset();
  log_info("stopped cleanly");
  return 0;
}

}  // namespace clinic::server
