// In-memory limits (per process), thread-safe:
//  - RateLimiter: a sliding window of events per key ("at most N per window"), used for member
//    logins and the public command API per address. A refused event is not recorded, so the
//    Retry-After it reports is the true time until the oldest counted event leaves the window.
//  - LoginThrottle: staff password guesses. An attempt is RESERVED (counted as a failure)
//    before the password is checked, so parallel guesses cannot all pass the check before any
//    failure is recorded; a success gives the reservation back. Each key allows `free`
//    failures, then every further attempt waits a growing delay after the last failure
//    (base, 2×base, 4×base … capped at the window); a key silent for a whole window is
//    forgotten. Nothing is ever locked for good, and the caller learns the true wait.
//    On PostgreSQL (share_through) its counters live in the login_attempts table instead, so
//    guesses spread over several server instances count together (issue 18); the rules are
//    the same, each reserve/succeeded one SERIALIZABLE transaction.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace clinic::server {

class PgPool;

struct Admission {
  bool ok = true;
  int64_t retry_after_ms = 0;  // when refused: the wait until the next attempt can succeed
  // Whole seconds for the Retry-After header, rounded up, at least 1.
  int64_t retry_after_s() const { return retry_after_ms <= 1000 ? 1 : (retry_after_ms + 999) / 1000; }
};

class RateLimiter {
 public:
  // Counts the event and admits it when fewer than `max` events of `key` are in the window;
  // otherwise refuses it (not counted) with the time until the oldest leaves the window.
  Admission hit(const std::string& key, int64_t now_ms, int64_t window_ms, int max);

 private:
  std::mutex mu_;
  std::map<std::string, std::deque<int64_t>> events_;
};

// At most `limit` holders at once (expensive work such as POST /api/staff/core): a Pass that
// did not get in is refused at once rather than queued, so waiting callers hold no threads.
class ConcurrencyGate {
 public:
  class Pass {
   public:
    explicit Pass(ConcurrencyGate& g) : gate_(g), admitted_(g.running_.fetch_add(1) < g.limit_) {}
    ~Pass() { gate_.running_.fetch_sub(1); }
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    bool admitted() const { return admitted_; }

   private:
    ConcurrencyGate& gate_;
    bool admitted_;
  };
  explicit ConcurrencyGate(int limit) : limit_(limit) {}
  int running() const { return running_.load(); }

 private:
  int limit_;
  std::atomic<int> running_{0};
};

class LoginThrottle {
 public:
  struct Key {
    std::string id;  // e.g. "ua:<username>|<address>"
    int free = 5;    // failures allowed before delays start
  };
  struct Reservation {
    Admission admission;
    std::vector<std::string> keys;  // the keys it counted on (empty when refused)
  };

  LoginThrottle(int64_t base_delay_ms, int64_t window_ms) : base_delay_ms_(base_delay_ms), window_ms_(window_ms) {}

  // Refused when any key is still in its delay (retry_after = the longest remaining wait);
  // otherwise counts one failure on every key, atomically, and returns the reservation.
  Reservation reserve(const std::vector<Key>& keys, int64_t now_ms);
  // The password was right: gives the reservation back, and forgets the keys in `clear` whole
  // (the owner's own account+address or device history).
  void succeeded(const Reservation& r, const std::vector<std::string>& clear);
  // The wait a key with `failures` counted has after its last failure (0 while free).
  int64_t delay_ms(int failures, int free) const;
  // Keeps the counters in the database's login_attempts table (shared by every instance on
  // it) rather than in this process. `pool` must outlive the throttle.
  void share_through(PgPool* pool) { pool_ = pool; }

 private:
  Reservation reserve_shared(const std::vector<Key>& keys, int64_t now_ms);
  void succeeded_shared(const Reservation& r, const std::vector<std::string>& clear);

  struct State {
    int failures = 0;
    int64_t last_ms = 0;
  };
  int64_t base_delay_ms_;
  int64_t window_ms_;
  std::mutex mu_;
  std::map<std::string, State> states_;
  PgPool* pool_ = nullptr;
};

}  // namespace clinic::server
