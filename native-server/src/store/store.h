// The store: SQLite in WAL mode behind the repository interfaces.
//
// Writes: ONE read-write connection, used by one thread at a time. write() queues a job and
// blocks until the job's transaction has COMMITTED (durable with synchronous=FULL). Group
// commit without a writer thread of its own: a caller that finds nobody committing becomes
// the leader; it takes every job queued (its own first), runs them in one transaction
// (BEGIN IMMEDIATE … COMMIT), each under its own SAVEPOINT so a job that throws is rolled
// back alone and its caller gets the exception, and answers the other callers only after
// the COMMIT returns: one fsync per batch instead of per request. Jobs that queued up while
// it was committing are handed on to the oldest of their callers, who leads the next batch.
// A lone write thus runs on its caller's thread with no hand-off to a writer and back.
// Reads: a pool of read-only connections; read() runs a job in one read transaction
// (a consistent snapshot). Both are thread-safe.
//
// PostgreSQL (issue 18): when `path` is a postgresql:// URL the same API runs on a PgPool
// (store/pg_pool.h) with the PostgreSQL repositories (store/pg_all_repos.h): no writer
// thread; each write() is its own SERIALIZABLE transaction, acknowledged after its COMMIT,
// re-run when it loses a serialization race (so a job must not act outside the database);
// each read() one REPEATABLE READ READ ONLY transaction. Several server instances may share
// the database.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "privacy/vault.h"
#include "store/pg_pool.h"
#include "store/repositories.h"
#include "store/sqlite.h"
#include "store/wakeup.h"

namespace clinic::server {

struct StoreOptions {
  std::string path;  // a SQLite file, or a postgresql:// URL
  std::string synchronous = "FULL";
  int readers = 4;
  int max_batch = 512;
  // PostgreSQL only: connections at most, wait for a free one, longest statement.
  int pg_connections = 20;
  int64_t pg_acquire_timeout_ms = 5'000;
  int64_t pg_statement_timeout_ms = 30'000;
  // PostgreSQL only: a streaming replica for read_stale() (empty: none), and the replay lag
  // beyond which it is passed over for the primary.
  std::string pg_replica;
  int64_t pg_replica_max_lag_ms = 30'000;
};

// Where a read_stale() ran and how stale its snapshot may be.
struct Staleness {
  bool replica = false;  // false: the primary (current as of the read)
  int64_t max_ms = 0;    // the snapshot misses at most the commits of the last max_ms (0: none)
};

class Store;

// PostgreSQL: a session advisory lock held on a connection of its own from construction to
// destruction (the startup's seeding and account building: several instances may start at
// once). Taken outside any transaction, so the transactions run under it see what the
// previous holder committed. SQLite: nothing (one process owns the file).
class StartupLock {
 public:
  explicit StartupLock(Store& store);
  ~StartupLock();
  StartupLock(const StartupLock&) = delete;
  StartupLock& operator=(const StartupLock&) = delete;

 private:
  std::unique_ptr<PgPool::Lease> lease_;
};

class Store {
 public:
  using Job = std::function<void(Repos&)>;
  // One committed batch, for metrics: how many jobs, and on SQLite how long the one writer
  // spent running them (BEGIN, each job in its savepoint) and committing (COMMIT: the WAL
  // frames, the fsync, an automatic checkpoint). The two times add up to the writer's busy
  // time, the bound on every durable write's rate (PostgreSQL runs writers in parallel and
  // reports 0 for both).
  struct CommittedBatch {
    size_t jobs = 0;
    double run_seconds = 0;
    double commit_seconds = 0;
  };
  // Called on the writer thread, once per batch.
  using BatchObserver = std::function<void(const CommittedBatch&)>;

  // Opens (creating) the database, applies migrations, starts the writer. Throws.
  Store(StoreOptions options, const Vault& vault, int64_t now_ms);
  ~Store();  // stop()

  // Runs `job` on a read connection; returns its result.
  template <class F>
  auto read(F&& job) -> std::invoke_result_t<F, Repos&>;
  // Runs `job` in the writer's next batch; returns after its COMMIT. Rethrows the job's exception.
  template <class F>
  auto write(F&& job) -> std::invoke_result_t<F, Repos&>;

  // write(), then a WAL checkpoint (TRUNCATE) before returning: for erasures, so the erased
  // values do not linger in the WAL's old page images (secure_delete zeroes them in the file).
  template <class F>
  void write_and_checkpoint(F&& job) {
    write_job([&](Repos& r) { job(r); }, true);
  }

  // A read that tolerates staleness (reports, simulations over past events): on the replica
  // when one is configured and reachable and its lag is within pg_replica_max_lag_ms, else as
  // read(). `staleness` tells which, with the bound.
  template <class F>
  auto read_stale(F&& job, Staleness& staleness) -> std::invoke_result_t<F, Repos&>;

  void read_job(const Job& job);
  Staleness read_stale_job(const Job& job);
  bool has_replica() const { return replica_ != nullptr; }
  void write_job(Job job, bool checkpoint_after = false);

  // Refuses later writes (ApiError "unavailable"), waits for the queued ones to commit.
  void stop();
  bool writer_alive() const;
  void set_batch_observer(BatchObserver observer) { observer_ = std::move(observer); }
  int schema_version() const { return schema_version_; }
  // Main file + WAL size in bytes.
  int64_t size_bytes() const;
  bool postgres() const { return pg_ != nullptr; }
  // The PostgreSQL pool (null on SQLite): for state several instances share outside the
  // repositories (the staff-login throttle).
  PgPool* pg_pool() { return pg_.get(); }
  // Writes an online, consistent copy to `dest` with the SQLite backup API (SQLite only:
  // a PostgreSQL database is backed up with pg_dump or WAL archiving).
  static void backup(const std::string& source, const std::string& dest);

 private:
  // One queued write. Shared by its caller and the leader that runs it: the leader wakes the
  // caller after the lock is released (no waking thread queues up on queue_mu_ behind it),
  // so the caller may already be gone when the leader lets go of it.
  struct Pending {
    Job job;
    bool checkpoint_after = false;
    // Written by the leader before it sets `wake`, read by the caller after it wakes.
    bool lead = false;  // handed the connection: take the queue and commit it
    std::exception_ptr error;
    Wakeup wake;  // set once: answered, or handed the connection
  };
  // The leader's part: the queue's head (at most max_batch jobs, its own first) as one
  // transaction, then the connection to the next waiting caller. Called with `lock` held,
  // returns with it released.
  void lead_batch(std::unique_lock<std::mutex>& lock);
  void checkpoint_truncate();  // writer connection, outside a transaction
  void run_batch(const std::vector<std::shared_ptr<Pending>>& batch);

  StoreOptions options_;
  const Vault& vault_;
  int schema_version_ = 0;
  BatchObserver observer_;

  std::unique_ptr<Db> writer_db_;
  mutable std::mutex queue_mu_;
  std::deque<std::shared_ptr<Pending>> queue_;
  bool committing_ = false;          // a leader holds writer_db_ (or is being handed it)
  std::condition_variable idle_cv_;  // committing_ turned false (stop() waits on it)
  bool stopped_ = false;

  std::unique_ptr<PgPool> pg_;       // set: the store is PostgreSQL, nothing below is used
  std::unique_ptr<PgPool> replica_;  // PostgreSQL with a read replica

  std::mutex readers_mu_;
  std::condition_variable readers_cv_;
  std::vector<std::unique_ptr<Db>> idle_readers_;
};

template <class F>
auto Store::read(F&& job) -> std::invoke_result_t<F, Repos&> {
  using R = std::invoke_result_t<F, Repos&>;
  if constexpr (std::is_void_v<R>) {
    read_job([&](Repos& r) { job(r); });
  } else {
    std::optional<R> out;
    read_job([&](Repos& r) { out.emplace(job(r)); });
    return std::move(*out);
  }
}

template <class F>
auto Store::read_stale(F&& job, Staleness& staleness) -> std::invoke_result_t<F, Repos&> {
  using R = std::invoke_result_t<F, Repos&>;
  if constexpr (std::is_void_v<R>) {
    staleness = read_stale_job([&](Repos& r) { job(r); });
  } else {
    std::optional<R> out;
    staleness = read_stale_job([&](Repos& r) { out.emplace(job(r)); });
    return std::move(*out);
  }
}

template <class F>
auto Store::write(F&& job) -> std::invoke_result_t<F, Repos&> {
  using R = std::invoke_result_t<F, Repos&>;
  if constexpr (std::is_void_v<R>) {
    write_job([&](Repos& r) { job(r); });
  } else {
    // The job runs on the writer thread while this thread waits, so capturing by reference is safe.
    std::optional<R> out;
    write_job([&](Repos& r) { out.emplace(job(r)); });
    return std::move(*out);
  }
}

// Turns a storage failure the caller cannot fix (disk full: "storage_full"; I/O error:
// "storage_unavailable"; both 503) into an ApiError; returns for any other SqliteError.
void rethrow_storage_error(const SqliteError& e);

}  // namespace clinic::server
