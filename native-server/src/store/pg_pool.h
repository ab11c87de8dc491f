// PostgreSQL connection pool and transactions (issue 18).
//
// Up to max_connections connections, opened on demand; a caller waits at most
// acquire_timeout_ms for one (then 503 storage_unavailable), a connection attempt at most
// connect_timeout_s, a statement at most statement_timeout_ms. A connection that broke is
// dropped, never handed out again.
// read(job): one REPEATABLE READ READ ONLY transaction (a consistent snapshot, as SQLite's
// read transactions). write(job): one SERIALIZABLE transaction per job, acknowledged (the
// call returns) only after its COMMIT succeeded; a job that throws is rolled back whole and
// its exception rethrown. A serialization failure or deadlock (40001, 40P01) runs the job
// again on a fresh transaction (up to max_attempts), so jobs must not have effects outside
// the database. Write jobs of one process run one at a time (as SQLite's single writer):
// racers inside one instance never abort each other, so retries are left to the rare races
// between instances (measured: 250 concurrent first logins on one instance lost 18-29 to
// exhausted retries when every worker wrote at once). Storage failures become ApiError: connection loss (or no
// connection within the timeouts) → 503 storage_unavailable, disk full (53100) → 503 storage_full, retries exhausted →
// 503 storage_unavailable — never a 500.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "store/pg.h"

namespace clinic::server {

struct PgPoolOptions {
  std::string url;
  int max_connections = 8;
  int64_t acquire_timeout_ms = 5'000;
  int connect_timeout_s = 5;
  int64_t statement_timeout_ms = 30'000;
  int max_attempts = 10;  // runs of a write job that keeps losing serialization races (to other instances)
};

class PgPool {
 public:
  using Job = std::function<void(PgConn&)>;
  // Observer of each retried attempt (metrics, tests); called on the caller's thread.
  using RetryObserver = std::function<void(const PgError&)>;

  explicit PgPool(PgPoolOptions options);
  ~PgPool();

  template <class F>
  auto read(F&& job) -> std::invoke_result_t<F, PgConn&> {
    return run_typed(std::forward<F>(job), false);
  }
  template <class F>
  auto write(F&& job) -> std::invoke_result_t<F, PgConn&> {
    return run_typed(std::forward<F>(job), true);
  }
  void run(const Job& job, bool write);

  void set_retry_observer(RetryObserver o) { retry_observer_ = std::move(o); }
  int open_connections() const;
  const PgPoolOptions& options() const { return options_; }

  // A connection borrowed from the pool; given back (or dropped when broken) on destruction.
  class Lease {
   public:
    Lease(PgPool& pool, std::unique_ptr<PgConn> conn) : pool_(pool), conn_(std::move(conn)) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { pool_.give_back(std::move(conn_)); }
    PgConn& operator*() { return *conn_; }
    PgConn* operator->() { return conn_.get(); }

   private:
    PgPool& pool_;
    std::unique_ptr<PgConn> conn_;
  };
  Lease acquire();  // throws ApiError storage_unavailable after acquire_timeout_ms

 private:
  template <class F>
  auto run_typed(F&& job, bool write) -> std::invoke_result_t<F, PgConn&> {
    using R = std::invoke_result_t<F, PgConn&>;
    if constexpr (std::is_void_v<R>) {
      run([&](PgConn& c) { job(c); }, write);
    } else {
      std::optional<R> out;
      run([&](PgConn& c) { out.emplace(job(c)); }, write);
      return std::move(*out);
    }
  }
  void give_back(std::unique_ptr<PgConn> conn);

  PgPoolOptions options_;
  RetryObserver retry_observer_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::mutex write_mu_;  // one write transaction at a time in this process
  std::vector<std::unique_ptr<PgConn>> idle_;
  int open_ = 0;  // idle + leased
};

// The ApiError for a storage failure (storage_full / storage_unavailable); rethrows anything
// else unchanged. Call from a catch block.
[[noreturn]] void rethrow_pg_error(const PgError& e);

}  // namespace clinic::server
