// Sliding-window counters in memory (per process): login throttling per username and
// per address. Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>

namespace clinic::server {

class RateLimiter {
 public:
  // Number of events for `key` within the window ending now.
  int count(const std::string& key, int64_t now_ms, int64_t window_ms);
  void add(const std::string& key, int64_t now_ms);
  // add() then true when the count (including this one) is <= max.
  bool hit(const std::string& key, int64_t now_ms, int64_t window_ms, int max);
  void clear(const std::string& key);

 private:
  void prune(std::deque<int64_t>& q, int64_t now_ms, int64_t window_ms);
  std::mutex mu_;
  std::map<std::string, std::deque<int64_t>> events_;
};

}  // namespace clinic::server
