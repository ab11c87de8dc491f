// The reminder scheduler: a thread in the server that sends what the outbox holds when it
// is due. Each tick:
//   0. once a day, adds the month's points_expiring rows (reminders.h) — their cause is time;
//   1. claims due rows in the database (one UPDATE … WHERE status='due' AND due_at<=now
//      with a fresh claim token and a lease), so two instances sharing a store never take
//      the same row and a crashed instance's claims come back when the lease runs out;
//   2. decides per row in one transaction: stale or member gone → skipped; no template for
//      the kind → skipped; quiet hours at the clinic → back to due at their end; no unused
//      matching subscription (one accept = one message) → skipped; else the accept is
//      reserved for this row;
//   3. sends through WeChat outside any transaction and records the outcome: sent; 43101
//      (refused), 47003 (bad field), 40003 (bad openid) → failed for good; anything else
//      → due again after a backoff (1, 5, 30, 120 min), failed after 5 attempts.
// A row is marked sent right after WeChat accepts it; nothing is resent after a restart.
// Thread-safe; tick() may also be called directly (the test hook route).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>

#include "store/store.h"
#include "wechat/wechat_client.h"

namespace clinic::server {

struct TickResult {
  int claimed = 0, sent = 0, failed = 0, skipped = 0, retried = 0, deferred = 0;
};

class Scheduler {
 public:
  using NowFn = std::function<int64_t()>;
  Scheduler(Store& store, WeChatClient& wechat, NowFn now, int64_t interval_ms);
  ~Scheduler();  // stop()

  void start();
  void stop();
  TickResult tick();
  // Prometheus lines: clinic_messages_total{kind,outcome}.
  std::string render_metrics() const;

  static constexpr int64_t kLeaseMs = 60'000;
  static constexpr int kMaxAttempts = 5;

 private:
  void loop();
  void count(const std::string& kind, const std::string& outcome);

  Store& store_;
  WeChatClient& wechat_;
  NowFn now_;
  int64_t interval_ms_;
  std::mutex tick_mu_;  // one tick at a time in this process (claims already exclude others)
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::thread thread_;
  std::map<std::pair<std::string, std::string>, uint64_t> counts_;
  int64_t last_scan_day_ = -1;  // the daily points-expiring scan (guarded by tick_mu_)
};

}  // namespace clinic::server
