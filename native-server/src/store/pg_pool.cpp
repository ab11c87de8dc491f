#include "store/pg_pool.h"

#include <chrono>
#include <random>
#include <thread>

#include "errors.h"
#include "log.h"

namespace clinic::server {

void rethrow_pg_error(const PgError& e) {
  if (e.disk_full()) {
    log_error(std::string("storage: ") + e.what());
    throw ApiError("storage_full", {"服务器暂时无法保存数据（磁盘已满），请稍后再试",
                                    "the server cannot store data right now (disk full); please try again later"});
  }
  // Connection loss, the server shutting down or out of resources (class 53: memory,
  // connections), or races lost too often: a temporary outage (503), not a bug (500).
  if (e.connection_lost || e.sqlstate.rfind("53", 0) == 0 || e.sqlstate.rfind("57P", 0) == 0 || e.retryable() ||
      e.sqlstate == "57014" /* statement timeout */) {
    log_error(std::string("storage: ") + e.what());
    throw ApiError("storage_unavailable", {"服务器暂时无法保存数据，请稍后再试",
                                           "the server cannot store data right now; please try again later"});
  }
  throw e;
}

PgPool::PgPool(PgPoolOptions options) : options_(std::move(options)) {
  if (options_.max_connections < 1) options_.max_connections = 1;
  if (options_.max_attempts < 1) options_.max_attempts = 1;
}

PgPool::~PgPool() = default;

int PgPool::open_connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  return open_;
}

PgPool::Lease PgPool::acquire() {
  std::unique_lock<std::mutex> lock(mu_);
  bool got = cv_.wait_for(lock, std::chrono::milliseconds(options_.acquire_timeout_ms),
                          [&] { return !idle_.empty() || open_ < options_.max_connections; });
  if (!got) {
    throw ApiError("storage_unavailable",
                   {"服务器繁忙，请稍后再试", "no database connection became free in time; please try again later"});
  }
  if (!idle_.empty()) {
    auto conn = std::move(idle_.back());
    idle_.pop_back();
    return Lease(*this, std::move(conn));
  }
  ++open_;  // reserve the slot, connect outside the lock
  lock.unlock();
  try {
    return Lease(*this,
                 std::make_unique<PgConn>(options_.url, options_.connect_timeout_s, options_.statement_timeout_ms));
  } catch (const PgError& e) {
    {
      std::lock_guard<std::mutex> relock(mu_);
      --open_;
    }
    cv_.notify_one();
    rethrow_pg_error(e);
  }
}

void PgPool::give_back(std::unique_ptr<PgConn> conn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    // A broken connection, or one left inside a transaction, is not handed out again.
    if (conn && conn->ok() && !conn->in_transaction()) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
    }
  }
  cv_.notify_one();
}

void PgPool::run(const Job& job, bool write) {
  static thread_local std::minstd_rand jitter(std::random_device{}());
  for (int attempt = 1;; ++attempt) {
    // Held for the attempt only (not across the back-off): the retry is for another instance.
    std::unique_lock<std::mutex> serial(write_mu_, std::defer_lock);
    if (write) serial.lock();
    Lease conn = acquire();
    try {
      conn->exec(write ? "BEGIN ISOLATION LEVEL SERIALIZABLE" : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        job(*conn);
      } catch (...) {
        if (conn->ok()) {
          try {
            conn->exec("ROLLBACK");
          } catch (...) {
          }
        }
        throw;
      }
      conn->exec("COMMIT");  // the write is acknowledged only once this returned
      return;
    } catch (const PgError& e) {
      if (e.retryable() && attempt < options_.max_attempts) {
        if (retry_observer_) retry_observer_(e);
        if (serial.owns_lock()) serial.unlock();
        // Back off a little, randomised, so the racers do not collide again in lockstep.
        int cap_ms = 1 << std::min(attempt, 6);
        std::this_thread::sleep_for(std::chrono::microseconds(jitter() % (cap_ms * 1000)));
        continue;
      }
      rethrow_pg_error(e);
    }
  }
}

}  // namespace clinic::server
