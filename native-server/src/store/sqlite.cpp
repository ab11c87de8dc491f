#include "store/sqlite.h"

#include <mutex>

namespace clinic::server {

Stmt::~Stmt() {
  sqlite3_reset(s_);
  sqlite3_clear_bindings(s_);
}

Stmt& Stmt::bind(int i, int64_t v) {
  sqlite3_bind_int64(s_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view text) {
  sqlite3_bind_text(s_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_opt(int i, const std::optional<std::string>& text) {
  return text ? bind(i, std::string_view(*text)) : bind_null(i);
}
Stmt& Stmt::bind_blob(int i, std::string_view bytes) {
  sqlite3_bind_blob(s_, i, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(s_, i);
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(s_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw SqliteError(sqlite3_extended_errcode(db_), std::string("sqlite: ") + sqlite3_errmsg(db_));
}

void Stmt::run() {
  while (step()) {
  }
}

std::string Stmt::text(int col) const {
  const unsigned char* t = sqlite3_column_text(s_, col);
  return t ? std::string(reinterpret_cast<const char*>(t), sqlite3_column_bytes(s_, col)) : std::string();
}

std::string Stmt::blob(int col) const {
  const void* b = sqlite3_column_blob(s_, col);
  return b ? std::string(static_cast<const char*>(b), sqlite3_column_bytes(s_, col)) : std::string();
}

std::optional<std::string> Stmt::opt_text(int col) const {
  if (is_null(col)) return std::nullopt;
  return text(col);
}

namespace {
// SQLite counts every allocation under one process-wide mutex unless told not to
// (memstatus; nothing here reads the counts). With dozens of threads reading and one
// committing, that mutex caused about a sixth of the server's context switches under write
// load (perf, sched_switch with call stacks). Set before the first connection opens.
void configure_sqlite_once() {
  static std::once_flag once;
  std::call_once(once, [] { sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}
}  // namespace

Db::Db(const std::string& path, Mode mode) {
  configure_sqlite_once();
  int flags = SQLITE_OPEN_NOMUTEX |
              (mode == Mode::read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw SqliteError(rc, "sqlite: cannot open " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 5000);
}

Db::~Db() {
  for (auto& kv : cache_) sqlite3_finalize(kv.second);
  sqlite3_close(db_);
}

void Db::exec(const std::string& sql) {
  // One statement (BEGIN, COMMIT, SAVEPOINT, a pragma): through the statement cache, so
  // the writer's per-job transaction control is not parsed again on every job.
  if (sql.find(';') == std::string::npos) return prepare(sql.c_str()).run();
  char* err = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw SqliteError(sqlite3_extended_errcode(db_), "sqlite: " + msg);
  }
}

Stmt Db::prepare(const char* sql) {
  auto it = cache_.find(std::string_view(sql));
  if (it == cache_.end()) {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql, -1, &s, nullptr);
    if (rc != SQLITE_OK)
      throw SqliteError(rc, std::string("sqlite: prepare failed: ") + sqlite3_errmsg(db_) + " in " + sql);
    it = cache_.emplace(sql, s).first;
  }
  return Stmt(it->second, db_);
}

}  // namespace clinic::server
