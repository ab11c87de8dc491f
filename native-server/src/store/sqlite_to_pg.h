// Moving a SQLite deployment to PostgreSQL (issue 18): `clinic-server migrate --from=FILE
// --to=postgresql://…`. Every table is copied row for row (sealed values stay sealed: the same
// key file serves both) in ONE PostgreSQL transaction, from one consistent SQLite snapshot,
// into a target migrated to the same schema version and holding no data yet; identity
// sequences then continue after the copied ids. The row counts of every table are compared
// before COMMIT; main.cpp then runs verify-accounts on the target.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace clinic::server {

struct CopiedTable {
  std::string table;
  int64_t source_rows = 0;
  int64_t target_rows = 0;
};

// Throws std::runtime_error (naming the table) on any problem; nothing is committed then.
std::vector<CopiedTable> copy_sqlite_to_pg(const std::string& sqlite_path, const std::string& pg_url, int64_t now_ms);

// The tables in an order that satisfies every foreign key (schema version 7).
const std::vector<std::string>& copied_tables();

}  // namespace clinic::server
