// The application: the router, the services a route needs (store, auth, WeChat, scheduler …)
// and static files. handle() maps one complete HTTP request to its response without sockets,
// so it is tested without a network (tests/server/*_test.cpp); it is not pure (routes read and
// write the store). Route handlers live in routes/*.cpp, registered from their route tables.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "auth/auth.h"
#include "clock.h"
#include "config.h"
#include "engagement/scheduler.h"
#include "http/message.h"
#include "log.h"
#include "metrics/metrics.h"
#include "privacy/vault.h"
#include "router.h"
#include "routes/services.h"
#include "store/store.h"
#include "wechat/wechat_client.h"

namespace clinic::server {

class App {
 public:
  // Opens the key file and the database (migrations, optional demo seeding). Throws on
  // bad setup with a message fit for the operator.
  explicit App(Config config);
  // Only the route table (`clinic-server routes`): no key file, no database, no access log —
  // nothing on disk is opened, created, migrated or checkpointed. handle() must not be called.
  struct RoutesOnly {};
  App(Config config, RoutesOnly);
  ~App();

  // Thread-safe. `remote` is the peer address (rate limits only).
  Response handle(const Request& req, const std::string& remote);
  // True when `req` goes to a route registered with Exec::io and its body is small
  // (kIoBodyLimit): the session may then call handle() on its I/O thread.
  bool runs_on_io(const Request& req) const;
  static constexpr size_t kIoBodyLimit = 4096;
  // Response for a request the session could not parse (413, 431, 400).
  Response reject(unsigned version, std::string_view code, std::string_view message);

  // Lifecycle (the HTTP server calls these).
  void begin_drain() { draining_ = true; }
  bool draining() const { return draining_; }
  void stop_store() {
    scheduler_->stop();
    store_->stop();
  }

  const Config& config() const { return config_; }
  Store& store() { return *store_; }
  Auth& auth() { return *auth_; }
  const Vault& vault() const { return vault_; }
  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  int64_t now_ms() const { return clock_.now_ms(); }
  std::atomic<int64_t>& in_flight() { return in_flight_; }

 private:
  void add_routes();
  void wire_services();
  Response serve_static(RequestContext& ctx);

  Config config_;
  Clock clock_;
  Vault vault_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<WeChatClient> wechat_;
  std::unique_ptr<Auth> auth_;
  std::unique_ptr<Scheduler> scheduler_;  // destroyed (stopped) before the store
  Router router_;
  Metrics metrics_;
  AccessLog access_log_;
  std::atomic<bool> draining_{false};
  std::atomic<int64_t> in_flight_{0};
  Services services_;  // what the route tables' handlers reach (wire_services)
};

}  // namespace clinic::server
