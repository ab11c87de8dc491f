#include "http/server.h"

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/thread_pool.hpp>

#include <algorithm>
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
  // Declared after the hub so they can be destroyed first (below): handlers still queued
  // in them own sessions, and a session unregisters itself from the hub when destroyed.
  // One io_context per I/O thread (concurrency hint 1): a connection's handlers all run on
  // its thread, so they need no strand and the scheduler wakes no other thread.
  std::vector<std::unique_ptr<net::io_context>> contexts;
  std::vector<net::io_context*> context_ptrs;
  // Keep run() going while requests are in flight with no socket operation pending
  // (a handler on a worker thread), e.g. after the acceptor closed on SIGTERM.
  std::vector<net::executor_work_guard<net::io_context::executor_type>> work;
  for (int i = 0; i < std::max(1, config.threads); ++i) {
    contexts.push_back(std::make_unique<net::io_context>(1));
    context_ptrs.push_back(contexts.back().get());
    work.push_back(net::make_work_guard(*contexts.back()));
  }
  net::io_context& first = *contexts.front();
  net::ip::tcp::endpoint endpoint{net::ip::make_address(config.bind), static_cast<unsigned short>(config.port)};
  auto listener = std::make_shared<Listener>(context_ptrs, endpoint, hub);
  listener->run();
  log_info("listening on http://" + config.bind + ":" + std::to_string(listener->port()));

  std::thread drainer;
  auto signals = std::make_unique<net::signal_set>(first, SIGINT, SIGTERM);
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
      for (auto& c : contexts) c->stop();
    });
  });

  std::vector<std::thread> io_threads;
  for (size_t i = 1; i < contexts.size(); ++i) io_threads.emplace_back([&c = *contexts[i]] { c.run(); });
  first.run();
  for (auto& t : io_threads) t.join();
  if (drainer.joinable()) drainer.join();
  workers.join();
  signals.reset();
  work.clear();
  listener.reset();
  contexts.clear();
  log_info("stopped cleanly");
  return 0;
}

}  // namespace clinic::server
