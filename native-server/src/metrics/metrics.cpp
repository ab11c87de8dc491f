#include "metrics/metrics.h"

#include <cstdio>
#include <sstream>

namespace clinic::server {
namespace {
// Seconds to the microsecond at any uptime (the stream's 6 significant digits would lose them).
std::string microseconds_text(double seconds) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", seconds);
  return buf;
}
}  // namespace

void Metrics::observe_request(const std::string& route, const std::string& method, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  ++requests_[{route, method, status}];
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    if (seconds <= kLatencyBuckets[i]) ++latency_counts_[i];
  }
  ++latency_total_;
  latency_sum_ += seconds;
}

void Metrics::observe_batch(size_t size, double run_seconds, double commit_seconds) {
  std::lock_guard<std::mutex> lock(mu_);
  for (size_t i = 0; i < kBatchBuckets.size(); ++i) {
    if (static_cast<double>(size) <= kBatchBuckets[i]) ++batch_counts_[i];
  }
  ++batches_;
  batched_writes_ += size;
  writer_run_seconds_ += run_seconds;
  writer_commit_seconds_ += commit_seconds;
}

std::string Metrics::render(int64_t db_bytes, int64_t in_flight, bool draining) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::ostringstream o;
  o << "# HELP clinic_http_requests_total HTTP requests by route pattern, method and status.\n"
       "# TYPE clinic_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    o << "clinic_http_requests_total{route=\"" << std::get<0>(key) << "\",method=\"" << std::get<1>(key)
      << "\",status=\"" << std::get<2>(key) << "\"} " << n << "\n";
  }
  o << "# HELP clinic_http_request_duration_seconds Time from a complete request to its response.\n"
       "# TYPE clinic_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
    o << "clinic_http_request_duration_seconds_bucket{le=\"" << kLatencyBuckets[i] << "\"} " << latency_counts_[i]
      << "\n";
  }
  o << "clinic_http_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_total_ << "\n"
    << "clinic_http_request_duration_seconds_sum " << latency_sum_ << "\n"
    << "clinic_http_request_duration_seconds_count " << latency_total_ << "\n";
  o << "# HELP clinic_store_commit_batch_size Write jobs committed per transaction (group commit).\n"
       "# TYPE clinic_store_commit_batch_size histogram\n";
  for (size_t i = 0; i < kBatchBuckets.size(); ++i) {
    o << "clinic_store_commit_batch_size_bucket{le=\"" << kBatchBuckets[i] << "\"} " << batch_counts_[i] << "\n";
  }
  o << "clinic_store_commit_batch_size_bucket{le=\"+Inf\"} " << batches_ << "\n"
    << "clinic_store_commit_batch_size_sum " << batched_writes_ << "\n"
    << "clinic_store_commit_batch_size_count " << batches_ << "\n";
  // Their rate summed is the share of the time the one SQLite writer is busy: near 1, every
  // durable write waits for it (more handler threads or connections will not help).
  o << "# HELP clinic_store_writer_seconds_total Time the SQLite writer spent running write jobs and committing "
       "them (0 on PostgreSQL).\n# TYPE clinic_store_writer_seconds_total counter\n"
    << "clinic_store_writer_seconds_total{phase=\"jobs\"} " << microseconds_text(writer_run_seconds_) << "\n"
    << "clinic_store_writer_seconds_total{phase=\"commit\"} " << microseconds_text(writer_commit_seconds_) << "\n";
  o << "# HELP clinic_store_db_bytes Database file plus WAL size.\n# TYPE clinic_store_db_bytes gauge\n"
    << "clinic_store_db_bytes " << db_bytes << "\n";
  o << "# HELP clinic_http_in_flight Requests being handled.\n# TYPE clinic_http_in_flight gauge\n"
    << "clinic_http_in_flight " << in_flight << "\n";
  o << "# HELP clinic_draining 1 while shutting down.\n# TYPE clinic_draining gauge\n"
    << "clinic_draining " << (draining ? 1 : 0) << "\n";
  return o.str();
}

}  // namespace clinic::server
