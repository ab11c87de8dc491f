// Thin RAII over the SQLite C API: one connection (Db) with a prepared-statement cache,
// and a borrowed statement (Stmt) that resets itself when it goes out of scope.
// A Db is used by one thread at a time (the Store hands connections out).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace clinic::server {

struct SqliteError : std::runtime_error {
  int rc;
  SqliteError(int rc_, const std::string& what) : std::runtime_error(what), rc(rc_) {}
  bool constraint() const { return (rc & 0xff) == SQLITE_CONSTRAINT; }
};

class Stmt {
 public:
  Stmt(sqlite3_stmt* s, sqlite3* db) : s_(s), db_(db) {}
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt();

  // Parameters are 1-based, as in SQLite.
  Stmt& bind(int i, int64_t v);
  Stmt& bind(int i, std::string_view text);
  Stmt& bind(int i, const char* text) { return bind(i, std::string_view(text)); }
  Stmt& bind(int i, const std::string& text) { return bind(i, std::string_view(text)); }
  Stmt& bind_opt(int i, const std::optional<std::string>& text);
  Stmt& bind_blob(int i, std::string_view bytes);
  Stmt& bind_null(int i);

  bool step();  // true while a row is available; throws SqliteError
  void run();   // steps to completion
  int64_t i64(int col) const { return sqlite3_column_int64(s_, col); }
  std::string text(int col) const;
  std::string blob(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::optional<std::string> opt_text(int col) const;

 private:
  sqlite3_stmt* s_;
  sqlite3* db_;
};

class Db {
 public:
  enum class Mode { read_write, read_only };
  Db(const std::string& path, Mode mode);
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;
  ~Db();

  void exec(const std::string& sql);  // one statement: cached (prepare); several: sqlite3_exec
  Stmt prepare(const char* sql);      // cached per connection by text pointer contents
  int64_t last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
  int changes() const { return sqlite3_changes(db_); }
  sqlite3* raw() const { return db_; }

 private:
  sqlite3* db_ = nullptr;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

}  // namespace clinic::server
