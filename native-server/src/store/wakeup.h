// A one-shot wake-up for a thread waiting on another (store.h: a queued write's caller).
#pragma once

#include <condition_variable>
#include <mutex>

namespace clinic::server {

// Blocks in the kernel at once. std::binary_semaphore (libstdc++ 12) spins before it blocks,
// and the spin calls sched_yield: with the callers of a write load waiting on it, a profile
// of the server showed 8-12% of its samples in sched_yield and the thread switches it caused.
class Wakeup {
 public:
  void wait() {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return set_; });
  }
  // Everything written before set() is seen after wait() returns.
  void set() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      set_ = true;
    }
    cv_.notify_one();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
};

}  // namespace clinic::server
