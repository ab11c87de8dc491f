// Versioned schema migrations. Each runs once, in its own transaction, and is recorded
// in schema_migrations; add new ones at the end, never edit an applied one.
#pragma once

#include <cstdint>
#include <vector>

#include "privacy/vault.h"
#include "store/sqlite.h"

namespace clinic::server {

struct Migration {
  int version;
  const char* name;
  const char* sql;
  // Optional data conversion that needs the key (e.g. hashing a column), run after `sql` in
  // the same transaction.
  void (*convert)(Db& db, const Vault& vault) = nullptr;
};

const std::vector<Migration>& migrations();
// Applies the missing ones; returns the schema version now in force.
int migrate(Db& db, const Vault& vault, int64_t now_ms);

}  // namespace clinic::server
