#include "auth/rate_limiter.h"

#include <algorithm>
#include <iterator>

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

}  // namespace clinic::server
