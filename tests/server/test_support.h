// Helpers for the server doctest suites: a fresh temporary folder per test, removed at exit.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "store/migrations.h"
#include "store/repositories.h"
#include "store/sqlite.h"

namespace clinic::server::testing {

inline std::vector<std::string>& temp_dirs() {
  static auto* dirs = new std::vector<std::string>;  // never destroyed: the atexit hook reads it
  return *dirs;
}

inline std::string temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "clinic-doctest-XXXXXX").string();
  char* made = ::mkdtemp(tmpl.data());
  if (!made) return {};
  static std::once_flag once;
  std::call_once(once, [] {
    std::atexit([] {
      if (std::getenv("CLINIC_KEEP_TEST_DIRS")) return;
      std::error_code ec;
      for (const std::string& d : temp_dirs()) std::filesystem::remove_all(d, ec);
    });
  });
  temp_dirs().push_back(made);
  return made;
}

// A one-entry earn of `points` for `member` at `clinic` (the repositories' tests).
inline LedgerEntry ledger_entry(int64_t member, int64_t clinic, std::string event, int64_t points) {
  LedgerEntry e;
  e.member_id = member;
  e.clinic_id = clinic;
  e.event_id = std::move(event);
  e.kind = "earn";
  e.points = points;
  e.at_ms = 1;
  e.entry = R"({"points":)" + std::to_string(points) + "}";
  return e;
}

// Brings an empty SQLite file to schema `version` as a server of that version left it (the
// migration tests: rows written here are then migrated by opening a Store).
inline void schema_at_version(Db& db, int version) {
  db.exec(
      "CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER "
      "NOT NULL)");
  for (const Migration& m : migrations()) {
    if (m.version > version) break;
    db.exec(m.sql);
    db.exec("INSERT INTO schema_migrations VALUES(" + std::to_string(m.version) + ", 'old', 1)");
  }
}

}  // namespace clinic::server::testing
