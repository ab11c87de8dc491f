#include "store/store.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <thread>

#include "errors.h"
#include "log.h"
#include "store/migrations.h"
#include "store/pg_all_repos.h"
#include "store/pg_migrations.h"
#include "store/sqlite_repos.h"

namespace clinic::server {
namespace {

// The database file is read with pread(2), not mapped (no PRAGMA mmap_size). In WAL mode a
// connection drops its page cache AND its mapping whenever the database changed since its
// last transaction (sqlite3PagerSharedLock), so under a steady write load every read
// transaction began with a munmap of the mapped file (TLB shootdowns on every core) and
// refaulted each page it touched. Measured on the bench database (1.3 GB, check-in at 64
// connections): 244-266 µs of server CPU per request mapped, 215-235 µs with pread.

int64_t file_size(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

// A full disk or a failing device is a temporary outage of the service (503, try again
// later), not a bug in the request (500): the callers' transactions were rolled back whole.
[[noreturn]] void throw_storage(const SqliteError& e) {
  if ((e.rc & 0xff) == SQLITE_FULL) {
    throw ApiError("storage_full", {"服务器暂时无法保存数据（磁盘已满），请稍后再试",
                                    "the server cannot store data right now (disk full); please try again later"});
  }
  throw ApiError("storage_unavailable", {"服务器暂时无法保存数据，请稍后再试",
                                         "the server cannot store data right now; please try again later"});
}

}  // namespace

void rethrow_storage_error(const SqliteError& e) {
  int primary = e.rc & 0xff;
  if (primary == SQLITE_FULL || primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) {
    log_error(std::string("storage: ") + e.what());
    throw_storage(e);
  }
}

Store::Store(StoreOptions options, const Vault& vault, int64_t now_ms) : options_(std::move(options)), vault_(vault) {
  if (is_postgres_url(options_.path)) {
    PgPoolOptions po;
    po.url = options_.path;
    po.max_connections = options_.pg_connections;
    po.acquire_timeout_ms = options_.pg_acquire_timeout_ms;
    po.statement_timeout_ms = options_.pg_statement_timeout_ms;
    pg_ = std::make_unique<PgPool>(po);
    // Migrations run outside the pool's transactions (each in its own, under an advisory
    // lock, so instances starting together migrate once).
    try {
      PgPool::Lease conn = pg_->acquire();
      schema_version_ = pg_migrate(*conn, now_ms);
    } catch (const PgError& e) {
      throw std::runtime_error(std::string("PostgreSQL migrations failed: ") + e.what());
    }
    if (!options_.pg_replica.empty()) {
      // Connections are opened on demand: a replica down at start only sends reads to the primary.
      PgPoolOptions ro = po;
      ro.url = options_.pg_replica;
      ro.max_connections = std::max(2, options_.pg_connections / 4);
      ro.acquire_timeout_ms = 1'000;
      ro.connect_timeout_s = 2;
      replica_ = std::make_unique<PgPool>(ro);
    }
    return;
  }
  writer_db_ = std::make_unique<Db>(options_.path, Db::Mode::read_write);
  writer_db_->exec("PRAGMA journal_mode=WAL");
  writer_db_->exec("PRAGMA synchronous=" + options_.synchronous);
  writer_db_->exec("PRAGMA foreign_keys=ON");
  // Deleted and overwritten content is zeroed in the file, not left in free space (erasure).
  writer_db_->exec("PRAGMA secure_delete=ON");
  // The savepoint of each job in a group commit keeps the pages it changes in a sub-journal,
  // which SQLite spills to a temporary file past 64 KiB: with the default temp_store, a visit
  // confirm's transaction created, unlinked and closed a file in /var/tmp (and looked the
  // folder up) every time. With temp_store=MEMORY the sub-journal (at most the pages one
  // transaction changes) and the temporary b-trees of sorts stay in the process.
  writer_db_->exec("PRAGMA temp_store=MEMORY");
  int before = 0;
  {
    Stmt s =
        writer_db_->prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'schema_migrations'");  // 0 on a new file
    if (s.step() && s.i64(0) > 0) {
      Stmt v = writer_db_->prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      if (v.step()) before = static_cast<int>(v.i64(0));
    }
  }
  schema_version_ = migrate(*writer_db_, vault_, now_ms);
  // A migration may have rewritten personal data (migration 3 hashes openids): fold the WAL,
  // which still holds the old page images, into the file and empty it.
  if (schema_version_ != before) checkpoint_truncate();
  for (int i = 0; i < options_.readers; ++i) {
    auto db = std::make_unique<Db>(options_.path, Db::Mode::read_only);
    db->exec("PRAGMA query_only=ON");
    idle_readers_.push_back(std::move(db));
  }
}

namespace {
constexpr const char* kStartupLock = "SELECT pg_advisory_lock(1818002)";
constexpr const char* kStartupUnlock = "SELECT pg_advisory_unlock(1818002)";
}  // namespace

StartupLock::StartupLock(Store& store) {
  PgPool* pool = store.pg_pool();
  if (!pool) return;
  lease_.reset(new PgPool::Lease(pool->acquire()));
  try {
    (*lease_)->exec(kStartupLock);
  } catch (const PgError& e) {
    throw std::runtime_error(std::string("PostgreSQL startup lock: ") + e.what());
  }
}

StartupLock::~StartupLock() {
  if (!lease_) return;
  try {
    (*lease_)->exec(kStartupUnlock);
  } catch (const std::exception& e) {
    log_warn(std::string("PostgreSQL startup unlock failed: ") + e.what());  // released when the connection closes
  }
}

Store::~Store() {
  stop();
}

void Store::checkpoint_truncate() {
  try {
    Stmt s = writer_db_->prepare("PRAGMA wal_checkpoint(TRUNCATE)");
    if (s.step() && s.i64(0) != 0) log_warn("WAL checkpoint (TRUNCATE) could not finish: a reader was busy");
  } catch (const std::exception& e) {
    log_warn(std::string("WAL checkpoint failed: ") + e.what());
  }
}

void Store::stop() {
  std::unique_lock<std::mutex> lock(queue_mu_);
  stopped_ = true;
  if (pg_) return;  // in-flight transactions finish on their own threads
  // Every queued job has its caller waiting to lead or be answered: they drain on their own.
  idle_cv_.wait(lock, [&] { return !committing_ && queue_.empty(); });
  if (writer_db_) {
    // Fold the WAL back into the main file so a copied .db is complete on its own.
    try {
      writer_db_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
    } catch (const std::exception& e) {
      log_warn(std::string("checkpoint at stop failed: ") + e.what());
    }
  }
}

bool Store::writer_alive() const {
  std::lock_guard<std::mutex> lock(queue_mu_);
  return !stopped_;
}

// The bound: the primary's WAL position is taken first; a replica that has replayed up to it
// has every commit acknowledged before this read began (staleness 0). Otherwise the commits
// it misses all came after its last replayed one, so the snapshot is at most (now − the last
// replayed commit's time) old. A replica lagging more than the limit, unreachable or not in
// recovery (a promoted standby is nobody's replica) is passed over: the read goes to the primary.
Staleness Store::read_stale_job(const Job& job) {
  if (!replica_) {
    read_job(job);
    return {};
  }
  std::string primary_lsn = pg_->read([](PgConn& c) {
    PgQuery q = c.prepare("SELECT pg_current_wal_lsn()::text");
    q.step();
    return q.text(0);
  });
  std::optional<int64_t> lag;
  bool ran = false;  // the job's own errors are the caller's, not a reason to go to the primary
  try {
    replica_->read([&](PgConn& c) {
      PgQuery q = c.prepare(
          "SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn() >= $1::pg_lsn, "
          "COALESCE((EXTRACT(EPOCH FROM clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint, -1)");
      q.bind(1, primary_lsn);
      q.step();
      if (q.text(0) != "t") return;
      int64_t ms = q.text(1) == "t" ? 0 : q.i64(2);
      if (ms < 0 || ms > options_.pg_replica_max_lag_ms) return;
      lag = ms;
      ran = true;
      PgAllRepos repos(c, vault_);
      job(repos);
    });
  } catch (const PgError& e) {
    // The standby failed the statement (e.g. cancelled by a conflict with recovery): a read
    // has no effect, so the primary answers it afresh.
    log_warn(std::string("read replica: ") + e.what() + "; reading the primary");
    lag.reset();
  } catch (const ApiError& e) {
    if (ran && e.code != "storage_unavailable") throw;  // the job's own answer (e.g. invalid rules)
    log_warn("read replica unavailable; reading the primary");
    lag.reset();
  }
  if (lag) return Staleness{true, *lag};
  read_job(job);
  return {};
}

void Store::read_job(const Job& job) {
  if (pg_) {
    pg_->read([&](PgConn& c) {
      PgAllRepos repos(c, vault_);
      job(repos);
    });
    return;
  }
  std::unique_ptr<Db> db;
  {
    std::unique_lock<std::mutex> lock(readers_mu_);
    readers_cv_.wait(lock, [&] { return !idle_readers_.empty(); });
    db = std::move(idle_readers_.back());
    idle_readers_.pop_back();
  }
  struct Return {
    Store* s;
    std::unique_ptr<Db>& db;
    ~Return() {
      std::lock_guard<std::mutex> lock(s->readers_mu_);
      s->idle_readers_.push_back(std::move(db));
      s->readers_cv_.notify_one();
    }
  } give_back{this, db};
  SqliteRepos repos(*db, vault_);
  try {
    db->exec("BEGIN");
    try {
      job(repos);
    } catch (...) {
      db->exec("ROLLBACK");
      throw;
    }
    db->exec("COMMIT");
  } catch (const SqliteError& e) {
    rethrow_storage_error(e);
    throw;
  }
}

void Store::write_job(Job job, bool checkpoint_after) {
  if (pg_) {
    // Erasure on PostgreSQL: the old row versions are removed by (auto)vacuum; there is no
    // WAL file of ours to fold (checkpoint_after does not apply).
    {
      std::lock_guard<std::mutex> lock(queue_mu_);
      if (stopped_) throw ApiError("unavailable", {"服务正在停止，请稍后再试", "the store is shutting down"});
    }
    pg_->write([&](PgConn& c) {
      PgAllRepos repos(c, vault_);
      job(repos);
    });
    if (observer_) observer_({1, 0, 0});
    return;
  }
  auto me = std::make_shared<Pending>();
  me->job = std::move(job);
  me->checkpoint_after = checkpoint_after;
  std::unique_lock<std::mutex> lock(queue_mu_);
  if (stopped_) throw ApiError("unavailable", {"服务正在停止，请稍后再试", "the store is shutting down"});
  queue_.push_back(me);
  bool lead = !committing_;  // nobody is committing: this caller leads, with no hand-off
  committing_ = true;
  if (!lead) {
    lock.unlock();
    me->wake.wait();
    lead = me->lead;
    if (lead) lock.lock();
  }
  if (lead) lead_batch(lock);  // its own job is the queue's head: answered when this returns
  if (me->error) {
    try {
      std::rethrow_exception(me->error);  // the job's (or the commit's) exception
    } catch (const SqliteError& e) {
      rethrow_storage_error(e);
      throw;
    }
  }
}

void Store::lead_batch(std::unique_lock<std::mutex>& lock) {
  std::vector<std::shared_ptr<Pending>> batch;
  while (!queue_.empty() && batch.size() < static_cast<size_t>(options_.max_batch)) {
    batch.push_back(std::move(queue_.front()));
    queue_.pop_front();
  }
  lock.unlock();
  try {
    run_batch(batch);
  } catch (...) {  // run_batch answers every job itself; this is for what it cannot (bad_alloc)
    for (auto& p : batch) {
      if (!p->error) p->error = std::current_exception();
    }
  }
  std::shared_ptr<Pending> next;  // queued while this batch committed: the next leader
  lock.lock();
  if (!queue_.empty()) {
    next = queue_.front();
  } else {
    committing_ = false;
    idle_cv_.notify_all();
  }
  lock.unlock();
  // Answer only now: every successful job in this batch is durable. (The leader's own job is
  // the first; it is not waiting.)
  for (size_t i = 1; i < batch.size(); ++i) batch[i]->wake.set();
  if (next) {
    next->lead = true;
    next->wake.set();
  }
}

void Store::run_batch(const std::vector<std::shared_ptr<Pending>>& batch) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point started = Clock::now();
  std::optional<Clock::time_point> committing;  // when COMMIT was sent (not if the batch failed before)
  SqliteRepos repos(*writer_db_, vault_);
  std::vector<std::exception_ptr> errors(batch.size());
  // A transaction left open by an earlier failure (e.g. a COMMIT that hit a full disk
  // and could not roll back) would make every later BEGIN fail: close it first.
  if (!sqlite3_get_autocommit(writer_db_->raw())) {
    try {
      writer_db_->exec("ROLLBACK");
    } catch (...) {
    }
  }
  try {
    writer_db_->exec("BEGIN IMMEDIATE");
  } catch (...) {
    for (const auto& p : batch) p->error = std::current_exception();
    return;
  }
  // An error in the savepoint bookkeeping itself (the disk filled up under it) fails the
  // whole batch: nothing of it is committed, every caller gets the error.
  std::exception_ptr commit_error;
  for (size_t i = 0; i < batch.size() && !commit_error; ++i) {
    try {
      writer_db_->exec("SAVEPOINT job");
    } catch (...) {
      commit_error = std::current_exception();
      break;
    }
    try {
      batch[i]->job(repos);
      writer_db_->exec("RELEASE job");
    } catch (...) {
      errors[i] = std::current_exception();
      try {
        writer_db_->exec("ROLLBACK TO job");
        writer_db_->exec("RELEASE job");
      } catch (...) {
        commit_error = std::current_exception();
      }
    }
  }
  try {
    if (commit_error) std::rethrow_exception(commit_error);
    committing = Clock::now();
    writer_db_->exec("COMMIT");
  } catch (...) {
    commit_error = std::current_exception();
    try {
      writer_db_->exec("ROLLBACK");
    } catch (...) {
    }
  }
  // An erasure asked for the WAL to be emptied: its old page images still hold what was erased.
  bool checkpoint = false;
  for (size_t i = 0; i < batch.size(); ++i) checkpoint |= batch[i]->checkpoint_after && !errors[i];
  if (checkpoint && !commit_error) checkpoint_truncate();
  if (observer_) {  // the checkpoint an erasure asked for counts as its commit's time
    const Clock::time_point done = Clock::now();
    const Clock::time_point jobs_done = committing.value_or(done);
    observer_({batch.size(), std::chrono::duration<double>(jobs_done - started).count(),
               std::chrono::duration<double>(done - jobs_done).count()});
  }
  for (size_t i = 0; i < batch.size(); ++i) batch[i]->error = commit_error ? commit_error : errors[i];
}

int64_t Store::size_bytes() const {
  if (pg_) {
    try {
      return pg_->read([](PgConn& c) {
        PgQuery q = c.prepare("SELECT pg_database_size(current_database())");
        q.step();
        return q.i64(0);
      });
    } catch (const std::exception&) {
      return 0;  // metrics must not fail on an unreachable database
    }
  }
  return file_size(options_.path) + file_size(options_.path + "-wal");
}

void Store::backup(const std::string& source, const std::string& dest) {
  if (is_postgres_url(source)) {
    throw std::runtime_error("backup: a PostgreSQL database is backed up with pg_dump or WAL archiving, not here");
  }
  Db src(source, Db::Mode::read_only);
  Db dst(dest, Db::Mode::read_write);
  sqlite3_backup* b = sqlite3_backup_init(dst.raw(), "main", src.raw(), "main");
  if (!b) throw SqliteError(sqlite3_errcode(dst.raw()), std::string("backup: ") + sqlite3_errmsg(dst.raw()));
  int rc;
  // Small steps so a busy live server is never locked out for long.
  while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    if (rc != SQLITE_OK) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) throw SqliteError(rc, std::string("backup failed: ") + sqlite3_errstr(rc));
}

}  // namespace clinic::server
