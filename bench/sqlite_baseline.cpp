// Raw SQLite baseline: one row per transaction, WAL + synchronous=FULL (the server's
// pragmas), on the same disk. What the server's durable-write rate is compared with.
// usage: sqlite_baseline DB_FILE SECONDS
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
void must(int rc, sqlite3* db, const char* what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW) {
    std::fprintf(stderr, "%s: %s\n", what, sqlite3_errmsg(db));
    std::exit(1);
  }
}
}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: sqlite_baseline DB_FILE SECONDS\n");
    return 2;
  }
  std::remove(argv[1]);
  sqlite3* db = nullptr;
  must(sqlite3_open(argv[1], &db), db, "open");
  must(sqlite3_exec(db,
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                    "CREATE TABLE t(id INTEGER PRIMARY KEY, member INTEGER, body TEXT);",
                    nullptr, nullptr, nullptr),
       db, "setup");
  sqlite3_stmt* insert = nullptr;
  must(sqlite3_prepare_v2(db, "INSERT INTO t(member, body) VALUES(?1, ?2)", -1, &insert, nullptr), db, "prepare");
  const std::string body(200, 'x');  // about the size of a ledger entry
  double limit = std::atof(argv[2]);
  auto start = std::chrono::steady_clock::now();
  long rows = 0;
  double elapsed = 0;
  while (elapsed < limit) {
    must(sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr), db, "begin");
    sqlite3_bind_int64(insert, 1, rows % 1000);
    sqlite3_bind_text(insert, 2, body.c_str(), static_cast<int>(body.size()), SQLITE_STATIC);
    must(sqlite3_step(insert), db, "insert");
    sqlite3_reset(insert);
    must(sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr), db, "commit");
    ++rows;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  std::printf("{\"rows\":%ld,\"seconds\":%.3f,\"rows_per_second\":%.1f}\n", rows, elapsed, rows / elapsed);
  sqlite3_finalize(insert);
  sqlite3_close(db);
  return 0;
}
