// Helpers for the PostgreSQL doctest suites (test suites named "pg …"): a fresh database
// per test in the cluster ctest started (scripts/lib/pg-cluster.sh, fixture "pg"), dropped
// at the end. CLINIC_TEST_PG holds the URL of that cluster's `postgres` database; without
// it (server_tests run on its own) the suites skip.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <string>

#include "store/pg.h"

namespace clinic::server::testing {

inline std::optional<std::string> pg_admin_url() {
  const char* url = std::getenv("CLINIC_TEST_PG");
  if (!url || !*url) return std::nullopt;
  return std::string(url);
}

// `url` with its database name replaced: postgresql://[host]/DB?params
inline std::string pg_url_with_db(const std::string& url, const std::string& db) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme + 3);
  size_t query = url.find('?', slash == std::string::npos ? 0 : slash);
  if (slash == std::string::npos) return url + "/" + db;
  return url.substr(0, slash + 1) + db + (query == std::string::npos ? "" : url.substr(query));
}

class PgTestDb {
 public:
  PgTestDb() {
    auto admin = pg_admin_url();
    if (!admin) return;
    static std::atomic<int> n{0};
    name_ = "clinic_t" + std::to_string(::getpid()) + "_" + std::to_string(++n);
    admin_ = *admin;
    PgConn c(admin_);
    c.exec("DROP DATABASE IF EXISTS " + name_);
    c.exec("CREATE DATABASE " + name_);
    url_ = pg_url_with_db(admin_, name_);
  }
  ~PgTestDb() {
    if (name_.empty() || std::getenv("CLINIC_KEEP_TEST_DIRS")) return;
    try {
      PgConn c(admin_);
      c.exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
    }
  }
  bool available() const { return !url_.empty(); }
  const std::string& url() const { return url_; }

 private:
  std::string admin_, name_, url_;
};

}  // namespace clinic::server::testing
