#include "auth/rate_limiter.h"

#include <algorithm>
#include <iterator>

#include "store/pg_pool.h"

namespace clinic::server {
namespace {

constexpr size_t kMaxKeys = 100'000;  // bounds memory under abuse (a flood of distinct keys)

}  // namespace

Admission RateLimiter::hit(const std::string& key, int64_t now_ms, int64_t window_ms, int max) {
  std::lock_guard<std::mutex> lock(mu_);
  if (events_.size() >= kMaxKeys && !events_.count(key)) {
    // Full (a flood of distinct keys): drop the keys with nothing left in the window; if none,
    // the one whose last event is oldest. Never simply the first key in order, which an
    // attacker could arrange to be somebody else's live counter.
    for (auto it = events_.begin(); it != events_.end();) {
      it = (it->second.empty() || it->second.back() <= now_ms - window_ms) ? events_.erase(it) : std::next(it);
    }
    if (events_.size() >= kMaxKeys) {
      events_.erase(std::min_element(events_.begin(), events_.end(),
                                     [](const auto& a, const auto& b) { return a.second.back() < b.second.back(); }));
    }
  }
  auto& q = events_[key];
  while (!q.empty() && q.front() <= now_ms - window_ms) q.pop_front();
  if (static_cast<int>(q.size()) >= max) return Admission{false, q.front() + window_ms - now_ms};
  q.push_back(now_ms);
  return Admission{};
}

int64_t LoginThrottle::delay_ms(int failures, int free) const {
  if (failures < free) return 0;
  int doublings = std::min(failures - free, 30);
  return std::min(base_delay_ms_ << doublings, window_ms_);
}

LoginThrottle::Reservation LoginThrottle::reserve(const std::vector<Key>& keys, int64_t now_ms) {
  if (pool_) return reserve_shared(keys, now_ms);
  std::lock_guard<std::mutex> lock(mu_);
  int64_t wait = 0;
  for (const Key& k : keys) {
    auto it = states_.find(k.id);
    if (it == states_.end()) continue;
    State& s = it->second;
    if (now_ms - s.last_ms >= window_ms_) {  // silent for a whole window: forgotten
      states_.erase(it);
      continue;
    }
    int64_t delay = delay_ms(s.failures, k.free);
    if (delay > 0) wait = std::max(wait, s.last_ms + delay - now_ms);
  }
  Reservation r;
  if (wait > 0) {
    r.admission = Admission{false, wait};
    return r;
  }
  if (states_.size() + keys.size() > kMaxKeys) {
    // Full: forget the keys silent for a window, then (still full) the least recently failed.
    for (auto it = states_.begin(); it != states_.end();) {
      it = now_ms - it->second.last_ms >= window_ms_ ? states_.erase(it) : std::next(it);
    }
    while (!states_.empty() && states_.size() + keys.size() > kMaxKeys) {
      states_.erase(std::min_element(states_.begin(), states_.end(),
                                     [](const auto& a, const auto& b) { return a.second.last_ms < b.second.last_ms; }));
    }
  }
  for (const Key& k : keys) {
    State& s = states_[k.id];
    s.failures += 1;
    s.last_ms = now_ms;
    r.keys.push_back(k.id);
  }
  return r;
}

void LoginThrottle::succeeded(const Reservation& r, const std::vector<std::string>& clear) {
  if (pool_) return succeeded_shared(r, clear);
  std::lock_guard<std::mutex> lock(mu_);
  for (const std::string& id : r.keys) {
    auto it = states_.find(id);
    if (it == states_.end()) continue;
    if (std::find(clear.begin(), clear.end(), id) != clear.end() || it->second.failures <= 1) {
      states_.erase(it);
    } else {
      it->second.failures -= 1;
    }
  }
}

// The same rules on the login_attempts table. One SERIALIZABLE transaction (re-run by the pool
// when it loses a race), so two instances reserving on the same key at once cannot both pass
// on the same count. Keys silent for a whole window are deleted as they are met, and all of
// them at each reservation (the table's bound, as kMaxKeys is the map's).
LoginThrottle::Reservation LoginThrottle::reserve_shared(const std::vector<Key>& keys, int64_t now_ms) {
  return pool_->write([&](PgConn& c) {
    c.prepare("DELETE FROM login_attempts WHERE last_ms <= $1").bind(1, now_ms - window_ms_).run();
    int64_t wait = 0;
    std::vector<int64_t> failures;
    for (const Key& k : keys) {
      PgQuery q = c.prepare("SELECT failures, last_ms FROM login_attempts WHERE throttle_key = $1");
      q.bind(1, k.id);
      int64_t f = 0;
      if (q.step()) {
        f = q.i64(0);
        int64_t delay = delay_ms(static_cast<int>(std::min<int64_t>(f, 1 << 20)), k.free);
        if (delay > 0) wait = std::max(wait, q.i64(1) + delay - now_ms);
      }
      failures.push_back(f);
    }
    Reservation r;
    if (wait > 0) {
      r.admission = Admission{false, wait};
      return r;
    }
    for (size_t i = 0; i < keys.size(); ++i) {
      c.prepare(
           "INSERT INTO login_attempts(throttle_key, failures, last_ms) VALUES($1, $2, $3) "
           "ON CONFLICT(throttle_key) DO UPDATE SET failures = excluded.failures, last_ms = excluded.last_ms")
          .bind(1, keys[i].id)
          .bind(2, failures[i] + 1)
          .bind(3, now_ms)
          .run();
      r.keys.push_back(keys[i].id);
    }
    return r;
  });
}

void LoginThrottle::succeeded_shared(const Reservation& r, const std::vector<std::string>& clear) {
  pool_->write([&](PgConn& c) {
    for (const std::string& id : r.keys) {
      bool whole = std::find(clear.begin(), clear.end(), id) != clear.end();
      c.prepare("DELETE FROM login_attempts WHERE throttle_key = $1 AND ($2 = 1 OR failures <= 1)")
          .bind(1, id)
          .bind(2, int64_t{whole ? 1 : 0})
          .run();
      c.prepare("UPDATE login_attempts SET failures = failures - 1 WHERE throttle_key = $1").bind(1, id).run();
    }
  });
}

}  // namespace clinic::server
