#include "store/sqlite_to_pg.h"

#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <stdexcept>

#include "store/migrations.h"
#include "store/pg.h"
#include "store/pg_migrations.h"
#include "store/sqlite.h"

namespace clinic::server {
namespace {

// Tables with an identity id (their sequence continues after the copied rows).
const std::vector<std::string>& identity_tables() {
  static const std::vector<std::string> t = {"organizations", "clinics",        "departments",   "doctors",
                                             "slots",         "members",        "patients",      "staff",
                                             "consents",      "audit_log",      "rule_versions", "ledger_entries",
                                             "visits",        "triage_results", "bookings",      "member_code_secrets",
                                             "subscriptions", "outbox",         "reviews"};
  return t;
}

int64_t count_rows(PgConn& pg, const std::string& table) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(pg.raw(), ("SELECT COUNT(*) FROM " + table).c_str()),
                                                   &PQclear);
  if (PQresultStatus(r.get()) != PGRES_TUPLES_OK) pg.fail(r.get(), "count " + table);
  return std::strtoll(PQgetvalue(r.get(), 0, 0), nullptr, 10);
}

}  // namespace

const std::vector<std::string>& copied_tables() {
  static const std::vector<std::string> t = {"organizations",
                                             "clinics",
                                             "departments",
                                             "doctors",
                                             "slots",
                                             "members",
                                             "patients",
                                             "sessions",
                                             "staff",
                                             "consents",
                                             "audit_log",
                                             "rule_versions",
                                             "ledger_entries",
                                             "idempotency_keys",
                                             "invite_codes",
                                             "referral_bindings",
                                             "coupons",
                                             "visits",
                                             "triage_results",
                                             "bookings",
                                             "member_code_secrets",
                                             "message_templates",
                                             "subscriptions",
                                             "outbox",
                                             "reviews",
                                             "invite_qr",
                                             "clinic_posters",
                                             "member_accounts",
                                             "member_account_chunks",
                                             "ledger_reversals",
                                             "lot_fates",
                                             "spend_takes",
                                             "login_attempts",
                                             "job_runs"};
  return t;
}

std::vector<CopiedTable> copy_sqlite_to_pg(const std::string& sqlite_path, const std::string& pg_url, int64_t now_ms) {
  Db src(sqlite_path, Db::Mode::read_only);
  int source_version = 0;
  {
    Stmt v = src.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (v.step()) source_version = static_cast<int>(v.i64(0));
  }
  int latest = migrations().back().version;
  if (source_version != latest) {
    throw std::runtime_error("migrate: " + sqlite_path + " is at schema version " + std::to_string(source_version) +
                             ", this server at " + std::to_string(latest) +
                             " (start this server on it once to bring it up to date)");
  }
  {
    // A table this list does not know would be left behind: refuse instead.
    Stmt t = src.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != "
        "'schema_migrations' ORDER BY name");
    const auto& known = copied_tables();
    while (t.step()) {
      // Derived: the target's trigger rebuilds it as the ledger rows are copied (migration 8).
      if (t.text(0) == "campaign_usage") continue;
      if (std::find(known.begin(), known.end(), t.text(0)) == known.end())
        throw std::runtime_error("migrate: table " + t.text(0) + " is not known to the copy");
    }
  }
  PgConn pg(pg_url);
  if (pg_migrate(pg, now_ms) != latest) throw std::runtime_error("migrate: the target's schema version differs");
  for (const std::string& t : {std::string("organizations"), std::string("members"), std::string("ledger_entries")}) {
    if (count_rows(pg, t) != 0) throw std::runtime_error("migrate: the target already holds data (" + t + ")");
  }

  std::vector<CopiedTable> out;
  src.exec("BEGIN");  // one consistent snapshot of the source, even while a server writes to it
  pg.exec("BEGIN ISOLATION LEVEL SERIALIZABLE");
  try {
    for (const std::string& table : copied_tables()) {
      sqlite3_stmt* s = nullptr;
      // Generated columns (ledger_entries' event_type, credit_fen, invitee_ref: migration 10) are
      // computed by the target again, so only the stored columns are copied.
      std::string stored;
      {
        Stmt c = src.prepare("SELECT name FROM pragma_table_xinfo(?) WHERE hidden NOT IN (2, 3) ORDER BY cid");
        c.bind(1, table);
        while (c.step()) stored += (stored.empty() ? "" : ", ") + c.text(0);
      }
      std::string select = "SELECT " + stored + " FROM " + table;
      if (sqlite3_prepare_v2(src.raw(), select.c_str(), -1, &s, nullptr) != SQLITE_OK)
        throw std::runtime_error("migrate: " + table + ": " + sqlite3_errmsg(src.raw()));
      std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> guard(s, &sqlite3_finalize);
      int n = sqlite3_column_count(s);
      std::string cols, params;
      for (int i = 0; i < n; ++i) {
        cols += (i ? ", " : "") + std::string(sqlite3_column_name(s, i));
        params += (i ? ", $" : "$") + std::to_string(i + 1);
      }
      // OVERRIDING SYSTEM VALUE: the copied ids are kept (the rows reference each other by them).
      std::string insert = "INSERT INTO " + table + "(" + cols + ") OVERRIDING SYSTEM VALUE VALUES(" + params + ")";
      CopiedTable c{table, 0, 0};
      int rc;
      while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        PgQuery q = pg.prepare(insert.c_str());
        for (int i = 0; i < n; ++i) {
          switch (sqlite3_column_type(s, i)) {
            case SQLITE_NULL:
              q.bind_null(i + 1);
              break;
            case SQLITE_INTEGER:
              q.bind(i + 1, static_cast<int64_t>(sqlite3_column_int64(s, i)));
              break;
            case SQLITE_BLOB:
              q.bind_blob(i + 1, std::string_view(static_cast<const char*>(sqlite3_column_blob(s, i)),
                                                  sqlite3_column_bytes(s, i)));
              break;
            default:  // TEXT (and REAL, as its text)
              q.bind(i + 1, std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(s, i)),
                                             sqlite3_column_bytes(s, i)));
          }
        }
        q.run();
        ++c.source_rows;
      }
      if (rc != SQLITE_DONE) throw std::runtime_error("migrate: reading " + table + ": " + sqlite3_errmsg(src.raw()));
      c.target_rows = count_rows(pg, table);
      if (c.target_rows != c.source_rows) {
        throw std::runtime_error("migrate: " + table + ": " + std::to_string(c.source_rows) + " rows read, " +
                                 std::to_string(c.target_rows) + " in the target");
      }
      out.push_back(c);
    }
    for (const std::string& table : identity_tables()) {
      pg.exec("SELECT setval(pg_get_serial_sequence('" + table +
              "', 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) "
              "FROM " +
              table);
    }
    pg.exec("COMMIT");
  } catch (...) {
    if (pg.ok()) {
      try {
        pg.exec("ROLLBACK");
      } catch (...) {
      }
    }
    try {
      src.exec("ROLLBACK");
    } catch (...) {
    }
    throw;
  }
  src.exec("COMMIT");
  return out;
}

}  // namespace clinic::server
