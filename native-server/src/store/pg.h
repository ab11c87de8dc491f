// PostgreSQL (issue 18): thin RAII over libpq, shaped like store/sqlite.h so a repository
// reads the same on both stores. One connection (PgConn) with a per-connection cache of
// named prepared statements; a query (PgQuery) collects its parameters ($1, $2, … — 1-based
// as in SQLite), runs the prepared statement once, then walks the rows with step().
// Parameters go as text, BLOBs (bytea) as binary; results come back as text (bytea
// hex-decoded by blob()). A PgConn is used by one thread at a time (PgPool hands them out).
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace clinic::server {

struct PgError : std::runtime_error {
  std::string sqlstate;  // five characters; empty when the connection itself failed
  bool connection_lost = false;
  PgError(std::string sqlstate_, const std::string& what, bool lost = false)
      : std::runtime_error(what), sqlstate(std::move(sqlstate_)), connection_lost(lost) {}
  bool constraint() const { return sqlstate.rfind("23", 0) == 0; }  // integrity constraint violation
  bool unique_violation() const { return sqlstate == "23505"; }
  // Serialization failure or deadlock: the transaction lost a race and may simply be run again.
  bool retryable() const { return sqlstate == "40001" || sqlstate == "40P01"; }
  bool disk_full() const { return sqlstate == "53100"; }
};

class PgConn;

class PgQuery {
 public:
  PgQuery(PgConn& conn, const char* sql) : conn_(conn), sql_(sql) {}
  PgQuery(const PgQuery&) = delete;
  PgQuery& operator=(const PgQuery&) = delete;
  PgQuery(PgQuery&&) = default;

  // Parameters are 1-based ($1 is bind(1, …)).
  PgQuery& bind(int i, int64_t v);
  PgQuery& bind(int i, std::string_view text);
  PgQuery& bind(int i, const char* text) { return bind(i, std::string_view(text)); }
  PgQuery& bind(int i, const std::string& text) { return bind(i, std::string_view(text)); }
  PgQuery& bind(int i, std::optional<int64_t> v) { return v ? bind(i, *v) : bind_null(i); }
  PgQuery& bind_opt(int i, const std::optional<std::string>& text);
  PgQuery& bind_blob(int i, std::string_view bytes);
  PgQuery& bind_null(int i);

  bool step();         // runs the statement on the first call; true while a row is available; throws PgError
  void run();          // runs to completion
  int64_t affected();  // rows changed by an INSERT/UPDATE/DELETE (runs the statement if needed)
  int64_t i64(int col) const;
  std::string text(int col) const;
  std::string blob(int col) const;  // bytea column
  bool is_null(int col) const;
  std::optional<std::string> opt_text(int col) const;
  std::optional<int64_t> opt_i64(int col) const;

 private:
  struct Param {
    std::optional<std::string> value;
    bool binary = false;
  };
  void execute();
  Param& param(int i);

  PgConn& conn_;
  const char* sql_;
  std::vector<Param> params_;
  std::unique_ptr<PGresult, void (*)(PGresult*)> result_{nullptr, &PQclear};
  int row_ = -1;
  int rows_ = 0;
};

class PgConn {
 public:
  // `url`: a libpq connection URI or keyword string. Throws PgError (connection_lost).
  PgConn(const std::string& url, int connect_timeout_s = 5, int64_t statement_timeout_ms = 30'000);
  PgConn(const PgConn&) = delete;
  PgConn& operator=(const PgConn&) = delete;
  ~PgConn();

  // Simple-protocol text (several statements allowed, no parameters). Throws PgError.
  void exec(const std::string& sql);
  PgQuery prepare(const char* sql) { return PgQuery(*this, sql); }
  bool ok() const { return PQstatus(conn_) == CONNECTION_OK; }
  bool in_transaction() const;
  PGconn* raw() const { return conn_; }

  // Used by PgQuery: the name of `sql`'s prepared statement on this connection (prepares it once).
  const std::string& prepared(const char* sql, int n_params);
  [[noreturn]] void fail(const PGresult* r, const std::string& context);

 private:
  PGconn* conn_ = nullptr;
  std::map<std::string, std::string, std::less<>> names_;
};

// Runs `f` under a savepoint: when it throws, only its statements are undone and the
// transaction stays usable (a caller may catch the error and go on, as on SQLite).
template <class F>
auto with_savepoint(PgConn& conn, F&& f) -> decltype(f()) {
  conn.exec("SAVEPOINT clinic_sp");
  try {
    if constexpr (std::is_void_v<decltype(f())>) {
      f();
      conn.exec("RELEASE SAVEPOINT clinic_sp");
    } else {
      auto out = f();
      conn.exec("RELEASE SAVEPOINT clinic_sp");
      return out;
    }
  } catch (...) {
    if (conn.ok()) conn.exec("ROLLBACK TO SAVEPOINT clinic_sp; RELEASE SAVEPOINT clinic_sp");
    throw;
  }
}

// libpq's URI forms: postgresql://… or postgres://…
bool is_postgres_url(std::string_view url);

}  // namespace clinic::server
