#include "auth/rate_limiter.h"

namespace clinic::server {

void RateLimiter::prune(std::deque<int64_t>& q, int64_t now_ms, int64_t window_ms) {
  while (!q.empty() && q.front() <= now_ms - window_ms) q.pop_front();
}

int RateLimiter::count(const std::string& key, int64_t now_ms, int64_t window_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = events_.find(key);
  if (it == events_.end()) return 0;
  prune(it->second, now_ms, window_ms);
  return static_cast<int>(it->second.size());
}

void RateLimiter::add(const std::string& key, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  events_[key].push_back(now_ms);
  if (events_.size() > 100'000) events_.erase(events_.begin());  // bound memory under abuse
}

bool RateLimiter::hit(const std::string& key, int64_t now_ms, int64_t window_ms, int max) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& q = events_[key];
  prune(q, now_ms, window_ms);
  q.push_back(now_ms);
  return static_cast<int>(q.size()) <= max;
}

void RateLimiter::clear(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  events_.erase(key);
}

}  // namespace clinic::server
