// What a route handler may reach: the application's services, handed to every handler as
// `Services&` (handlers are free functions, see routes/route_table.h). App owns them and fills
// this in once they exist; under `clinic-server routes` (App::RoutesOnly) there is no store,
// auth, WeChat client or scheduler, and no handler is ever called.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "auth/auth.h"
#include "auth/rate_limiter.h"
#include "clock.h"
#include "config.h"
#include "engagement/scheduler.h"
#include "metrics/metrics.h"
#include "privacy/vault.h"
#include "store/store.h"
#include "wechat/wechat_client.h"

namespace clinic::server {

struct Services {
  const Config* config = nullptr;
  const Clock* clock = nullptr;
  const Vault* vault = nullptr;
  Store* store = nullptr;
  WeChatClient* wechat = nullptr;
  Auth* auth = nullptr;
  Scheduler* scheduler = nullptr;
  Metrics* metrics = nullptr;
  const std::atomic<bool>* draining = nullptr;
  const std::atomic<int64_t>* in_flight = nullptr;
  // Owned here: only handlers use them.
  RateLimiter public_callers;                        // POST /api/core and /api/v1/triage/match, per address
  std::unique_ptr<ConcurrencyGate> staff_core_gate;  // POST /api/staff/core (config.staff_core_concurrency)
};

// The public, unauthenticated calls (POST /api/core, /api/v1/triage/match) share one budget per
// address; throws 429 rate_limited with the true Retry-After.
void admit_public_caller(Services& s, const RequestContext& ctx);

// With a read replica configured (--db-replica), a read that tolerates staleness (the daily
// report, rule simulation, the coupon catalogue) states where it ran and how stale it may be:
// X-Read-From: replica|primary, X-Staleness-Ms: the bound (0: current). Without one there is
// nothing to state.
inline Response stated_staleness(const Services& s, Response res, const Staleness& stale) {
  if (!s.store->has_replica()) return res;
  res.set("X-Read-From", stale.replica ? "replica" : "primary");
  res.set("X-Staleness-Ms", std::to_string(stale.max_ms));
  return res;
}

}  // namespace clinic::server
