// The schema migrations of store/migrations.cpp expressed for PostgreSQL (issue 18): the
// same numbers, names, tables, columns, constraints and indexes (INTEGER → BIGINT, BLOB →
// BYTEA, INTEGER PRIMARY KEY → an identity column, the append-only triggers in PL/pgSQL).
// A migration added there is added here with the same number. Ids compared as ranges
// ("<event>#" <= id < "<event>$", store/sqlite_account_repo.cpp) are COLLATE "C": byte order,
// as in SQLite, whatever the database's locale. Several instances may start
// at once: each migration runs in its own transaction under one advisory lock.
#pragma once

#include <cstdint>
#include <vector>

#include "store/pg.h"

namespace clinic::server {

struct PgMigration {
  int version;
  const char* name;
  const char* sql;
};

const std::vector<PgMigration>& pg_migrations();
// Applies the missing ones; returns the schema version now in force.
int pg_migrate(PgConn& conn, int64_t now_ms);

}  // namespace clinic::server
