// Prometheus text metrics: requests by route and status, a latency histogram, group commit
// batch sizes and the SQLite writer's busy time, DB size. Thread-safe (one mutex; updates are
// tiny).
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace clinic::server {

class Metrics {
 public:
  void observe_request(const std::string& route, const std::string& method, int status, double seconds);
  // A committed batch: its size, and the writer's time running its jobs and committing it.
  void observe_batch(size_t size, double run_seconds, double commit_seconds);
  std::string render(int64_t db_bytes, int64_t in_flight, bool draining) const;

  static constexpr std::array<double, 11> kLatencyBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                             0.1,   0.25,   0.5,   1.0,  2.5};
  static constexpr std::array<double, 9> kBatchBuckets = {1, 2, 4, 8, 16, 32, 64, 128, 256};

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::array<uint64_t, kLatencyBuckets.size()> latency_counts_{};
  uint64_t latency_total_ = 0;
  double latency_sum_ = 0;
  std::array<uint64_t, kBatchBuckets.size()> batch_counts_{};
  uint64_t batches_ = 0;
  uint64_t batched_writes_ = 0;
  double writer_run_seconds_ = 0;
  double writer_commit_seconds_ = 0;
};

}  // namespace clinic::server
